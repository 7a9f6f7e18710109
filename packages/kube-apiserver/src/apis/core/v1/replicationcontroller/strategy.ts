// How ReplicationControllers are written (upstream:
// pkg/registry/core/replicationcontroller/strategy.go):
//
// - create: status is reset (to replicas 0) and metadata.generation is 1;
// - update of the main resource: status is kept and generation goes up by
//   one when the spec changed (the library does both, RCs having a status
//   subresource); a write through /scale is such an update;
// - /status: the spec is kept, and the status counts are checked;
// - a name that is not a DNS label draws a warning: pods take their host
//   names from it.

import { isDNS1123Label, nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { applyReplicationControllerDefaults } from "./defaults.js";
import type { ReplicationController } from "./schema.js";
import { validateReplicationController, validateReplicationControllerStatus } from "./validation.js";

export const replicationControllerStrategy: Strategy<ReplicationController> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyReplicationControllerDefaults,

  prepareForCreate(rc) {
    rc.status = { replicas: 0 };
  },

  validate: validateReplicationController,
  // The selector and template may change; the rules are those of create.
  validateUpdate: validateReplicationController,
  validateStatusUpdate: (rc) => validateReplicationControllerStatus(rc.status),

  warningsOnCreate(rc) {
    const msgs = isDNS1123Label(rc.metadata.name ?? "");
    return msgs.length === 0
      ? []
      : [`metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(" ")}]`];
  },
};
