// Validation of Leases (upstream: ValidateLease and ValidateLeaseSpec in
// pkg/apis/coordination/validation). holderIdentity may be anything, even empty.

import { type FieldError, FieldPath, forbidden, invalid, isQualifiedName, notSupported } from "@tskube/apimachinery";
import { COORDINATED_LEASE_STRATEGIES, type Lease } from "./schema.js";

const SPEC = FieldPath.root("spec");

/**
 * A strategy is a Kubernetes-defined name, or a qualified name with a
 * prefix (`example.com/mine`). Upstream reports it at spec.strategy.strategy.
 */
function validateStrategy(strategy: string): FieldError[] {
  const path = SPEC.child("strategy", "strategy");
  if (!strategy.includes("/")) {
    return (COORDINATED_LEASE_STRATEGIES as readonly string[]).includes(strategy) ? [] : [notSupported(path, strategy, [...COORDINATED_LEASE_STRATEGIES])];
  }
  return isQualifiedName(strategy).map((msg) => invalid(path, strategy, msg));
}

export function validateLease(lease: Lease): FieldError[] {
  const spec = lease.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid(SPEC.child("leaseDurationSeconds"), spec.leaseDurationSeconds, "must be greater than 0"));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(invalid(SPEC.child("leaseTransitions"), spec.leaseTransitions, "must be greater than or equal to 0"));
  }
  if (spec.strategy !== undefined) errs.push(...validateStrategy(spec.strategy));
  if (spec.preferredHolder && !spec.strategy) errs.push(forbidden(SPEC.child("preferredHolder"), "may only be specified if `strategy` is defined"));
  return errs;
}
