// Validation of IngressClasses (upstream v1.32: ValidateIngressClass,
// ValidateIngressClassUpdate): the controller is a domain-prefixed path of
// at most 250 characters and cannot change; parameters name an object
// (kind and name required), with a scope of Cluster or Namespace and a
// namespace exactly when the scope is Namespace.

import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  isDNS1123Subdomain,
  notSupported,
  regexError,
  required,
  tooLong,
  validateNamespaceName,
} from "@tskube/apimachinery";
import { validateTypedLocalReference } from "../ingress/validation.js";
import { type IngressClass, MAX_CONTROLLER_LENGTH, PARAMETERS_SCOPES } from "./schema.js";

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH_RE = new RegExp(`^${HTTP_PATH_FMT}$`);

/** `acme.io/foo`: a DNS subdomain, '/', and an HTTP path (upstream: IsDomainPrefixedPath). */
export function validateDomainPrefixedPath(path: FieldPath, value: string): FieldError[] {
  if (value === "") return [required(path, "")];
  const slash = value.indexOf("/");
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? "" : value.slice(slash + 1);
  if (slash < 0 || host === "" || rest === "") return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((msg) => invalid(path, host, msg));
  if (!HTTP_PATH_RE.test(rest)) errs.push(invalid(path, rest, regexError("Invalid path", HTTP_PATH_FMT)));
  return errs;
}

export function validateIngressClass(ic: IngressClass): FieldError[] {
  const spec = ic.spec ?? {};
  const path = FieldPath.root("spec");
  const errs: FieldError[] = [];
  const controller = spec.controller ?? "";
  if (controller.length > MAX_CONTROLLER_LENGTH) errs.push(tooLong(path.child("controller"), MAX_CONTROLLER_LENGTH));
  errs.push(...validateDomainPrefixedPath(path.child("controller"), controller));

  const params = spec.parameters;
  if (params === undefined) return errs;
  const paramsPath = path.child("parameters");
  errs.push(...validateTypedLocalReference(params, paramsPath));
  if (params.scope === undefined) {
    errs.push(required(paramsPath.child("scope"), ""));
    return errs;
  }
  if (!(PARAMETERS_SCOPES as readonly string[]).includes(params.scope)) {
    errs.push(notSupported(paramsPath.child("scope"), params.scope, [...PARAMETERS_SCOPES]));
  } else if (params.scope === "Namespace") {
    if (params.namespace === undefined) errs.push(required(paramsPath.child("namespace"), "`parameters.scope` is set to 'Namespace'"));
    else errs.push(...validateNamespaceName(params.namespace, false).map((msg) => invalid(paramsPath.child("namespace"), params.namespace, msg)));
  } else if (params.namespace !== undefined) {
    errs.push(forbidden(paramsPath.child("namespace"), "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): FieldError[] {
  const controller = ic.spec?.controller ?? "";
  const errs = controller !== (old.spec?.controller ?? "") ? [invalid("spec.controller", controller, "field is immutable")] : [];
  return [...errs, ...validateIngressClass(ic)];
}
