// A CEL rule's `fieldPath` (`.spec.x`, `.spec['a.b']`, `.labels.app`): which
// field it names, relative to the rule's schema node (upstream: cel.ValidFieldPath).

import { FieldPath } from "@tskube/apimachinery";
import type { Structural } from "./structural.js";

/**
 * Whether a rule's fieldPath (`.spec.x`, `.spec['a.b']`, `.labels.app`)
 * names a field of the schema (upstream: cel.ValidFieldPath).
 */
export function validFieldPath(jsonPath: string, schema: Structural): boolean {
  return resolveFieldPath(jsonPath, schema) !== undefined;
}

/** The field path a rule's fieldPath stands for, relative to the rule's node; undefined if invalid. */
export function resolveFieldPath(jsonPath: string, schema: Structural): string | undefined {
  return walkFieldPath(jsonPath, schema)?.path;
}

/**
 * Follows a simple path (`.spec.x`, `.spec['a.b']`) through the schema: the
 * field path it names and the schema of that field, if it has one (CEL
 * fieldPaths, and the CRD's selectableFields, which must reach a scalar). Undefined if the path
 * is malformed or leaves the schema.
 */
export function walkFieldPath(jsonPath: string, schema: Structural): { path: string; schema: Structural | undefined } | undefined {
  let s: Structural | undefined = schema;
  let out: FieldPath | undefined;
  const re = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]/y;
  let pos = 0;
  while (pos < jsonPath.length) {
    re.lastIndex = pos;
    const m = re.exec(jsonPath);
    if (!m || !s) return undefined;
    pos = re.lastIndex;
    const name = m[1] ?? m[2]!.replace(/\\(.)/g, "$1");
    if (s.properties) {
      s = s.properties[name];
      if (!s) return undefined;
      out = out ? out.child(name) : FieldPath.root(name);
    } else if (s.additionalProperties) {
      s = s.additionalProperties.schema;
      out = (out ?? FieldPath.root("")).key(name);
    } else return undefined;
  }
  // A map whose values have no schema (`additionalProperties: true`) still names a field.
  return out === undefined ? undefined : { path: out.toString(), schema: s };
}
