// How Events are written (upstream: pkg/registry/core/event/strategy.go):
// names are DNS subdomains, updates are validated like creates, no
// metadata.generation, and PUT of a missing event creates it (reporters
// update-or-create their events).

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyEventDefaults } from "./defaults.js";
import type { Event } from "./schema.js";
import { validateEvent } from "./validation.js";

export const eventStrategy: Strategy<Event> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyEventDefaults,
  prepareForCreate: applyEventDefaults,
  prepareForUpdate: applyEventDefaults,
  validate: validateEvent,
  validateUpdate: (ev) => validateEvent(ev),
  allowCreateOnUpdate: true,
  canonicalize: dropGeneration,
};
