// The scale subresource of the workloads that have spec.replicas
// (Deployment, ReplicaSet, StatefulSet): an autoscaling/v1 Scale whose
// status.selector is the spec's selector as text (upstream: the ScaleREST of
// each kind in pkg/registry/apps).

import type { KubeObject, MetaLabelSelector } from "@tskube/apimachinery";
import type { ScaleSubresource } from "@tskube/generic-apiserver";
import { selectorString } from "./selector.js";

/** The parts of a workload the scale subresource reads and writes. */
export interface ReplicatedWorkload extends KubeObject {
  spec?: { replicas?: number; selector?: MetaLabelSelector };
  status?: { replicas?: number };
}

export function replicasScale<T extends ReplicatedWorkload>(): ScaleSubresource<T> {
  return {
    specReplicas: (obj) => obj.spec?.replicas ?? 0,
    statusReplicas: (obj) => obj.status?.replicas ?? 0,
    selector: (obj) => selectorString(obj.spec?.selector),
    withSpecReplicas: (obj, replicas) => ({ ...obj, spec: { ...obj.spec, replicas } }),
  };
}
