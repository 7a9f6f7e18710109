// Validation of a PodSpec (upstream: ValidatePodSpec and the functions it
// calls in pkg/apis/core/validation/validation.go), the subset that matters
// most to clients: containers, ports, env, volumes and their mounts, probes,
// resources and the spec-level enums. Messages and field paths as upstream's.

import { isIP } from "node:net";
import { type FieldError, FieldPath, duplicate, forbidden, invalid, isDNS1123Label, isDNS1123Subdomain, notFound, notSupported, required, validateLabels } from "@tskube/apimachinery";
import { parseQuantity } from "./quantity.js";
import { type Container, type ContainerPort, type EphemeralContainer, type PodSpec, type Probe, type Volume, VOLUME_SOURCE_FIELDS } from "./schema.js";

const RESTART_POLICIES = ["Always", "Never", "OnFailure"];
const DNS_POLICIES = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const TERMINATION_MESSAGE_POLICIES = ["FallbackToLogsOnError", "File"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const MAX_INT32 = 2147483647;

const PORT_RANGE = "must be between 1 and 65535, inclusive";

/** upstream IsValidPortName: an IANA_SVC_NAME. */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(name)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(name)) errs.push("must contain at least one letter (a-z)");
  if (/^-|-$/.test(name)) errs.push("must start and end with an alpha-numeric character");
  if (name.includes("--")) errs.push("must not contain consecutive hyphens");
  return errs;
}

function validPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

function validatePortNumOrName(port: number | string, path: FieldPath): FieldError[] {
  if (typeof port === "number") return validPort(port) ? [] : [invalid(path, port, PORT_RANGE)];
  return portNameErrors(port).map((msg) => invalid(path, port, msg));
}

/** upstream ValidateNonnegativeField. */
export function validateNonNegative(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, "must be greater than or equal to 0")] : [];
}

function validatePorts(ports: readonly ContainerPort[], path: FieldPath, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  ports.forEach((port, i) => {
    const p = path.index(i);
    if (port.name) {
      for (const msg of portNameErrors(port.name)) errs.push(invalid(p.child("name"), port.name, msg));
      if (names.has(port.name)) errs.push(duplicate(p.child("name"), port.name));
      names.add(port.name);
    }
    if (port.containerPort === 0) errs.push(required(p.child("containerPort")));
    else if (!validPort(port.containerPort)) errs.push(invalid(p.child("containerPort"), port.containerPort, PORT_RANGE));
    if (port.hostPort !== undefined && port.hostPort !== 0 && !validPort(port.hostPort)) errs.push(invalid(p.child("hostPort"), port.hostPort, PORT_RANGE));
    if (!port.protocol) errs.push(required(p.child("protocol")));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child("protocol"), port.protocol, PROTOCOLS));
  });
  return errs;
}

function validateProbe(probe: Probe | undefined, path: FieldPath, liveness: boolean): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  const handlers = (["exec", "httpGet", "tcpSocket", "grpc"] as const).filter((h) => probe[h] !== undefined);
  if (handlers.length === 0) errs.push(required(path, "must specify a handler type"));
  for (const h of handlers.slice(1)) errs.push(forbidden(path.child(h), "may not specify more than 1 handler type"));
  for (const h of ["httpGet", "tcpSocket"] as const) {
    const action = probe[h];
    if (action) errs.push(...validatePortNumOrName(action.port, path.child(h, "port")));
  }
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
    errs.push(...validateNonNegative(probe[f], path.child(f)));
  }
  if (liveness && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errs.push(invalid(path.child("successThreshold"), probe.successThreshold, "must be 1"));
  }
  return errs;
}

function validateEnvName(name: string, path: FieldPath): FieldError[] {
  if (name === "") return [required(path)];
  // RelaxedEnvironmentVariableValidation (on by default): printable ASCII but '='.
  return /^[\x20-\x7e]+$/.test(name) && !name.includes("=")
    ? []
    : [invalid(path, name, "a valid environment variable name must consist only of printable ASCII characters other than '='")];
}

