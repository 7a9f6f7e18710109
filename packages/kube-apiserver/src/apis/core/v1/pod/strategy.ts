// How Pods are written (upstream: pkg/registry/core/pod/strategy.go):
// names are DNS subdomains; on create the status is reset to phase Pending
// with the computed QoS class (and a SchedulingGated condition when the pod
// has scheduling gates); an update of the main resource keeps the status
// (the library does, pods having a status subresource) and may change only
// what validation.ts allows; a /status write keeps the spec.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyPodDefaults } from "./defaults.js";
import { podQOSClass } from "./qos.js";
import type { Pod } from "./schema.js";
import { validatePod, validatePodStatusUpdate, validatePodUpdate } from "./validation.js";

export const podStrategy: Strategy<Pod> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyPodDefaults,

  prepareForCreate(pod) {
    pod.spec ??= { containers: [] };
    pod.status = { phase: "Pending", qosClass: podQOSClass(pod.spec) };
    // A gated pod says so in its PodScheduled condition, which kubectl shows as SchedulingGated.
    if ((pod.spec.schedulingGates ?? []).length > 0) {
      pod.status.conditions = [
        { type: "PodScheduled", status: "False", reason: "SchedulingGated", message: "Scheduling is blocked due to non-empty scheduling gates" },
      ];
    }
  },
  prepareForUpdate(pod, old) {
    // The QoS class is fixed at creation.
    if (old.status?.qosClass !== undefined) pod.status = { ...pod.status, qosClass: old.status.qosClass };
  },
  prepareForStatusUpdate(pod, old) {
    if (old.status?.qosClass !== undefined) pod.status = { ...pod.status, qosClass: old.status.qosClass };
  },

  validate: validatePod,
  validateUpdate: validatePodUpdate,
  // The spec is the old one (the library keeps it): only the status is checked.
  validateStatusUpdate: validatePodStatusUpdate,

  // Pods have no metadata.generation in v1.32.
  canonicalize: dropGeneration,
};
