// Validation of NetworkPolicies (upstream v1.32: ValidateNetworkPolicy and
// ValidateNetworkPolicyUpdate, the same rules on create and update):
//
// - podSelector and every peer's selectors are valid label selectors;
// - ports: a known protocol; a port number (1-65535) or name; endPort only
//   with a numeric port, not below it;
// - peers: at least one of podSelector, namespaceSelector, ipBlock, and
//   ipBlock alone; an ipBlock's cidr is a CIDR and each except a CIDR
//   strictly inside it;
// - policyTypes: at most two, each Ingress or Egress.

import { BlockList, isIP } from "node:net";
import { type FieldError, FieldPath, forbidden, invalid, notSupported, required, validateLabelSelector } from "@tskube/apimachinery";
import { isValidPortName, isValidPortNum } from "../../../core/v1/service/validation.js";
import { PROTOCOLS } from "../../../core/v1/service/schema.js";
import { type IPBlock, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, POLICY_TYPES } from "./schema.js";

const PORT_RANGE_MESSAGE = "must be between 1 and 65535, inclusive";
const CIDR_MESSAGE = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

interface CIDR {
  address: string;
  family: "ipv4" | "ipv6";
  prefix: number;
}

/** `10.0.0.0/8` or `2001:db8::/64`, or null when it is not a CIDR. */
export function parseCIDR(value: string): CIDR | null {
  const slash = value.indexOf("/");
  if (slash < 0) return null;
  const address = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  const version = isIP(address);
  if (version === 0 || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return null;
  return { address, family: version === 4 ? "ipv4" : "ipv6", prefix };
}

function validatePort(port: NetworkPolicyPort, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (port.protocol !== undefined && !(PROTOCOLS as readonly string[]).includes(port.protocol)) {
    errs.push(notSupported(path.child("protocol"), port.protocol, [...PROTOCOLS]));
  }
  const { port: p, endPort } = port;
  if (p === undefined) {
    if (endPort !== undefined) errs.push(invalid(path.child("endPort"), endPort, "may not be specified when `port` is not specified"));
  } else if (typeof p === "number") {
    if (!isValidPortNum(p)) errs.push(invalid(path.child("port"), p, PORT_RANGE_MESSAGE));
    if (endPort !== undefined) {
      if (endPort < p) errs.push(invalid(path.child("endPort"), p, "must be greater than or equal to `port`"));
      if (!isValidPortNum(endPort)) errs.push(invalid(path.child("endPort"), endPort, PORT_RANGE_MESSAGE));
    }
  } else {
    if (endPort !== undefined) errs.push(invalid(path.child("endPort"), endPort, "may not be specified when `port` is non-numeric"));
    for (const msg of isValidPortName(p)) errs.push(invalid(path.child("port"), p, msg));
  }
  return errs;
}

function validateIPBlock(block: IPBlock, path: FieldPath): FieldError[] {
  if (block.cidr === "") return [required(path.child("cidr"), "")];
  const cidr = parseCIDR(block.cidr);
  if (cidr === null) return [invalid(path.child("cidr"), block.cidr, CIDR_MESSAGE)];
  const inside = new BlockList();
  inside.addSubnet(cidr.address, cidr.prefix, cidr.family);
  const errs: FieldError[] = [];
  (block.except ?? []).forEach((value, i) => {
    const exceptPath = path.child("except").index(i);
    const except = parseCIDR(value);
    if (except === null) {
      errs.push(invalid(exceptPath, value, CIDR_MESSAGE));
      return;
    }
    const contained = except.family === cidr.family && inside.check(except.address, except.family);
    if (!contained || cidr.prefix >= except.prefix) errs.push(invalid(exceptPath, value, "must be a strict subset of `cidr`"));
  });
  return errs;
}

function validatePeer(peer: NetworkPolicyPeer, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  if (peer.podSelector !== undefined) {
    peers++;
    errs.push(...validateLabelSelector(peer.podSelector, path.child("podSelector")));
  }
  if (peer.namespaceSelector !== undefined) {
    peers++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, path.child("namespaceSelector")));
  }
  if (peer.ipBlock !== undefined) {
    peers++;
    errs.push(...validateIPBlock(peer.ipBlock, path.child("ipBlock")));
  }
  if (peers === 0) errs.push(required(path, "must specify a peer"));
  else if (peers > 1 && peer.ipBlock !== undefined) errs.push(forbidden(path, "may not specify both ipBlock and another peer"));
  return errs;
}

export function validateNetworkPolicy(np: NetworkPolicy): FieldError[] {
  const spec = np.spec ?? {};
  const path = FieldPath.root("spec");
  const errs = validateLabelSelector(spec.podSelector, path.child("podSelector"));
  (spec.ingress ?? []).forEach((rule, i) => {
    const rulePath = path.child("ingress").index(i);
    (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, rulePath.child("ports").index(j))));
    (rule.from ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, rulePath.child("from").index(j))));
  });
  (spec.egress ?? []).forEach((rule, i) => {
    const rulePath = path.child("egress").index(i);
    (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, rulePath.child("ports").index(j))));
    (rule.to ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, rulePath.child("to").index(j))));
  });
  const types = spec.policyTypes ?? [];
  if (types.length > POLICY_TYPES.length) {
    errs.push(invalid(path.child("policyTypes"), types, "may not specify more than two policyTypes"));
    return errs;
  }
  types.forEach((t, i) => {
    if (!(POLICY_TYPES as readonly string[]).includes(t)) errs.push(notSupported(path.child("policyTypes").index(i), t, [...POLICY_TYPES]));
  });
  return errs;
}
