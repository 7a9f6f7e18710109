// How Endpoints are written (upstream: pkg/registry/core/endpoint/strategy.go):
// names are DNS subdomains, validation.ts holds the rules, subsets are
// stored as written (repacking them is the endpoints controller's job), no
// metadata.generation, and a PUT of missing endpoints creates them.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyEndpointsDefaults } from "./defaults.js";
import type { Endpoints } from "./schema.js";
import { validateEndpoints } from "./validation.js";

export const endpointsStrategy: Strategy<Endpoints> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyEndpointsDefaults,
  validate: validateEndpoints,
  validateUpdate: (ep) => validateEndpoints(ep),
  canonicalize: dropGeneration,
  allowCreateOnUpdate: true,
};
