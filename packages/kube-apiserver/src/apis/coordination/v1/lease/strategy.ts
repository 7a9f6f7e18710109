// How Leases are written (upstream: pkg/registry/coordination/lease/strategy.go):
// names are DNS subdomains; no status, no generation. strategy and
// preferredHolder belong to coordinated leader election, an alpha feature
// that is off in v1.32, so they are dropped unless the stored Lease had them.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import type { Lease } from "./schema.js";
import { validateLease } from "./validation.js";

export const leaseStrategy: Strategy<Lease> = {
  validateName: nameIsDNSSubdomain,

  prepareForCreate(lease) {
    if (lease.spec) {
      delete lease.spec.strategy;
      delete lease.spec.preferredHolder;
    }
  },
  prepareForUpdate(lease, old) {
    if (!lease.spec) return;
    if (old.spec?.strategy === undefined) delete lease.spec.strategy;
    if (old.spec?.preferredHolder === undefined) delete lease.spec.preferredHolder;
  },

  validate: validateLease,
  validateUpdate: validateLease,

  // Leases have no metadata.generation in v1.32.
  canonicalize: dropGeneration,
};
