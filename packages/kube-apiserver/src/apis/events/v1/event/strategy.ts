// How events.k8s.io/v1 Events are written: as core/v1 Events are (names are
// DNS subdomains, no metadata.generation, a PUT of a missing event creates
// it), with this version's validation (validation.ts).

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import type { Event } from "./schema.js";
import { validateEventCreate, validateEventUpdate } from "./validation.js";

/** The fields upstream always serializes: regarding and deprecatedSource ({}), eventTime and the timestamps (null). */
export function applyEventDefaults(ev: Event): void {
  ev.eventTime ??= null;
  ev.regarding ??= {};
  ev.deprecatedSource ??= {};
  ev.deprecatedFirstTimestamp ??= null;
  ev.deprecatedLastTimestamp ??= null;
}

export const eventStrategy: Strategy<Event> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyEventDefaults,
  prepareForCreate: applyEventDefaults,
  prepareForUpdate: applyEventDefaults,
  validate: validateEventCreate,
  validateUpdate: validateEventUpdate,
  allowCreateOnUpdate: true,
  canonicalize: dropGeneration,
};
