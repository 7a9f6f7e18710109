// How Deployments are written (upstream: pkg/registry/apps/deployment/strategy.go):
// names are DNS subdomains; a new Deployment starts with an empty status and
// generation 1; generation goes up when the spec changes and also when the
// annotations do (they are copied to the ReplicaSets); the selector cannot
// change; /status writes only the status (the generic registry keeps the rest).

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { sameJSON } from "../workload/same-json.js";
import { nameNotDNSLabelWarnings } from "../workload/warnings.js";
import { applyDeploymentDefaults } from "./defaults.js";
import type { Deployment } from "./schema.js";
import { validateDeployment, validateDeploymentStatusUpdate, validateDeploymentUpdate } from "./validation.js";

export const deploymentStrategy: Strategy<Deployment> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyDeploymentDefaults,
  prepareForCreate(d) {
    d.status = {};
  },
  prepareForUpdate(d, old) {
    // The registry bumps generation for spec changes; annotations count too for Deployments.
    if (!sameJSON(d.metadata.annotations ?? {}, old.metadata.annotations ?? {})) {
      d.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
  },
  validate: validateDeployment,
  validateUpdate: validateDeploymentUpdate,
  validateStatusUpdate: validateDeploymentStatusUpdate,
  warningsOnCreate: (d) => nameNotDNSLabelWarnings(d.metadata.name),
};
