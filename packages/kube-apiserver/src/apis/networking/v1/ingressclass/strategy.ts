// How IngressClasses are written (upstream: pkg/registry/networking/ingressclass/strategy.go):
// names are DNS subdomains, metadata.generation goes up when the spec
// changes, and the controller cannot change.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { applyIngressClassDefaults } from "./defaults.js";
import type { IngressClass } from "./schema.js";
import { validateIngressClass, validateIngressClassUpdate } from "./validation.js";

export const ingressClassStrategy: Strategy<IngressClass> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyIngressClassDefaults,
  prepareForCreate: applyIngressClassDefaults,
  prepareForUpdate: applyIngressClassDefaults,
  validate: validateIngressClass,
  validateUpdate: validateIngressClassUpdate,
};
