// From a structural schema to CEL: the type `self` has at a schema node
// (for the checker and the cost estimator), and the value a JSON value
// becomes (upstream: apiserver/pkg/cel/common SchemaDeclType and
// UnstructuredToVal).
//
// Property names that are not CEL identifiers are escaped as upstream does:
// `__` -> `__underscores__`, `.` -> `__dot__`, `-` -> `__dash__`,
// `/` -> `__slash__`, and reserved words `x` -> `__x__`; names with other
// characters cannot be reached from CEL.

import type { Structural } from "../schema/structural.js";
import { isObject } from "../schema/json.js";
import { parseDuration, parseTimestamp } from "./library/time.js";
import { MAX_STRING_LENGTH_PER_REQUEST, estimateMaxItems, minSerializedSize } from "./limits.js";
import { type CelType, T } from "./types.js";
import { MapValue, type Value, unorderedLists } from "./values.js";

const RESERVED = new Set([
  "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import",
  "let", "loop", "package", "namespace", "return", "var", "void", "while",
]);

/** The CEL name of a property, or undefined when it has none. */
export function escapePropertyName(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name.replace(/__|[.\-/]/g, (m) => ({ __: "__underscores__", ".": "__dot__", "-": "__dash__", "/": "__slash__" })[m]!);
}

/** What `self` is at a schema node; `isResourceRoot` adds apiVersion, kind and metadata. */
export function celTypeOf(s: Structural, isResourceRoot = false, path = "self"): CelType {
  if (isResourceRoot || s.xEmbeddedResource) s = withTypeAndObjectMeta(s);
  if (s.xIntOrString) return T.dyn;
  switch (s.type) {
    case "integer":
      return T.int;
    case "number":
      return T.double;
    case "boolean":
      return T.bool;
    case "string": {
      const f = s.valueValidation?.format;
      if (f === "byte") return { kind: "bytes", maxSize: s.valueValidation?.maxLength ?? MAX_STRING_LENGTH_PER_REQUEST };
      if (f === "duration") return T.duration;
      if (f === "date-time" || f === "datetime" || f === "date") return T.timestamp;
      return { kind: "string", maxSize: s.valueValidation?.maxLength ?? MAX_STRING_LENGTH_PER_REQUEST };
    }
    case "array": {
      const elem = s.items ? celTypeOf(s.items, false, `${path}.@items`) : T.dyn;
      return { kind: "list", elem, maxSize: s.valueValidation?.maxItems ?? estimateMaxItems(s.items ? minSerializedSize(s.items) : 1) };
    }
    case "object": {
      if (s.properties) {
        const fields = new Map<string, CelType>();
        for (const [k, v] of Object.entries(s.properties)) {
          const name = escapePropertyName(k);
          if (name) fields.set(name, celTypeOf(v, false, `${path}.${k}`));
        }
        return { kind: "object", name: path, fields, maxSize: s.valueValidation?.maxProperties ?? estimateMaxItems(2) };
      }
      if (s.additionalProperties?.schema) {
        const ap = s.additionalProperties.schema;
        return {
          kind: "map", key: T.string, value: celTypeOf(ap, false, `${path}.@additionalProperties`),
          maxSize: s.valueValidation?.maxProperties ?? estimateMaxItems(minSerializedSize(ap) + 3),
        };
      }
      if (s.xPreserveUnknownFields) return T.dyn;
      return { kind: "object", name: path, fields: new Map(), maxSize: 0 };
    }
    default:
      return T.dyn;
  }
}

const STRING: Structural = { type: "string" };

/** A resource root's schema with apiVersion, kind and metadata.name/generateName declared. */
function withTypeAndObjectMeta(s: Structural): Structural {
  const props = { ...(s.properties ?? {}) };
  props["apiVersion"] ??= STRING;
  props["kind"] ??= STRING;
  const meta = props["metadata"];
  props["metadata"] = {
    ...(meta ?? {}),
    type: "object",
    properties: { name: STRING, generateName: STRING, ...(meta?.properties ?? {}) },
  };
  return { ...s, type: "object", properties: props, xEmbeddedResource: false };
}

/** Converts JSON data to CEL values by its schema; converted subtrees are cached by identity. */
export class ValueConverter {
  private readonly cache = new WeakMap<object, Map<Structural, Value>>();

  toValue(x: unknown, s: Structural | undefined, isResourceRoot = false): Value {
    if (s && (isResourceRoot || s.xEmbeddedResource)) s = withTypeAndObjectMeta(s);
    if (x !== null && typeof x === "object" && s) {
      const hit = this.cache.get(x)?.get(s);
      if (hit !== undefined) return hit;
      const v = this.convert(x, s);
      let bySchema = this.cache.get(x);
      if (!bySchema) this.cache.set(x, (bySchema = new Map()));
      bySchema.set(s, v);
      return v;
    }
    return this.convert(x, s);
  }

  private convert(x: unknown, s: Structural | undefined): Value {
    if (x === null || x === undefined) return null;
    if (typeof x === "boolean") return x;
    if (typeof x === "number") {
      if (s?.type === "number") return x;
      return Number.isInteger(x) ? BigInt(x) : x;
    }
    if (typeof x === "string") {
      if (s?.type === "string") {
        const f = s.valueValidation?.format;
        try {
          if (f === "byte") return Uint8Array.from(Buffer.from(x, "base64"));
          if (f === "duration") return parseDuration(x);
          if (f === "date-time" || f === "datetime") return parseTimestamp(x);
          if (f === "date") return parseTimestamp(`${x}T00:00:00Z`);
        } catch {
          return x;
        }
      }
      return x;
    }
    if (Array.isArray(x)) {
      const out = x.map((v) => this.toValue(v, s?.items));
      if (s?.xListType === "set" || s?.xListType === "map") unorderedLists.add(out);
      return out;
    }
    if (isObject(x)) {
      const entries: [string, Value][] = [];
      for (const [k, v] of Object.entries(x)) {
        const prop = s?.properties?.[k];
        if (prop) {
          const name = escapePropertyName(k);
          if (name) entries.push([name, this.toValue(v, prop)]);
        } else if (s?.additionalProperties?.schema) {
          entries.push([k, this.toValue(v, s.additionalProperties.schema)]);
        } else if (!s || s.xPreserveUnknownFields || s.additionalProperties) {
          entries.push([k, this.toValue(v, undefined)]);
        }
      }
      return new MapValue(entries, s?.properties ? "object" : undefined);
    }
    return null;
  }
}
