// How ResourceQuotas are written (upstream: pkg/registry/core/resourcequota/strategy.go):
//
// - create: status is reset (the quota controller fills in hard and used);
// - update of the main resource: status is kept (the library does) and the
//   scopes cannot change;
// - /status: the spec is kept, and hard and used are checked;
// - no metadata.generation.
//
// The caps take effect through the ResourceQuota admission plugin, which
// this server does not run yet.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import type { ResourceQuota } from "./schema.js";
import { validateResourceQuota, validateResourceQuotaStatus, validateResourceQuotaUpdate } from "./validation.js";

export const resourceQuotaStrategy: Strategy<ResourceQuota> = {
  validateName: nameIsDNSSubdomain,
  prepareForCreate(quota) {
    // Upstream always writes the (empty) status struct.
    quota.status = {};
  },
  validate: validateResourceQuota,
  validateUpdate: validateResourceQuotaUpdate,
  validateStatusUpdate: validateResourceQuotaStatus,
  canonicalize: dropGeneration,
};
