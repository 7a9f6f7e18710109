// Flunder defaults (upstream: the sample's SetDefaults_FlunderSpec): a
// reference without a type refers to a flunder.

import type { Flunder } from "./schema.js";

export function applyFlunderDefaults(flunder: Flunder): void {
  const spec = flunder.spec;
  if (spec?.reference && spec.referenceType === undefined) spec.referenceType = "Flunder";
}
