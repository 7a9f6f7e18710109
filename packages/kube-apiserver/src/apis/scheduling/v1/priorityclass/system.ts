// The two priority classes every cluster has, for the system's own pods
// (upstream: SystemPriorityClasses in pkg/apis/scheduling). Names starting
// with system- are reserved for these; the API server creates them at start.

import { SYSTEM_CRITICAL_PRIORITY } from "./schema.js";

export interface SystemPriorityClass {
  name: string;
  value: number;
  globalDefault: boolean;
  description: string;
}

export const SYSTEM_PRIORITY_CLASSES: readonly SystemPriorityClass[] = [
  {
    name: "system-node-critical",
    value: SYSTEM_CRITICAL_PRIORITY + 1000,
    globalDefault: false,
    // Upstream's text: it is part of the object clients read.
    description: "Used for system critical pods that must not be moved from their current node.",
  },
  {
    name: "system-cluster-critical",
    value: SYSTEM_CRITICAL_PRIORITY,
    globalDefault: false,
    description: "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
  },
];

/** Why `name` may not be used with this value and globalDefault, or undefined when it is a system class as defined. */
export function systemPriorityClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES.find((spc) => spc.name === name);
  if (known === undefined) return `${name} is not a known system priority class`;
  if (known.value !== value) return `value of ${known.name} PriorityClass must be ${known.value}`;
  if (known.globalDefault !== globalDefault) return `globalDefault of ${known.name} PriorityClass must be ${known.globalDefault}`;
  return undefined;
}
