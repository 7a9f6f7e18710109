// How ControllerRevisions are written (upstream:
// pkg/registry/apps/controllerrevision/strategy.go): names are DNS
// subdomains, data never changes, and there is no status and no
// metadata.generation. A missing revision is 0, which is always written, as upstream.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import type { ControllerRevision } from "./schema.js";
import { validateControllerRevision, validateControllerRevisionUpdate } from "./validation.js";

export const controllerRevisionStrategy: Strategy<ControllerRevision> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults(cr) {
    cr.revision ??= 0;
  },
  validate: validateControllerRevision,
  validateUpdate: validateControllerRevisionUpdate,
  canonicalize: dropGeneration,
};