function validateResources(c: Container | EphemeralContainer, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  for (const [kind, list] of [["limits", limits], ["requests", requests]] as const) {
    for (const [name, value] of Object.entries(list)) {
      const n = parseQuantity(value);
      const p = path.child(kind).key(name);
      if (n === undefined) errs.push(invalid(p, value, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
      else if (n < 0) errs.push(invalid(p, value, "must be greater than or equal to 0"));
    }
  }
  for (const [name, value] of Object.entries(requests)) {
    const limit = limits[name];
    if (limit === undefined) continue;
    const r = parseQuantity(value);
    const l = parseQuantity(limit);
    if (r !== undefined && l !== undefined && r > l) {
      errs.push(invalid(path.child("requests").key(name), value, `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return errs;
}

function validateContainers(
  containers: readonly (Container | EphemeralContainer)[],
  path: FieldPath,
  volumes: ReadonlySet<string>,
  names: Set<string>,
  portNames: Set<string>,
  opts: { probes: boolean },
): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const p = path.index(i);
    if (!c.name) errs.push(required(p.child("name")));
    else {
      for (const msg of isDNS1123Label(c.name)) errs.push(invalid(p.child("name"), c.name, msg));
      if (names.has(c.name)) errs.push(duplicate(p.child("name"), c.name));
      names.add(c.name);
    }
    if (!c.image || c.image.trim() === "") errs.push(required(p.child("image")));
    else if (c.image !== c.image.trim()) errs.push(invalid(p.child("image"), c.image, "must not have leading or trailing whitespace"));
    if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(p.child("imagePullPolicy"), c.imagePullPolicy, PULL_POLICIES));
    if (c.terminationMessagePolicy && !TERMINATION_MESSAGE_POLICIES.includes(c.terminationMessagePolicy)) {
      errs.push(notSupported(p.child("terminationMessagePolicy"), c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES));
    }
    errs.push(...validatePorts(c.ports ?? [], p.child("ports"), portNames));
    (c.env ?? []).forEach((e, j) => {
      const ep = p.child("env").index(j);
      errs.push(...validateEnvName(e.name, ep.child("name")));
      if (e.valueFrom) {
        const sources = (["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"] as const).filter((f) => e.valueFrom?.[f] !== undefined).length;
        const vp = ep.child("valueFrom");
        if (sources === 0) errs.push(invalid(vp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        else if (sources > 1) errs.push(invalid(vp, "", "may not have more than one field specified at a time"));
        if (e.value && sources !== 0) errs.push(invalid(vp, "", "may not be specified when `value` is not empty"));
      }
    });
    const mountPaths = new Set<string>();
    (c.volumeMounts ?? []).forEach((m, j) => {
      const mp = p.child("volumeMounts").index(j);
      if (!m.name) errs.push(required(mp.child("name")));
      else if (!volumes.has(m.name)) errs.push(notFound(mp.child("name"), m.name));
      if (!m.mountPath) errs.push(required(mp.child("mountPath")));
      else if (mountPaths.has(m.mountPath)) errs.push(invalid(mp.child("mountPath"), m.mountPath, "must be unique"));
      mountPaths.add(m.mountPath);
    });
    if (opts.probes) {
      errs.push(...validateProbe(c.livenessProbe, p.child("livenessProbe"), true));
      errs.push(...validateProbe(c.readinessProbe, p.child("readinessProbe"), false));
      errs.push(...validateProbe(c.startupProbe, p.child("startupProbe"), true));
    }
    errs.push(...validateResources(c, p.child("resources")));
  });
  return errs;
}

function validateVolumes(volumes: readonly Volume[], path: FieldPath): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const p = path.index(i);
    if (!v.name) errs.push(required(p.child("name")));
    else {
      for (const msg of isDNS1123Label(v.name)) errs.push(invalid(p.child("name"), v.name, msg));
      if (names.has(v.name)) errs.push(duplicate(p.child("name"), v.name));
      names.add(v.name);
    }
    const record = v as Record<string, unknown>;
    const sources = VOLUME_SOURCE_FIELDS.filter((f) => record[f] !== undefined);
    if (sources.length === 0) errs.push(required(p, "must specify a volume type"));
    for (const f of sources.slice(1)) errs.push(forbidden(p.child(f), "may not specify more than 1 volume type"));
  });
  return { errs, names };
}

export function validatePodSpec(spec: PodSpec, path: FieldPath = FieldPath.root("spec")): FieldError[] {
  const errs: FieldError[] = [];
  const { errs: volumeErrs, names: volumeNames } = validateVolumes(spec.volumes ?? [], path.child("volumes"));
  errs.push(...volumeErrs);
  const containerNames = new Set<string>();
  const portNames = new Set<string>();
  if (spec.containers.length === 0) errs.push(required(path.child("containers")));
  errs.push(...validateContainers(spec.containers, path.child("containers"), volumeNames, containerNames, portNames, { probes: true }));
  errs.push(...validateContainers(spec.initContainers ?? [], path.child("initContainers"), volumeNames, containerNames, portNames, { probes: false }));
  errs.push(...validateContainers(spec.ephemeralContainers ?? [], path.child("ephemeralContainers"), volumeNames, containerNames, new Set(), { probes: false }));

  if (!spec.restartPolicy) errs.push(required(path.child("restartPolicy")));
  else if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(notSupported(path.child("restartPolicy"), spec.restartPolicy, RESTART_POLICIES));
  if (!spec.dnsPolicy) errs.push(required(path.child("dnsPolicy")));
  else if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(path.child("dnsPolicy"), spec.dnsPolicy, DNS_POLICIES));
  if (spec.activeDeadlineSeconds !== undefined && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(invalid(path.child("activeDeadlineSeconds"), spec.activeDeadlineSeconds, `must be between 1 and ${MAX_INT32}, inclusive`));
  }
  errs.push(...validateLabels(spec.nodeSelector, path.child("nodeSelector")));
  // Service account names are DNS subdomains.
  if (spec.serviceAccountName) {
    for (const msg of isDNS1123Subdomain(spec.serviceAccountName)) errs.push(invalid(path.child("serviceAccountName"), spec.serviceAccountName, msg));
  }
  if (spec.hostname) for (const msg of isDNS1123Label(spec.hostname)) errs.push(invalid(path.child("hostname"), spec.hostname, msg));
  if (spec.subdomain) for (const msg of isDNS1123Label(spec.subdomain)) errs.push(invalid(path.child("subdomain"), spec.subdomain, msg));
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    if (!s.name) errs.push(required(path.child("imagePullSecrets").index(i).child("name")));
  });
  (spec.tolerations ?? []).forEach((t, i) => {
    const tp = path.child("tolerations").index(i);
    if (t.operator && t.operator !== "Exists" && t.operator !== "Equal") errs.push(notSupported(tp.child("operator"), t.operator, ["Equal", "Exists"]));
    if (t.operator === "Exists" && t.value) errs.push(invalid(tp.child("operator"), t.value, "value must be empty when `operator` is 'Exists'"));
    if (!t.key && t.operator !== "Exists") errs.push(invalid(tp.child("operator"), t.operator ?? "", "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(tp.child("effect"), t.effect, TAINT_EFFECTS));
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errs.push(invalid(tp.child("effect"), t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
  });
  (spec.hostAliases ?? []).forEach((a, i) => {
    if (!isIP(a.ip)) errs.push(invalid(path.child("hostAliases").index(i).child("ip"), a.ip, "must be valid IP address"));
  });
  return errs;
}
