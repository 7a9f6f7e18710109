// Validation of Endpoints (upstream: ValidateEndpoints): each subset has
// addresses and ports; addresses are IPs (not loopback, link-local or unspecified), host names DNS labels, node names
// DNS subdomains; ports are valid numbers with a known protocol, and named
// (DNS labels, unique) when there is more than one.

import {
  type FieldError,
  FieldPath,
  duplicate,
  invalid,
  isDNS1123Label,
  isDNS1123Subdomain,
  notSupported,
  required,
} from "@tskube/apimachinery";
import { validateLegacyIP, validateNonSpecialIP } from "../service/validation.js";
import { ENDPOINT_PROTOCOLS, type Endpoints, type EndpointSubset } from "./schema.js";

type Address = NonNullable<EndpointSubset["addresses"]>[number];
type Port = NonNullable<EndpointSubset["ports"]>[number];

function validateAddress(addr: Address, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const ipErrs = validateLegacyIP(addr.ip, path.child("ip"));
  errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(addr.ip, path.child("ip"))));
  if (addr.hostname) for (const msg of isDNS1123Label(addr.hostname)) errs.push(invalid(path.child("hostname"), addr.hostname, msg));
  if (addr.nodeName) for (const msg of isDNS1123Subdomain(addr.nodeName)) errs.push(invalid(path.child("nodeName"), addr.nodeName, msg));
  return errs;
}

function validatePort(port: Port, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = port.name ?? "";
  if (requireName && name === "") errs.push(required(path.child("name"), ""));
  else if (name !== "") for (const msg of isDNS1123Label(name)) errs.push(invalid(path.child("name"), name, msg));
  if (!(Number.isInteger(port.port) && port.port >= 1 && port.port <= 65535)) {
    errs.push(invalid(path.child("port"), port.port, "must be between 1 and 65535, inclusive"));
  }
  const protocol = port.protocol ?? "";
  if (protocol === "") errs.push(required(path.child("protocol"), ""));
  else if (!(ENDPOINT_PROTOCOLS as readonly string[]).includes(protocol)) {
    errs.push(notSupported(path.child("protocol"), protocol, [...ENDPOINT_PROTOCOLS].sort()));
  }
  return errs;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((subset, i) => {
    const path = FieldPath.root("subsets").index(i);
    const addresses = subset.addresses ?? [];
    const notReady = subset.notReadyAddresses ?? [];
    if (addresses.length === 0 && notReady.length === 0) {
      errs.push(required(path, "must specify `addresses` or `notReadyAddresses`"));
    }
    addresses.forEach((a, j) => errs.push(...validateAddress(a, path.child("addresses").index(j))));
    notReady.forEach((a, j) => errs.push(...validateAddress(a, path.child("notReadyAddresses").index(j))));
    const ports = subset.ports ?? [];
    const names = new Set<string>();
    ports.forEach((port, j) => {
      const portPath = path.child("ports").index(j);
      errs.push(...validatePort(port, ports.length > 1, portPath));
      const name = port.name ?? "";
      if (name !== "") {
        if (names.has(name)) errs.push(duplicate(portPath.child("name"), name));
        names.add(name);
      }
    });
  });
  return errs;
}
