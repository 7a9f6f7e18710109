// How APIServices are written (upstream: kube-aggregator registry/apiservice/strategy.go):
// cluster-scoped; status has its own subresource (the availability controller
// writes it); no metadata.generation.

import type { Strategy } from "@tskube/generic-apiserver";
import { applyAPIServiceDefaults } from "./defaults.js";
import type { APIService } from "./schema.js";
import { validateAPIServiceName, validateAPIServiceSpec, validateAPIServiceStatus } from "./validation.js";

export const apiServiceStrategy: Strategy<APIService> = {
  applyDefaults: applyAPIServiceDefaults,
  validate: (apiService) => [...validateAPIServiceName(apiService), ...validateAPIServiceSpec(apiService)],
  validateUpdate: (apiService) => [...validateAPIServiceName(apiService), ...validateAPIServiceSpec(apiService)],
  validateStatusUpdate: validateAPIServiceStatus,
  canonicalize(apiService) {
    // Upstream's APIService strategy keeps no generation.
    delete apiService.metadata.generation;
  },
};
