// Strategic merge patch needs two facts about every list it merges, which
// upstream reads from Go struct tags (`patchStrategy:"merge"
// patchMergeKey:"name"`). Here they live in zod metadata on the field's
// schema, under the names OpenAPI uses:
//
//   containers: z.array(ContainerSchema).meta({
//     "x-kubernetes-patch-strategy": "merge",
//     "x-kubernetes-patch-merge-key": "name",
//   })
//
// This module finds the schema of a child field and reads those two facts.
// A field's schema is usually wrapped (`.optional()`, `.nullable()`,
// `.default()`, `z.preprocess(...)`, `z.lazy(...)`), and `.meta()` may sit on
// any layer, so the walker looks through the wrappers and collects the
// metadata of every layer on the way; the outermost layer wins a conflict.
//
// zod 4 keeps `.meta()` in a registry (z.globalRegistry) keyed by the schema
// instance; wrappers are new instances and do not inherit it, which is why
// each layer is read. To tell the layers apart the walker switches on
// `_zod.def.type`, the discriminator zod 4 provides for code that walks schemas.

import { z } from "zod";

export const PATCH_STRATEGY_META = "x-kubernetes-patch-strategy";
export const PATCH_MERGE_KEY_META = "x-kubernetes-patch-merge-key";

export type Schema = z.core.$ZodType;

/** What strategic merge patch knows about one field. */
export interface FieldPatchInfo {
  /** The field's schema with its wrappers removed; undefined when the parent's schema does not describe the field. */
  schema: Schema | undefined;
  /** Patch strategies from the metadata: [], ["merge"], ["retainKeys"], ["merge", "retainKeys"], ["replace"]. */
  strategies: string[];
  /** The key list elements are matched by ("name" for containers); "" when the field has none. */
  mergeKey: string;
}

const NO_INFO: FieldPatchInfo = { schema: undefined, strategies: [], mergeKey: "" };

/** Guards against a lazy schema that resolves to itself. */
const MAX_WRAPPERS = 64;

/** Removes the wrappers around a schema and collects the metadata found on each layer (outer layers first). */
export function unwrapSchema(schema: Schema): { schema: Schema; meta: Record<string, unknown> } {
  const meta: Record<string, unknown> = {};
  let current = schema;
  for (let depth = 0; depth < MAX_WRAPPERS; depth++) {
    const layerMeta = z.globalRegistry.get(current);
    if (layerMeta) {
      for (const [key, value] of Object.entries(layerMeta)) if (!(key in meta)) meta[key] = value;
    }
    const inner = innerSchema(current);
    if (inner === undefined) break;
    current = inner;
  }
  return { schema: current, meta };
}

/** The schema a wrapper wraps, or undefined when `schema` is not a wrapper. */
function innerSchema(schema: Schema): Schema | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return (schema as z.core.$ZodOptional)._zod.def.innerType;
    case "lazy":
      return (schema as z.core.$ZodLazy)._zod.def.getter();
    case "pipe": {
      // z.preprocess(fn, S) is pipe(transform, S): the shape is S. For
      // S.transform(fn) and codecs the shape of the JSON input is the `in` side.
      const pipe = (schema as z.core.$ZodPipe)._zod.def;
      return pipe.in._zod.def.type === "transform" ? pipe.out : pipe.in;
    }
    case "union": {
      // `X | null` and `X | undefined` describe X; other unions say nothing definite.
      const options = (schema as z.core.$ZodUnion)._zod.def.options.filter(
        (option) => !["null", "undefined"].includes(option._zod.def.type),
      );
      return options.length === 1 ? options[0] : undefined;
    }
    default:
      return undefined;
  }
}

/** The schema of field `key` of an object (or map) schema, wrappers not yet removed. */
function childSchema(parent: Schema, key: string): Schema | undefined {
  const def = parent._zod.def;
  switch (def.type) {
    case "object": {
      const object = (parent as z.core.$ZodObject)._zod.def;
      return Object.prototype.hasOwnProperty.call(object.shape, key) ? object.shape[key] : object.catchall;
    }
    case "record":
      return (parent as z.core.$ZodRecord)._zod.def.valueType;
    case "intersection": {
      const both = (parent as z.core.$ZodIntersection)._zod.def;
      return childSchema(unwrapSchema(both.left).schema, key) ?? childSchema(unwrapSchema(both.right).schema, key);
    }
    default:
      return undefined;
  }
}

/**
 * What the parent's schema says about its field `key`. Without a parent
 * schema, or for a field it does not declare, the answer is "nothing": no
 * strategy, no merge key, no schema below, so the subtree is merged like a
 * JSON merge patch (maps merge, lists are replaced).
 */
export function fieldPatchInfo(parent: Schema | undefined, key: string): FieldPatchInfo {
  if (parent === undefined) return NO_INFO;
  const child = childSchema(unwrapSchema(parent).schema, key);
  if (child === undefined) return NO_INFO;
  const { schema, meta } = unwrapSchema(child);
  const strategy = meta[PATCH_STRATEGY_META];
  const mergeKey = meta[PATCH_MERGE_KEY_META];
  return {
    schema,
    strategies: typeof strategy === "string" && strategy !== "" ? strategy.split(",").map((s) => s.trim()) : [],
    mergeKey: typeof mergeKey === "string" ? mergeKey : "",
  };
}

/** The schema of the elements of a list schema; undefined when `list` is not (or not known to be) an array. */
export function elementSchema(list: Schema | undefined): Schema | undefined {
  if (list === undefined) return undefined;
  const array = unwrapSchema(list).schema;
  return array._zod.def.type === "array" ? (array as z.core.$ZodArray)._zod.def.element : undefined;
}
