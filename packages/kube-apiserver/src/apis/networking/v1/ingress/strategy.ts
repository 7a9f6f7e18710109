// How Ingresses are written (upstream: pkg/registry/networking/ingress/strategy.go):
// names are DNS subdomains; status has its own subresource and starts out
// as an empty load balancer status; metadata.generation goes up when the
// spec changes; the deprecated class annotation draws a warning on create.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { INGRESS_CLASS_ANNOTATION, type Ingress } from "./schema.js";
import { validateIngress, validateIngressStatusUpdate, validateIngressUpdate } from "./validation.js";

/** The parts upstream always serializes: spec, and status with its loadBalancer. */
function fillStructs(ing: Ingress): void {
  ing.spec ??= {};
  if (ing.status) ing.status.loadBalancer ??= {};
}

export const ingressStrategy: Strategy<Ingress> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: fillStructs,
  prepareForCreate(ing) {
    fillStructs(ing);
    ing.status = { loadBalancer: {} };
  },
  prepareForUpdate: fillStructs,
  prepareForStatusUpdate: fillStructs,
  validate: validateIngress,
  validateUpdate: validateIngressUpdate,
  validateStatusUpdate: validateIngressStatusUpdate,
  warningsOnCreate(ing) {
    const annotations = ing.metadata.annotations ?? {};
    return Object.hasOwn(annotations, INGRESS_CLASS_ANNOTATION)
      ? [`annotation "${INGRESS_CLASS_ANNOTATION}" is deprecated, please use 'spec.ingressClassName' instead`]
      : [];
  },
};
