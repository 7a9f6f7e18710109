// How ReplicaSets are written (upstream: pkg/registry/apps/replicaset/strategy.go):
// names are DNS subdomains; a new ReplicaSet starts with a status of zero
// replicas and generation 1; generation goes up when the spec changes (the
// generic registry does that); the selector cannot change; /status writes
// only the status.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { nameNotDNSLabelWarnings } from "../workload/warnings.js";
import { applyReplicaSetDefaults } from "./defaults.js";
import type { ReplicaSet } from "./schema.js";
import { validateReplicaSet, validateReplicaSetStatusUpdate, validateReplicaSetUpdate } from "./validation.js";

export const replicaSetStrategy: Strategy<ReplicaSet> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyReplicaSetDefaults,
  prepareForCreate(rs) {
    rs.status = { replicas: 0 };
  },
  validate: validateReplicaSet,
  validateUpdate: validateReplicaSetUpdate,
  validateStatusUpdate: validateReplicaSetStatusUpdate,
  warningsOnCreate: (rs) => nameNotDNSLabelWarnings(rs.metadata.name),
};
