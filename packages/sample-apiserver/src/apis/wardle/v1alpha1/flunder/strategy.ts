// How flunders are written: defaults, validation on create and update, and
// no metadata.generation (upstream's sample strategy keeps none).

import type { Strategy } from "@tskube/generic-apiserver";
import { applyFlunderDefaults } from "./defaults.js";
import type { Flunder } from "./schema.js";
import { validateFlunder } from "./validation.js";

export const flunderStrategy: Strategy<Flunder> = {
  applyDefaults: applyFlunderDefaults,
  validate: validateFlunder,
  validateUpdate: validateFlunder,
  canonicalize(flunder) {
    delete flunder.metadata.generation;
  },
};
