// How LimitRanges are written (upstream: pkg/registry/core/limitrange/strategy.go):
// names are DNS subdomains, the same rules on create and update, and no
// metadata.generation. The limits take effect through the LimitRanger
// admission plugin, which this server does not run yet.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyLimitRangeDefaults } from "./defaults.js";
import type { LimitRange } from "./schema.js";
import { validateLimitRange } from "./validation.js";

export const limitRangeStrategy: Strategy<LimitRange> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyLimitRangeDefaults,
  validate: validateLimitRange,
  validateUpdate: validateLimitRange,
  canonicalize: dropGeneration,
};
