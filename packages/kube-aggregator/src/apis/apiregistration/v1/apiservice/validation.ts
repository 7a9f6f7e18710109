// APIService validation (upstream: kube-aggregator apiregistration/validation).
//
// The name must be `<version>.<group>` (or `v1.` for the legacy core group,
// whose group is empty); group and version are a DNS subdomain and a DNS-1035
// label; the priorities are in range; a local APIService (no service) has no
// TLS settings, and a remote one names its Service and does not both skip
// verification and give a CA bundle.

import {
  type FieldError,
  FieldPath,
  invalid,
  isDNS1035Label,
  isDNS1123Subdomain,
  notSupported,
  required,
} from "@tskube/apimachinery";
import { CONDITION_STATUSES, type APIService } from "./schema.js";

/** The name an APIService must have: `<spec.version>.<spec.group>`. */
export function apiServiceName(apiService: APIService): string {
  return `${apiService.spec?.version ?? ""}.${apiService.spec?.group ?? ""}`;
}

/**
 * The name must be `<spec.version>.<spec.group>`. (The generic registry has
 * already checked that it is a valid path segment; this rule needs the spec,
 * so it is checked with the object.)
 */
export function validateAPIServiceName(apiService: APIService): FieldError[] {
  const name = apiService.metadata.name ?? "";
  const requiredName = apiServiceName(apiService);
  return name === requiredName
    ? []
    : [invalid(FieldPath.root("metadata", "name"), name, `must be \`spec.version+"."+spec.group\`: ${JSON.stringify(requiredName)}`)];
}

export function validateAPIServiceSpec(apiService: APIService): FieldError[] {
  const errs: FieldError[] = [];
  const spec = apiService.spec ?? { groupPriorityMinimum: 0, versionPriority: 0 };
  const path = FieldPath.root("spec");
  const group = spec.group ?? "";
  const version = spec.version ?? "";

  // Only the legacy core group ("v1.") may have an empty group.
  if (group === "" && version !== "v1") {
    errs.push(required(path.child("group"), "only v1 may have an empty group and it better be legacy kube"));
  }
  if (group !== "") for (const msg of isDNS1123Subdomain(group)) errs.push(invalid(path.child("group"), group, msg));
  for (const msg of isDNS1035Label(version)) errs.push(invalid(path.child("version"), version, msg));

  if (spec.groupPriorityMinimum <= 0 || spec.groupPriorityMinimum > 20000) {
    errs.push(invalid(path.child("groupPriorityMinimum"), spec.groupPriorityMinimum, "must be positive and less than 20000"));
  }
  if (spec.versionPriority <= 0 || spec.versionPriority > 1000) {
    errs.push(invalid(path.child("versionPriority"), spec.versionPriority, "must be positive and less than 1000"));
  }

  const caBundleBytes = Buffer.from(spec.caBundle ?? "", "base64").length;
  if (spec.service === undefined) {
    if (caBundleBytes > 0) errs.push(invalid(path.child("caBundle"), `${caBundleBytes} bytes`, "local APIServices may not have a caBundle"));
    if (spec.insecureSkipTLSVerify) {
      errs.push(invalid(path.child("insecureSkipTLSVerify"), true, "local APIServices may not have insecureSkipTLSVerify"));
    }
    return errs;
  }
  const service = path.child("service");
  if (!spec.service.namespace) errs.push(required(service.child("namespace")));
  if (!spec.service.name) errs.push(required(service.child("name")));
  const port = spec.service.port;
  if (port !== undefined && (port < 1 || port > 65535)) {
    errs.push(invalid(service.child("port"), port, "must be a valid port number between 1 and 65535, inclusive"));
  }
  if (spec.insecureSkipTLSVerify && caBundleBytes > 0) {
    errs.push(invalid(path.child("insecureSkipTLSVerify"), true, "may not be true if caBundle is present"));
  }
  return errs;
}

export function validateAPIServiceStatus(apiService: APIService): FieldError[] {
  const conditions = FieldPath.root("status").child("conditions");
  return (apiService.status?.conditions ?? []).flatMap((condition, i) =>
    (CONDITION_STATUSES as readonly string[]).includes(condition.status)
      ? []
      : [notSupported(conditions.index(i).child("status"), condition.status, [...CONDITION_STATUSES])],
  );
}
