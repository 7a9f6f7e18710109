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
  return out?.toString();
}
