// Validation of EndpointSlices (upstream v1.32: ValidateEndpointSliceCreate
// and ValidateEndpointSliceUpdate):
//
// - addressType is required, one of IPv4, IPv6, FQDN (on update also the
//   deprecated IP), and cannot change;
// - at most 1000 endpoints, each with 1 to 100 addresses of the slice's
//   type (IPs that are not loopback, link-local or unspecified; or fully
//   qualified domain names), a DNS-subdomain nodeName, a DNS-label hostname,
//   at most 16 valid deprecatedTopology labels, and at most 8 unique zone hints;
// - at most 20000 ports, named by unique DNS labels (or ""), with a known
//   protocol and a qualified-name appProtocol.

import { isIP } from "node:net";
import {
  type FieldError,
  FieldPath,
  duplicate,
  internalError,
  invalid,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  notSupported,
  required,
  tooMany,
  validateLabels,
} from "@tskube/apimachinery";
import { PROTOCOLS } from "../../../core/v1/service/schema.js";
import { validateNonSpecialIP } from "../../../core/v1/service/validation.js";
import { ADDRESS_TYPES, DEPRECATED_ADDRESS_TYPES, type Endpoint, type EndpointSlice } from "./schema.js";

const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ZONE_HINTS = 8;
const ZONE_LABEL = "topology.kubernetes.io/zone";

/** An IPv4 address, or an IPv4-mapped IPv6 one (which Go reads as IPv4). */
const isIPv4 = (value: string) => isIP(value) === 4 || (isIP(value) === 6 && /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(value));

/** A name with at least two labels, an optional trailing dot (upstream: IsFullyQualifiedDomainName). */
export function validateFQDN(value: string, path: FieldPath): FieldError[] {
  if (value === "") return [required(path, "")];
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  const subdomainErrs = isDNS1123Subdomain(name);
  if (subdomainErrs.length > 0) return [invalid(path, name, subdomainErrs.join(","))];
  const labels = name.split(".");
  if (labels.length < 2) return [invalid(path, name, "should be a domain with at least two segments separated by dots")];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length > 0) return [invalid(path, label, errs.join(","))];
  }
  return [];
}

function validateAddress(address: string, addressType: string, path: FieldPath): FieldError[] {
  switch (addressType) {
    case "IP":
      return isIP(address) === 0 ? [invalid(path, address, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")] : [];
    case "IPv4":
      return isIPv4(address) ? validateNonSpecialIP(address, path) : [invalid(path, address, "must be a valid IPv4 address")];
    case "IPv6":
      return isIP(address) === 6 && !isIPv4(address) ? validateNonSpecialIP(address, path) : [invalid(path, address, "must be a valid IPv6 address")];
    case "FQDN":
      return validateFQDN(address, path);
    default:
      // An unknown type is reported on addressType; its addresses are not checked.
      return [];
  }
}

function validateEndpoint(ep: Endpoint, addressType: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const addressesPath = path.child("addresses");
  if (ep.addresses.length === 0) errs.push(required(addressesPath, "must contain at least 1 address"));
  else if (ep.addresses.length > MAX_ADDRESSES) errs.push(tooMany(addressesPath, ep.addresses.length, MAX_ADDRESSES));
  ep.addresses.forEach((address, i) => errs.push(...validateAddress(address, addressType, addressesPath.index(i))));

  if (ep.nodeName !== undefined) {
    for (const msg of isDNS1123Subdomain(ep.nodeName)) errs.push(invalid(path.child("nodeName"), ep.nodeName, msg));
  }
  const topologyPath = path.child("deprecatedTopology");
  const topology = ep.deprecatedTopology ?? {};
  if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) errs.push(tooMany(topologyPath, Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
  errs.push(...validateLabels(topology, topologyPath));
  if (Object.hasOwn(topology, ZONE_LABEL)) errs.push(internalError(topologyPath.key(ZONE_LABEL), "reserved key was not removed in conversion"));
  if (ep.hostname !== undefined) {
    for (const msg of isDNS1123Label(ep.hostname)) errs.push(invalid(path.child("hostname"), ep.hostname, msg));
  }
  const zones = ep.hints?.forZones ?? [];
  const zonesPath = path.child("hints", "forZones");
  if (zones.length > MAX_ZONE_HINTS) {
    errs.push(tooMany(zonesPath, zones.length, MAX_ZONE_HINTS));
  } else {
    const seen = new Set<string>();
    zones.forEach((zone, i) => {
      const namePath = zonesPath.index(i).child("name");
      if (seen.has(zone.name)) errs.push(duplicate(namePath, zone.name));
      seen.add(zone.name);
      for (const msg of isValidLabelValue(zone.name)) errs.push(invalid(namePath, zone.name, msg));
    });
  }
  return errs;
}

function validateSlice(slice: EndpointSlice, addressTypes: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  const type = slice.addressType ?? "";
  if (type === "") errs.push(required("addressType", ""));
  else if (!addressTypes.includes(type)) errs.push(notSupported("addressType", type, [...addressTypes].sort()));

  const endpoints = slice.endpoints ?? [];
  const endpointsPath = FieldPath.root("endpoints");
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany(endpointsPath, endpoints.length, MAX_ENDPOINTS));
  else endpoints.forEach((ep, i) => errs.push(...validateEndpoint(ep, type, endpointsPath.index(i))));

  const ports = slice.ports ?? [];
  const portsPath = FieldPath.root("ports");
  if (ports.length > MAX_PORTS) {
    errs.push(tooMany(portsPath, ports.length, MAX_PORTS));
    return errs;
  }
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const path = portsPath.index(i);
    const name = port.name ?? "";
    if (name !== "") for (const msg of isDNS1123Label(name)) errs.push(invalid(path.child("name"), name, msg));
    if (names.has(name)) errs.push(duplicate(path.child("name"), name));
    names.add(name);
    if (port.protocol === undefined) errs.push(required(path.child("protocol"), ""));
    else if (!(PROTOCOLS as readonly string[]).includes(port.protocol)) {
      errs.push(notSupported(path.child("protocol"), port.protocol, [...PROTOCOLS].sort()));
    }
    if (port.appProtocol !== undefined) {
      for (const msg of isQualifiedName(port.appProtocol)) errs.push(invalid(path.child("appProtocol"), port.appProtocol, msg));
    }
  });
  return errs;
}

export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  return validateSlice(slice, ADDRESS_TYPES);
}

export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errs = validateSlice(slice, [...ADDRESS_TYPES, ...DEPRECATED_ADDRESS_TYPES]);
  if ((slice.addressType ?? "") !== (old.addressType ?? "")) errs.push(invalid("addressType", slice.addressType ?? "", "field is immutable"));
  return errs;
}
