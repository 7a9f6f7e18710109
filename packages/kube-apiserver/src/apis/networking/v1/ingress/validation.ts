// Validation of Ingresses (upstream v1.32: ValidateIngressCreate,
// ValidateIngressUpdate, ValidateIngressStatusUpdate):
//
// - spec: rules or defaultBackend; rule hosts are DNS subdomains (not IPs),
//   with an optional leading '*.'; each HTTP rule has paths, each path a
//   pathType (Exact and Prefix paths are absolute, without '//', '/./',
//   '/../', '%2f', and not ending in '/..' or '/.'); each backend is a
//   service (a DNS-1035 name and a port name or number, not both) or a
//   resource, not both; TLS hosts are (wildcard) DNS subdomains and secret
//   names DNS subdomains; ingressClassName a DNS subdomain;
// - on create, the deprecated class annotation must agree with ingressClassName;
// - on update, values an older server let in (bad TLS secret names, bad
//   rules under wildcard hosts) stay allowed while the stored object has them;
// - status: load balancer IPs are IPs, host names DNS subdomains and not IPs.
//
// Where upstream prints a Go value (a nil list of rules), the value is JSON here.

import { isIP } from "node:net";
import {
  type FieldError,
  FieldPath,
  type ValidateNameFunc,
  invalid,
  isDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
  notSupported,
  regexError,
  required,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  maxLenError,
} from "@tskube/apimachinery";
import { validatePathSegmentName } from "@tskube/generic-apiserver";
import { isValidPortName, isValidPortNum } from "../../../core/v1/service/validation.js";
import {
  INGRESS_CLASS_ANNOTATION,
  type HTTPIngressPath,
  type Ingress,
  type IngressBackend,
  type IngressRule,
  PATH_TYPES,
} from "./schema.js";

const NOT_AN_IP = "must be a DNS name, not an IP address";
const INVALID_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES = ["/..", "/."];
const IP_MESSAGE = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

const WILDCARD_SUBDOMAIN_FMT = "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const WILDCARD_SUBDOMAIN_RE = new RegExp(`^${WILDCARD_SUBDOMAIN_FMT}$`);
const WILDCARD_SUBDOMAIN_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

/** `*.example.com` (upstream: IsWildcardDNS1123Subdomain). */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!WILDCARD_SUBDOMAIN_RE.test(value)) errs.push(regexError(WILDCARD_SUBDOMAIN_MSG, WILDCARD_SUBDOMAIN_FMT, "*.example.com"));
  return errs;
}

/** A host name, or a wildcard one when it has a '*'. */
function hostErrors(host: string): string[] {
  return host.includes("*") ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
}

const messages = (path: FieldPath, value: string, msgs: readonly string[]) => msgs.map((m) => invalid(path, value, m));
const nameErrors = (fn: ValidateNameFunc, path: FieldPath, value: string) => messages(path, value, fn(value, false));

interface Options {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
}

/** An object reference in the ingress's namespace (a resource backend, or IngressClass parameters). */
export function validateTypedLocalReference(
  ref: { apiGroup?: string | undefined; kind?: string | undefined; name?: string | undefined },
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.apiGroup !== undefined) errs.push(...messages(path.child("apiGroup"), ref.apiGroup, isDNS1123Subdomain(ref.apiGroup)));
  for (const field of ["kind", "name"] as const) {
    const value = ref[field] ?? "";
    if (value === "") errs.push(required(path.child(field), `${field} is required`));
    else errs.push(...nameErrors(validatePathSegmentName, path.child(field), value));
  }
  return errs;
}

function validateBackend(backend: IngressBackend, path: FieldPath): FieldError[] {
  const { service, resource } = backend;
  if (service && resource) return [invalid(path, "", "cannot set both resource and service backends")];
  if (resource) return validateTypedLocalReference(resource, path.child("resource"));
  if (!service) return [invalid(path, "", "resource or service backend is required")];
  const errs: FieldError[] = [];
  const namePath = path.child("service", "name");
  if (service.name === "") errs.push(required(namePath, ""));
  else errs.push(...nameErrors(nameIsDNS1035Label, namePath, service.name));
  const portName = service.port.name ?? "";
  const portNumber = service.port.number ?? 0;
  if (portName !== "" && portNumber !== 0) errs.push(invalid(path, "", "cannot set both port name & port number"));
  else if (portName !== "") errs.push(...messages(path.child("service", "port", "name"), portName, isValidPortName(portName)));
  else if (portNumber !== 0) {
    if (!isValidPortNum(portNumber)) errs.push(invalid(path.child("service", "port", "number"), portNumber, "must be between 1 and 65535, inclusive"));
  } else errs.push(required(path, "port name or number is required"));
  return errs;
}

