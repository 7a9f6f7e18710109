// Names of OpenAPI definitions, upstream's way: the reversed Go package path
// of the type plus its name, e.g. `io.k8s.api.core.v1.ConfigMap` or
// `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`. kubectl prints the last
// segment as a field's type (`<ObjectMeta>`), and strategic merge patch
// follows the references by name.
//
// A zod schema gets its own definition (instead of being written inline
// where it is used) when:
//   - it is a served kind (named from its group, version and kind),
//   - it is one of the shared meta/v1 types registered in well-known.ts,
//   - or its author named it: `.meta({ id: "io.k8s.api.apps.v1.DeploymentSpec" })`.

import { z } from "zod";
import type { GroupVersionKind } from "./types.js";

/** Groups whose types live outside k8s.io/api upstream, or whose package is not the group's first label. */
const SPECIAL_NAMESPACES: Record<string, string> = {
  "": "io.k8s.api.core",
  "apiextensions.k8s.io": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
  "apiregistration.k8s.io": "io.k8s.kube-aggregator.pkg.apis.apiregistration",
  "internal.apiserver.k8s.io": "io.k8s.api.apiserverinternal",
  "metrics.k8s.io": "io.k8s.metrics.pkg.apis.metrics",
};

/**
 * The prefix of a group's definitions. Built-in groups (no dot, or ending in
 * `.k8s.io`) live in `io.k8s.api.<first label>`; any other group is reversed,
 * as upstream names custom resources (`stable.example.com` -> `com.example.stable`).
 */
export function definitionNamespace(group: string): string {
  const special = SPECIAL_NAMESPACES[group];
  if (special !== undefined) return special;
  if (!group.includes(".") || group.endsWith(".k8s.io")) return `io.k8s.api.${group.split(".")[0]}`;
  return group.split(".").reverse().join(".");
}

export function kindDefinitionName(gvk: GroupVersionKind): string {
  return `${definitionNamespace(gvk.group)}.${gvk.version}.${gvk.kind}`;
}

/** The prefix of every meta/v1 definition. */
export const META_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1";

/** A schema that is published as its own definition. */
export interface NamedSchema {
  name: string;
  /** The definition's description, when the schema itself carries none. */
  description?: string;
  /** The kinds this definition is the schema of (`x-kubernetes-group-version-kind`). */
  gvk?: GroupVersionKind[];
  /**
   * The schema that carries the name, when the name was found on a parent of
   * the schema asked about: a field's `Schema.describe("...")` copy refers to
   * the definition of `Schema`, which must be written from `Schema` itself,
   * not from the field's copy with its field-level description and extensions.
   */
  owner?: z.core.$ZodType;
}

/**
 * Which zod schemas are published as named definitions. Lookup follows a
 * schema's `_zod.parent` chain: zod's `.describe()` and `.meta()` return a
 * copy whose parent is the original, so `TimeSchema.describe("When ...")`
 * still refers to the Time definition, with its own field description.
 */
export class DefinitionNames {
  readonly #byIdentity = new Map<z.core.$ZodType, NamedSchema>();

  constructor(from?: DefinitionNames) {
    if (from) for (const [schema, named] of from.#byIdentity) this.#byIdentity.set(schema, named);
  }

  /** Publishes `schema` as the definition `name`. The first name given to a schema wins. */
  register(schema: z.core.$ZodType, named: NamedSchema): void {
    if (!this.#byIdentity.has(schema)) this.#byIdentity.set(schema, named);
  }

  nameOf(schema: z.core.$ZodType): NamedSchema | undefined {
    // The description nearest to the named schema on the way up: the type's
    // own words (`obj(id, shape, "words")` describes the named schema's copy),
    // rather than a field's (`Type.describe("field words")`, further down).
    let typeDescription: string | undefined;
    for (let s: z.core.$ZodType | undefined = schema; s !== undefined; s = s._zod.parent) {
      const registered = this.#byIdentity.get(s);
      if (registered) return s === schema ? registered : { description: typeDescription, ...registered, owner: s };
      // An `id` the schema's author set: zod does not pass ids on to copies, so this is the schema's own.
      const meta = z.globalRegistry.get(s);
      if (meta?.id !== undefined) {
        if (s === schema) return { name: meta.id };
        const description = meta.description ?? typeDescription;
        return { name: meta.id, owner: s, ...(description !== undefined ? { description } : {}) };
      }
      if (meta?.description !== undefined) typeDescription = meta.description;
    }
    return undefined;
  }
}
