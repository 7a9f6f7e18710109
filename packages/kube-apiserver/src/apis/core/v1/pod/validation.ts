// Validation of Pods (upstream: ValidatePodCreate, ValidatePodUpdate in
// pkg/apis/core/validation/validation.go). The spec is checked by
// ../pod-spec/validation.ts; an update may change only the few fields
// upstream allows, and anything else is refused with upstream's message.

import { isIP } from "node:net";
import { type FieldError, FieldPath, forbidden, invalid } from "@tskube/apimachinery";
import type { PodSpec, Toleration } from "../pod-spec/schema.js";
import { validatePodSpec } from "../pod-spec/validation.js";
import { canonicalJSON, fieldDiff, sameJSON } from "../validation/semantic-equal.js";
import type { Pod } from "./schema.js";

const SPEC = FieldPath.root("spec");

export const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

const emptySpec = (): PodSpec => ({ containers: [] });

export function validatePod(pod: Pod): FieldError[] {
  const errs = validatePodSpec(pod.spec ?? emptySpec(), SPEC);
  // Ephemeral containers are added later, through their own subresource.
  if ((pod.spec?.ephemeralContainers ?? []).length > 0) errs.push(forbidden(SPEC.child("ephemeralContainers"), "cannot be set on create"));
  return errs;
}

/** Existing tolerations must stay (only their tolerationSeconds may change); new ones may be added. */
function validateTolerationsUpdate(next: readonly Toleration[], old: readonly Toleration[], path: FieldPath): FieldError[] {
  const key = (t: Toleration) => canonicalJSON({ ...t, tolerationSeconds: undefined });
  const present = new Set(next.map(key));
  // As upstream: one error, for the first toleration that is gone.
  return old.every((o) => present.has(key(o))) ? [] : [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
}

export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const next = pod.spec ?? emptySpec();
  const prev = old.spec ?? emptySpec();
  const errs = validatePodSpec(next, SPEC);

  // activeDeadlineSeconds may be set, or lowered, but not raised or removed.
  const nd = next.activeDeadlineSeconds;
  const od = prev.activeDeadlineSeconds;
  if (nd === undefined && od !== undefined) {
    errs.push(invalid(SPEC.child("activeDeadlineSeconds"), null, "must not update from a positive integer to nil value"));
  } else if (nd !== undefined && od !== undefined && nd > od) {
    errs.push(invalid(SPEC.child("activeDeadlineSeconds"), nd, "must be less than or equal to previous value"));
  }
  errs.push(...validateTolerationsUpdate(next.tolerations ?? [], prev.tolerations ?? [], SPEC.child("tolerations")));
  // Scheduling gates may only be removed.
  for (const gate of next.schedulingGates ?? []) {
    if (!(prev.schedulingGates ?? []).some((g) => g.name === gate.name)) {
      errs.push(forbidden(SPEC.child("schedulingGates"), `only deletion is allowed, but found new scheduling gate '${gate.name}'`));
    }
  }

  // Everything else must be unchanged: compare with the allowed fields taken from the old spec.
  const munged = structuredClone(next);
  munged.containers.forEach((c, i) => {
    const o = prev.containers[i];
    if (o) c.image = o.image;
  });
  munged.initContainers?.forEach((c, i) => {
    const o = prev.initContainers?.[i];
    if (o) c.image = o.image;
  });
  munged.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  munged.tolerations = prev.tolerations;
  munged.schedulingGates = prev.schedulingGates;
  if ((prev.terminationGracePeriodSeconds ?? 0) < 0 && next.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  }
  if (!sameJSON(munged, prev)) {
    errs.push(forbidden(SPEC, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${fieldDiff("spec", prev, munged)}`));
  }
  return errs;
}

/**
 * The IP lists of a status write (upstream: validatePodIPs, validateHostIPs):
 * the first entry equals the single-IP field, every new entry is an IP, and
 * two entries are one of each family. Entries already stored are not re-checked.
 */
function validateIPs(ips: readonly { ip: string }[], single: string | undefined, old: readonly { ip: string }[], path: FieldPath, singleName: string): FieldError[] {
  if (ips.length === 0) return [];
  const errs: FieldError[] = [];
  if ((single ?? "") !== ips[0]!.ip) errs.push(invalid(path.index(0).child("ip"), ips[0]!.ip, `must be equal to \`${singleName}\``));
  const existing = new Set(old.map((o) => o.ip));
  ips.forEach((entry, i) => {
    if (isIP(entry.ip) === 0 && !existing.has(entry.ip)) {
      errs.push(invalid(path.index(i), entry.ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
  });
  if (ips.length > 1) {
    const v6 = ips.filter((e) => isIP(e.ip) === 6).length;
    if (ips.length > 2 || v6 !== 1) errs.push(invalid(path, ips, "may specify no more than one IP for each IP family"));
  }
  return errs;
}

export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const status = pod.status ?? {};
  const prev = old.status ?? {};
  const path = FieldPath.root("status");
  return [
    ...validateIPs(status.podIPs ?? [], status.podIP, prev.podIPs ?? [], path.child("podIPs"), "podIP"),
    ...validateIPs(status.hostIPs ?? [], status.hostIP, prev.hostIPs ?? [], path.child("hostIPs"), "hostIP"),
  ];
}