function validatePath(p: HTTPIngressPath, path: FieldPath): FieldError[] {
  if (p.pathType === undefined) return [required(path.child("pathType"), "pathType must be specified")];
  const errs: FieldError[] = [];
  const value = p.path ?? "";
  const pathPath = path.child("path");
  switch (p.pathType) {
    case "Exact":
    case "Prefix":
      if (!value.startsWith("/")) errs.push(invalid(pathPath, value, "must be an absolute path"));
      for (const seq of INVALID_PATH_SEQUENCES) if (value.includes(seq)) errs.push(invalid(pathPath, value, `must not contain '${seq}'`));
      for (const suffix of INVALID_PATH_SUFFIXES) if (value.endsWith(suffix)) errs.push(invalid(pathPath, value, `cannot end with '${suffix}'`));
      break;
    case "ImplementationSpecific":
      if (value !== "" && !value.startsWith("/")) errs.push(invalid(pathPath, value, "must be an absolute path"));
      break;
    default:
      errs.push(notSupported(path.child("pathType"), p.pathType, [...PATH_TYPES].sort()));
  }
  errs.push(...validateBackend(p.backend, path.child("backend")));
  return errs;
}

/** The HTTP part of a rule: at least one path, each valid. */
function validateRuleValue(rule: IngressRule, path: FieldPath): FieldError[] {
  if (rule.http === undefined) return [];
  const httpPath = path.child("http");
  const errs: FieldError[] = [];
  if (rule.http.paths.length === 0) errs.push(required(httpPath.child("paths"), ""));
  rule.http.paths.forEach((p, i) => errs.push(...validatePath(p, httpPath.child("paths").index(i))));
  return errs;
}

function validateRules(rules: readonly IngressRule[], path: FieldPath, opts: Options): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const host = rule.host ?? "";
    const hostPath = path.index(i).child("host");
    if (host !== "") {
      if (isIP(host) !== 0) errs.push(invalid(hostPath, host, NOT_AN_IP));
      errs.push(...messages(hostPath, host, hostErrors(host)));
    }
    if (!host.includes("*") || !opts.allowInvalidWildcardHostRule) errs.push(...validateRuleValue(rule, path.index(i)));
  });
  return errs;
}

function validateSpec(ing: Ingress, opts: Options): FieldError[] {
  const spec = ing.spec ?? {};
  const path = FieldPath.root("spec");
  const errs: FieldError[] = [];
  const rules = spec.rules ?? [];
  if (rules.length === 0 && spec.defaultBackend === undefined) {
    errs.push(invalid(path, spec.rules ?? null, "either `defaultBackend` or `rules` must be specified"));
  }
  if (spec.defaultBackend !== undefined) errs.push(...validateBackend(spec.defaultBackend, path.child("defaultBackend")));
  errs.push(...validateRules(rules, path.child("rules"), opts));
  (spec.tls ?? []).forEach((tls, i) => {
    const tlsPath = path.child("tls").index(i);
    (tls.hosts ?? []).forEach((host, j) => errs.push(...messages(tlsPath.child("hosts").index(j), host, hostErrors(host))));
    if (!opts.allowInvalidSecretName && tls.secretName) {
      errs.push(...nameErrors(nameIsDNSSubdomain, tlsPath.child("secretName"), tls.secretName));
    }
  });
  if (spec.ingressClassName !== undefined) {
    errs.push(...nameErrors(nameIsDNSSubdomain, path.child("ingressClassName"), spec.ingressClassName));
  }
  return errs;
}

export function validateIngress(ing: Ingress): FieldError[] {
  const errs = validateSpec(ing, { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false });
  const annotation = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  const className = ing.spec?.ingressClassName;
  if (annotation !== undefined && className !== undefined && annotation !== className) {
    errs.push(invalid(FieldPath.root("annotations").child(INGRESS_CLASS_ANNOTATION), annotation, "must match `ingressClassName` when both are specified"));
  }
  return errs;
}

export function validateIngressUpdate(ing: Ingress, old: Ingress): FieldError[] {
  const oldTLS = old.spec?.tls ?? [];
  const oldRules = old.spec?.rules ?? [];
  return validateSpec(ing, {
    allowInvalidSecretName: oldTLS.some((tls) => !!tls.secretName && nameIsDNSSubdomain(tls.secretName, false).length > 0),
    allowInvalidWildcardHostRule: oldRules.some(
      (rule) => (rule.host ?? "").includes("*") && validateRuleValue(rule, FieldPath.root("")).length > 0,
    ),
  });
}

export function validateIngressStatusUpdate(ing: Ingress): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root("status", "loadBalancer", "ingress");
  (ing.status?.loadBalancer?.ingress ?? []).forEach((lb, i) => {
    if (lb.ip && isIP(lb.ip) === 0) errs.push(invalid(path.index(i).child("ip"), lb.ip, IP_MESSAGE));
    if (lb.hostname) {
      const hostPath = path.index(i).child("hostname");
      errs.push(...messages(hostPath, lb.hostname, isDNS1123Subdomain(lb.hostname)));
      if (isIP(lb.hostname) !== 0) errs.push(invalid(hostPath, lb.hostname, NOT_AN_IP));
    }
  });
  return errs;
}
