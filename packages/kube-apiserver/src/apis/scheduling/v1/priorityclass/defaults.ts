// What the server fills in when a PriorityClass is decoded (upstream: SetDefaults_PriorityClass).

import type { PriorityClass } from "./schema.js";

export function applyPriorityClassDefaults(pc: PriorityClass): void {
  // Go decodes a missing value as 0 and always writes it.
  pc.value ??= 0;
  pc.preemptionPolicy ??= "PreemptLowerPriority";
}
