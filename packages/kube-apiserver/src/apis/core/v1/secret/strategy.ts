// How Secrets are written (upstream: pkg/registry/core/secret/strategy.go):
// names are DNS subdomains; decoding merges stringData into data and
// defaults the type (defaults.ts); validation.ts holds the rules.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applySecretDefaults, mergeStringData } from "./defaults.js";
import type { Secret } from "./schema.js";
import { validateSecret, validateSecretUpdate } from "./validation.js";

export const secretStrategy: Strategy<Secret> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applySecretDefaults,
  // Objects written from inside the server skip decoding: merge here too, so
  // stringData is never stored whichever way a Secret arrives.
  prepareForCreate: mergeStringData,
  prepareForUpdate: mergeStringData,
  validate: validateSecret,
  validateUpdate: validateSecretUpdate,
  canonicalize: dropGeneration,
};
