// Validation of Nodes (upstream: ValidateNode and ValidateNodeUpdate in
// pkg/apis/core/validation/validation.go). Only the spec and the resource
// amounts are checked on create; status may be written freely otherwise.
// Two upstream quirks are kept: taints are reported under `metadata.taints`,
// and an update of the main resource runs both functions, so a bad taint or
// amount is reported twice.

import { isIP } from "node:net";
import {
  FieldError,
  FieldPath,
  forbidden,
  invalid,
  isValidLabelValue,
  notSupported,
  required,
  validateLabelName,
} from "@tskube/apimachinery";
import { validateResourceQuantityValue } from "../validation/quantity.js";
import { type Node, TAINT_EFFECTS, type Taint } from "./schema.js";

/** An IP network as ip/prefix-length. */
export function isCIDR(value: string): boolean {
  const slash = value.indexOf("/");
  if (slash < 0) return false;
  const family = isIP(value.slice(0, slash));
  const bits = value.slice(slash + 1);
  if (family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

function validateTaints(taints: readonly Taint[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((taint, i) => {
    const p = path.index(i);
    errs.push(...validateLabelName(taint.key, p.child("key")));
    const valueErrs = isValidLabelValue(taint.value ?? "");
    if (valueErrs.length > 0) errs.push(invalid(p.child("value"), taint.value ?? "", valueErrs.join(";")));
    if (taint.effect === "") errs.push(required(p.child("effect")));
    else if (!(TAINT_EFFECTS as readonly string[]).includes(taint.effect)) errs.push(notSupported(p.child("effect"), taint.effect, [...TAINT_EFFECTS]));
    // Taints are unique by key and effect.
    const id = JSON.stringify([taint.key, taint.effect]);
    if (seen.has(id)) errs.push(new FieldError("FieldValueDuplicate", p.toString(), taint, "taints must be unique by key and effect pair"));
    seen.add(id);
  });
  return errs;
}

/** upstream ValidateNodeResources: capacity and allocatable amounts (paths `status.capacity.<name>`). */
function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ["capacity", "allocatable"] as const) {
    for (const [name, value] of Object.entries(node.status?.[field] ?? {})) {
      errs.push(...validateResourceQuantityValue(name, value, FieldPath.root("status", field, name)));
    }
  }
  return errs;
}

function validatePodCIDRs(cidrs: readonly string[]): FieldError[] {
  const path = FieldPath.root("spec", "podCIDRs");
  const errs: FieldError[] = [];
  cidrs.forEach((cidr, i) => {
    if (!isCIDR(cidr)) errs.push(invalid(path.index(i), cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  });
  if (errs.length === 0 && cidrs.length > 1) {
    const v6 = cidrs.filter((c) => isIP(c.slice(0, c.indexOf("/"))) === 6).length;
    if (cidrs.length > 2 || v6 !== 1) errs.push(invalid(path, cidrs, "may specify no more than one CIDR for each IP family"));
  }
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  const taints = node.spec?.taints ?? [];
  if (taints.length > 0) errs.push(...validateTaints(taints, FieldPath.root("metadata", "taints")));
  errs.push(...validateNodeResources(node));
  errs.push(...validatePodCIDRs(node.spec?.podCIDRs ?? []));
  return errs;
}

const CIDR_CHANGE = 'node updates may not change podCIDR except from "" to valid';
const PROVIDER_ID_CHANGE = 'node updates may not change providerID except from "" to valid';

export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateNodeResources(node);
  const addresses = node.status?.addresses ?? [];
  const seen = new Set<string>();
  addresses.forEach((a, i) => {
    const id = JSON.stringify([a.type, a.address]);
    if (seen.has(id)) errs.push(new FieldError("FieldValueDuplicate", FieldPath.root("status", "addresses").index(i).toString(), a, ""));
    seen.add(id);
  });
  // podCIDRs and providerID may be set once (by the controller manager), then never change.
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  if (oldCIDRs.length > 0) {
    const cidrPath = FieldPath.root("spec", "podCIDRs");
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden(cidrPath, CIDR_CHANGE));
    else oldCIDRs.forEach((cidr, i) => { if (newCIDRs[i] !== cidr) errs.push(forbidden(cidrPath, CIDR_CHANGE)); });
  }
  const oldProvider = old.spec?.providerID ?? "";
  if (oldProvider !== "" && oldProvider !== (node.spec?.providerID ?? "")) errs.push(forbidden(FieldPath.root("spec", "providerID"), PROVIDER_ID_CHANGE));
  const taints = node.spec?.taints ?? [];
  if (taints.length > 0) errs.push(...validateTaints(taints, FieldPath.root("metadata", "taints")));
  if ((node.spec?.externalID ?? "") !== (old.spec?.externalID ?? "")) errs.push(forbidden(FieldPath.root("spec", "externalID"), "may not be updated"));
  return errs;
}
