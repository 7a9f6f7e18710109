// How DaemonSets are written (upstream: pkg/registry/apps/daemonset/strategy.go):
// names are DNS subdomains; a new DaemonSet starts with an empty status and
// generation 1; generation goes up when the spec changes (the generic
// registry does that); the selector cannot change; /status writes only the
// status.
//
// The template generation: upstream's internal DaemonSet has a
// templateGeneration field, shown in apps/v1 as the annotation
// `deprecated.daemonset.template.generation`. It starts at 1 and goes up by
// one whenever the pod template changes; clients cannot set it.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { sameJSON } from "../workload/same-json.js";
import { applyDaemonSetDefaults } from "./defaults.js";
import { type DaemonSet, TEMPLATE_GENERATION_ANNOTATION } from "./schema.js";
import { validateDaemonSet, validateDaemonSetStatusUpdate, validateDaemonSetUpdate } from "./validation.js";

function templateGeneration(ds: DaemonSet): number {
  const value = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return value !== undefined && /^[+-]?[0-9]+$/.test(value) ? Number.parseInt(value, 10) : 0;
}

function setTemplateGeneration(ds: DaemonSet, generation: number): void {
  // A new map: the request's may be shared with the stored object.
  ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

export const daemonSetStrategy: Strategy<DaemonSet> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyDaemonSetDefaults,
  prepareForCreate(ds) {
    ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    setTemplateGeneration(ds, Math.max(templateGeneration(ds), 1));
  },
  prepareForUpdate(ds, old) {
    const previous = templateGeneration(old);
    setTemplateGeneration(ds, sameJSON(ds.spec?.template, old.spec?.template) ? previous : previous + 1);
  },
  validate: validateDaemonSet,
  validateUpdate: validateDaemonSetUpdate,
  validateStatusUpdate: validateDaemonSetStatusUpdate,
};
