// CEL types as the checker sees them. Types made from a schema carry the
// schema's size bounds (maxLength, maxItems, maxProperties, or what fits in
// a request), which the cost estimator multiplies by.

export type PrimitiveKind = "int" | "uint" | "double" | "bool" | "string" | "bytes" | "null_type" | "timestamp" | "duration" | "type" | "dyn";

export type CelType =
  | { kind: PrimitiveKind; maxSize?: number }
  | { kind: "list"; elem: CelType; maxSize?: number }
  | { kind: "map"; key: CelType; value: CelType; maxSize?: number }
  /** An object of a schema: its properties are its fields. */
  | { kind: "object"; name: string; fields: Map<string, CelType>; maxSize?: number }
  /** A library type such as kubernetes.URL, or optional_type(T). */
  | { kind: "opaque"; name: string; params: CelType[]; maxSize?: number }
  | { kind: "param"; name: string; maxSize?: number };

const prim = (kind: PrimitiveKind): CelType => ({ kind });
export const T = {
  int: prim("int"), uint: prim("uint"), double: prim("double"), bool: prim("bool"), string: prim("string"),
  bytes: prim("bytes"), null: prim("null_type"), timestamp: prim("timestamp"), duration: prim("duration"),
  type: prim("type"), dyn: prim("dyn"),
  list: (elem: CelType): CelType => ({ kind: "list", elem }),
  map: (key: CelType, value: CelType): CelType => ({ kind: "map", key, value }),
  opaque: (name: string, ...params: CelType[]): CelType => ({ kind: "opaque", name, params }),
  optional: (of: CelType): CelType => ({ kind: "opaque", name: "optional_type", params: [of] }),
  param: (name: string): CelType => ({ kind: "param", name }),
};
export const A = T.param("A");
export const B = T.param("B");
export const K = T.param("K");
export const V = T.param("V");

export function typeString(t: CelType): string {
  switch (t.kind) {
    case "list":
      return `list(${typeString(t.elem)})`;
    case "map":
      return `map(${typeString(t.key)}, ${typeString(t.value)})`;
    case "object":
      return t.name;
    case "opaque":
      return t.params.length ? `${t.name}(${t.params.map(typeString).join(", ")})` : t.name;
    case "param":
      return t.name;
    case "timestamp":
      return "google.protobuf.Timestamp";
    case "duration":
      return "google.protobuf.Duration";
    default:
      return t.kind;
  }
}

export type Bindings = Map<string, CelType>;

/** Whether `actual` fits `param`, binding type parameters; dyn fits everything. */
export function unify(param: CelType, actual: CelType, b: Bindings): boolean {
  if (param.kind === "param") {
    const bound = b.get(param.name);
    if (!bound || bound.kind === "dyn") {
      b.set(param.name, actual);
      return true;
    }
    if (actual.kind === "dyn") return true;
    return unify(bound, actual, b);
  }
  if (actual.kind === "dyn" || param.kind === "dyn") return true;
  if (actual.kind === "param") return true;
  switch (param.kind) {
    case "list":
      return actual.kind === "list" && unify(param.elem, actual.elem, b);
    case "map":
      if (actual.kind === "object") return unify(param.key, T.string, b) && unify(param.value, T.dyn, b);
      return actual.kind === "map" && unify(param.key, actual.key, b) && unify(param.value, actual.value, b);
    case "object":
      return actual.kind === "object" && actual.name === param.name;
    case "opaque":
      return actual.kind === "opaque" && actual.name === param.name && param.params.every((p, i) => unify(p, actual.params[i] ?? T.dyn, b));
    default:
      return actual.kind === param.kind;
  }
}

/** `t` with its type parameters replaced by what they were bound to (dyn if unbound). */
export function substitute(t: CelType, b: Bindings): CelType {
  switch (t.kind) {
    case "param":
      return b.get(t.name) ?? T.dyn;
    case "list":
      return { kind: "list", elem: substitute(t.elem, b) };
    case "map":
      return { kind: "map", key: substitute(t.key, b), value: substitute(t.value, b) };
    case "opaque":
      return { kind: "opaque", name: t.name, params: t.params.map((p) => substitute(p, b)) };
    default:
      return t;
  }
}

export function sameType(a: CelType, b: CelType): boolean {
  return typeString(a) === typeString(b);
}
