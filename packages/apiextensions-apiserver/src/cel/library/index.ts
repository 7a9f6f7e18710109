// Every function rules may call: CEL's standard library plus the libraries
// Kubernetes adds for CRD validation rules.

import { formatLibrary } from "./format.js";
import { ipLibrary } from "./ip.js";
import { listsLibrary } from "./lists.js";
import { optionalLibrary } from "./optional.js";
import type { Overload } from "./overload.js";
import { quantityLibrary } from "./quantity.js";
import { regexLibrary } from "./regex.js";
import { stdLibrary } from "./std.js";
import { stringsLibrary } from "./strings-ext.js";
import { urlLibrary } from "./url.js";

export type { Overload } from "./overload.js";

const ALL: Overload[] = [
  ...stdLibrary, ...stringsLibrary, ...listsLibrary, ...regexLibrary, ...optionalLibrary,
  ...urlLibrary, ...quantityLibrary, ...ipLibrary, ...formatLibrary,
];

const byName = new Map<string, Overload[]>();
for (const o of ALL) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);

/** The overloads of a function name, receiver-style or global. */
export function overloadsOf(name: string, member: boolean): Overload[] {
  return (byName.get(name) ?? []).filter((o) => o.member === member);
}

export function isKnownFunction(name: string): boolean {
  return byName.has(name);
}
