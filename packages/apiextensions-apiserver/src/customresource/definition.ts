// A served version of a custom resource as the generic registry serves it
// (upstream: the crdHandler's serving info per version): a
// ResourceDefinition made from the CRD, and its registry store on the
// resource's versioned storage. Names come from status.acceptedNames, the
// names the naming controller let this CRD have.

import type { KubeObject } from "@tskube/apimachinery";
import {
  ALL_VERBS,
  type RegistryResourceStorage,
  type ResourceDefinition,
  type Verb,
  createRegistryStore,
} from "@tskube/generic-apiserver";
import type { Storage } from "@tskube/storage";
import { columnsOf, schemaOf, selectableFieldsOf } from "../apis/apiextensions/v1/helpers.js";
import type { CustomResourceDefinition, CustomResourceDefinitionVersion } from "../apis/apiextensions/v1/schema.js";
import { type Structural, toStructural } from "../schema/structural.js";
import type { CustomResourceConverter } from "../conversion/converter.js";
import { scaleAccessors } from "./scale.js";
import { customResourceSchema } from "./schema.js";
import { selectableFieldsOf as selectableFieldGetters } from "./selectable-fields.js";
import { versionedStorage } from "./storage.js";
import { customResourceStrategy } from "./strategy.js";
import { printerColumns } from "./table.js";

/** What discovery lists for a CRD being deleted (upstream's discovery controller). */
const TERMINATING_VERBS: readonly Verb[] = ["delete", "deletecollection", "get", "list", "watch"];

/** The key prefix of a CRD's objects: `/<group>/<plural>` (under the server's `/registry`). */
export function customResourcePrefix(crd: CustomResourceDefinition): string {
  return `/${crd.spec.group}/${crd.spec.names.plural}`;
}

export function customResourceDefinitionFor(
  crd: CustomResourceDefinition,
  version: CustomResourceDefinitionVersion,
  structural: Structural | undefined,
  terminating: boolean,
): ResourceDefinition<KubeObject> {
  const names = crd.status?.acceptedNames ?? crd.spec.names;
  const group = crd.spec.group;
  const schema = schemaOf(version);
  const kind = names.kind;
  const listKind = names.listKind || `${kind}List`;
  const subresources = version.subresources;
  const scale = subresources?.scale;
  const selectable = selectableFieldsOf(version);
  return {
    group,
    version: version.name,
    kind,
    listKind,
    resource: names.plural,
    singular: names.singular || kind.toLowerCase(),
    ...(names.shortNames?.length ? { shortNames: [...names.shortNames] } : {}),
    ...(names.categories?.length ? { categories: [...names.categories] } : {}),
    namespaced: crd.spec.scope === "Namespaced",
    verbs: ALL_VERBS,
    ...(terminating ? { discoveryVerbs: TERMINATING_VERBS } : {}),
    discoveryStyle: "custom-resource",
    schema: customResourceSchema(structural, { group, version: version.name, kind, listKind, plural: names.plural }),
    strategy: customResourceStrategy({ structural, scale }),
    tableColumns: printerColumns(columnsOf(version)),
    // The columns are all the CRD's own (Age is one of them by default).
    ageColumn: false,
    subresources: {
      ...(subresources?.status !== undefined ? { status: true } : {}),
      ...(scale !== undefined ? { scale: scaleAccessors(scale) } : {}),
    },
    ...(selectable.length > 0 ? { selectableFields: selectableFieldGetters(selectable) } : {}),
    // Custom resources take JSON patch, merge patch and apply; strategic merge patch is a 415.
    strategicMergePatch: false,
    ...(schema?.description ? { description: schema.description } : {}),
  };
}

export interface ServedVersionOptions {
  /** The CRD is being deleted: discovery lists fewer verbs. */
  terminating: boolean;
  /** The resource's storage, in the storage version. */
  stored: Storage<KubeObject>;
  converter: CustomResourceConverter;
  storageVersion: string;
}

/** The registry store of one served version, with its definition. */
export function servedVersion(
  crd: CustomResourceDefinition,
  version: CustomResourceDefinitionVersion,
  opts: ServedVersionOptions,
): RegistryResourceStorage<KubeObject> {
  const schema = schemaOf(version);
  const structural = schema === undefined ? undefined : toStructural(schema);
  const def = customResourceDefinitionFor(crd, version, structural, opts.terminating);
  return createRegistryStore(def, {
    storage: versionedStorage({
      stored: opts.stored,
      converter: opts.converter,
      group: def.group,
      version: def.version,
      storageVersion: opts.storageVersion,
      structural,
    }),
    resourcePrefix: customResourcePrefix(crd),
    // No garbage collector runs: its finalizers would never be removed.
    garbageCollection: false,
  });
}
