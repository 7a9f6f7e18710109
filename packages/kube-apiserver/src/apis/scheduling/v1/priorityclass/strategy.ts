// How PriorityClasses are written (upstream:
// pkg/registry/scheduling/priorityclass/strategy.go): names are DNS
// subdomains; generation is set to 1 on create and never moves.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { applyPriorityClassDefaults } from "./defaults.js";
import type { PriorityClass } from "./schema.js";
import { validatePriorityClass, validatePriorityClassUpdate } from "./validation.js";

export const priorityClassStrategy: Strategy<PriorityClass> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyPriorityClassDefaults,
  validate: validatePriorityClass,
  // As upstream, an update is validated by its own rules only (metadata aside).
  validateUpdate: validatePriorityClassUpdate,
  // Upstream's strategy sets generation 1 on create and has no rule that
  // increments it; the library bumps it on any change, so pin it here.
  canonicalize(pc) {
    pc.metadata.generation = 1;
  },
};
