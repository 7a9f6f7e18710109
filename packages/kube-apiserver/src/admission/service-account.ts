// ServiceAccount (upstream: plugin/pkg/admission/serviceaccount). On the
// create of a pod (not its subresources), as upstream:
//
// mutating
//   - spec.serviceAccountName defaults to "default";
//   - the account must exist: else 403 `pods "p" is forbidden: error looking
//     up service account ns/sa: serviceaccount "sa" not found` (the `default`
//     account is looked up for up to ~2 s, since its controller makes it just
//     after the namespace);
//   - unless the pod or else the account says automountServiceAccountToken:
//     false, a projected volume `kube-api-access-<5 random>` (a bound token
//     with expirationSeconds 3607 at `token`, kube-root-ca.crt's ca.crt, the
//     namespace through the downward API) is added, and every container and
//     init container without a mount at /var/run/secrets/kubernetes.io/serviceaccount
//     mounts it there, read-only;
//   - the account's imagePullSecrets, when the pod has none.
// validating
//   - the pod names an account, and it exists;
//   - when the account has `kubernetes.io/enforce-mountable-secrets: "true"`,
//     the pod uses only the secrets the account lists;
//   - mirror pods (kubelet's static pods) may not use accounts, secrets or tokens.

import { type KubeObject, isNotFound, newNotFound } from "@tskube/apimachinery";
import {
  type Attributes,
  type MutatingAdmissionPlugin,
  type RESTStorage,
  type ValidatingAdmissionPlugin,
  generateName,
  handlesOperations,
  newAdmissionForbidden,
} from "@tskube/generic-apiserver";
import type { Pod } from "../apis/core/v1/pod/schema.js";
import { DEFAULT_VOLUME_MODE } from "../apis/core/v1/pod-spec/defaults.js";
import type { Container, PodSpec, Volume } from "../apis/core/v1/pod-spec/schema.js";
import type { ServiceAccount } from "../apis/core/v1/serviceaccount/schema.js";

export const SERVICE_ACCOUNT = "ServiceAccount";
export const DEFAULT_SERVICE_ACCOUNT_NAME = "default";
/** Prefix of the token volume's name. */
export const SERVICE_ACCOUNT_VOLUME_NAME = "kube-api-access";
export const DEFAULT_API_TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
/** The lifetime upstream requests for the automatic token (an hour and 7 s: only warned about when used past an hour). */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
export const ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
export const ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = "kubernetes.io/enforce-mountable-secrets";
const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

export interface ServiceAccountPluginOptions {
  /** How long to wait between lookups of a missing `default` account (upstream: 100-200 ms, 10 tries). */
  retryIntervalMs?: () => number;
  /** Volume names from a prefix; default the generic name generator. */
  generateName?: (prefix: string) => string;
}

/** The projected volume of the automatic token (upstream: TokenVolumeSource). */
export function tokenVolumeSource(): NonNullable<Volume["projected"]> {
  return {
    // Set explicitly, as upstream does: defaulting has already run.
    defaultMode: DEFAULT_VOLUME_MODE,
    sources: [
      { serviceAccountToken: { path: "token", expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS } },
      { configMap: { name: ROOT_CA_CONFIG_MAP, items: [{ key: "ca.crt", path: "ca.crt" }] } },
      { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
    ],
  };
}

function isPodCreate(a: Attributes): boolean {
  return (
    a.operation === "CREATE" &&
    a.resource.group === "" &&
    a.resource.resource === "pods" &&
    a.subresource === "" &&
    a.object?.kind === "Pod"
  );
}

export class ServiceAccountAdmission implements MutatingAdmissionPlugin, ValidatingAdmissionPlugin {
  readonly name = SERVICE_ACCOUNT;
  readonly handles = handlesOperations("CREATE");
  private readonly retryIntervalMs: () => number;
  private readonly generateName: (prefix: string) => string;

  constructor(
    private readonly serviceAccounts: RESTStorage<KubeObject>,
    options: ServiceAccountPluginOptions = {},
  ) {
    this.retryIntervalMs = options.retryIntervalMs ?? (() => 100 + Math.floor(Math.random() * 100));
    this.generateName = options.generateName ?? generateName;
  }

  async admit(a: Attributes): Promise<void> {
    if (!isPodCreate(a)) return;
    const pod = a.object as Pod;
    if (isMirrorPod(pod)) return this.validate(a);
    const spec = pod.spec ?? (pod.spec = { containers: [] });
    if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;
    // v1 carries the deprecated spelling too (upstream fills it in conversion).
    spec.serviceAccount = spec.serviceAccountName;

    const account = await this.lookUp(a, spec.serviceAccountName);
    if (shouldAutomount(account, spec)) this.mountServiceAccountToken(spec);
    if ((spec.imagePullSecrets ?? []).length === 0 && (account.imagePullSecrets ?? []).length > 0) {
      spec.imagePullSecrets = (account.imagePullSecrets ?? []).map((s) => ({ name: s.name ?? "" }));
    }
    return this.validate(a);
  }

  async validate(a: Attributes): Promise<void> {
    if (!isPodCreate(a)) return;
    const pod = a.object as Pod;
    const spec = pod.spec ?? { containers: [] };
    if (isMirrorPod(pod)) return validateMirrorPod(a, spec);
    if (!spec.serviceAccountName) {
      throw newAdmissionForbidden(a, `no service account specified for pod ${a.namespace}/${pod.metadata.name ?? ""}`);
    }
    const account = await this.lookUp(a, spec.serviceAccountName);
    if (account.metadata.annotations?.[ENFORCE_MOUNTABLE_SECRETS_ANNOTATION] === "true") {
      const refused = refusedSecretReference(account, spec);
      if (refused) throw newAdmissionForbidden(a, refused);
    }
  }

  /** The account, or the 403 upstream answers when it cannot be found. */
  private async lookUp(a: Attributes, name: string): Promise<ServiceAccount> {
    try {
      return await this.getServiceAccount(a.namespace, name);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw newAdmissionForbidden(a, `error looking up service account ${a.namespace}/${name}: ${why}`);
    }
  }

  private async getServiceAccount(namespace: string, name: string): Promise<ServiceAccount> {
    // The default account is made by a controller just after its namespace: give it time.
    const attempts = name === DEFAULT_SERVICE_ACCOUNT_NAME ? 10 : 1;
    const interval = this.retryIntervalMs();
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, interval));
      try {
        return (await this.serviceAccounts.get({ namespace, dryRun: false, warnings: [] }, name)) as ServiceAccount;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    // Upstream names the singular resource here.
    throw newNotFound({ group: "", resource: "serviceaccount" }, name);
  }

  /** Adds the token volume (unless one is there) and mounts it in every container that has nothing at the mount path. */
  private mountServiceAccountToken(spec: PodSpec): void {
    const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(`${SERVICE_ACCOUNT_VOLUME_NAME}-`));
    const volumeName = existing?.name ?? this.generateName(`${SERVICE_ACCOUNT_VOLUME_NAME}-`);
    let needsVolume = false;
    const mount = (c: Container) => {
      if ((c.volumeMounts ?? []).some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) return;
      c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH }];
      needsVolume = true;
    };
    for (const c of spec.initContainers ?? []) mount(c);
    for (const c of spec.containers) mount(c);
    if (!existing && needsVolume) spec.volumes = [...(spec.volumes ?? []), { name: volumeName, projected: tokenVolumeSource() }];
  }
}

function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
}

/** The pod's preference wins, then the account's; upstream defaults to mounting. */
function shouldAutomount(account: ServiceAccount, spec: PodSpec): boolean {
  return spec.automountServiceAccountToken ?? account.automountServiceAccountToken ?? true;
}

/** Every secret a pod's spec names: volumes, env, envFrom, imagePullSecrets (upstream: VisitPodSecretNames). */
function podSecretNames(spec: PodSpec): string[] {
  const names: string[] = [];
  for (const s of spec.imagePullSecrets ?? []) if (s.name) names.push(s.name);
  for (const c of [...(spec.initContainers ?? []), ...spec.containers, ...(spec.ephemeralContainers ?? [])]) {
    for (const e of c.envFrom ?? []) if (e.secretRef?.name) names.push(e.secretRef.name);
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name) names.push(e.valueFrom.secretKeyRef.name);
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret?.secretName) names.push(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) if (s.secret?.name) names.push(s.secret.name);
  }
  return names;
}

async function validateMirrorPod(a: Attributes, spec: PodSpec): Promise<void> {
  if (spec.serviceAccountName) throw newAdmissionForbidden(a, "a mirror pod may not reference service accounts");
  if (podSecretNames(spec).length > 0) throw newAdmissionForbidden(a, "a mirror pod may not reference secrets");
  for (const v of spec.volumes ?? []) {
    if ((v.projected?.sources ?? []).some((s) => s.serviceAccountToken)) {
      throw newAdmissionForbidden(a, "a mirror pod may not use ServiceAccountToken volume projections");
    }
  }
}

/** Why the pod may not use a secret the account does not list, worded as upstream; undefined when all are allowed. */
function refusedSecretReference(account: ServiceAccount, spec: PodSpec): string | undefined {
  const sa = account.metadata.name ?? "";
  const mountable = new Set((account.secrets ?? []).map((s) => s.name ?? ""));
  for (const v of spec.volumes ?? []) {
    const secretName = v.secret?.secretName;
    if (v.secret && !mountable.has(secretName ?? "")) {
      return `volume with secret.secretName="${secretName ?? ""}" is not allowed because service account ${sa} does not reference that secret`;
    }
  }
  const groups: [string, Container[]][] = [
    ["init container", spec.initContainers ?? []],
    ["container", spec.containers],
  ];
  for (const [what, containers] of groups) {
    for (const c of containers) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !mountable.has(ref.name ?? "")) {
          return `${what} ${c.name} with envVar ${e.name} referencing secret.secretName="${ref.name ?? ""}" is not allowed because service account ${sa} does not reference that secret`;
        }
      }
      for (const e of c.envFrom ?? []) {
        if (e.secretRef && !mountable.has(e.secretRef.name ?? "")) {
          return `${what} ${c.name} with envFrom referencing secret.secretName="${e.secretRef.name ?? ""}" is not allowed because service account ${sa} does not reference that secret`;
        }
      }
    }
  }
  const pullSecrets = new Set((account.imagePullSecrets ?? []).map((s) => s.name ?? ""));
  for (const [i, ref] of (spec.imagePullSecrets ?? []).entries()) {
    if (!pullSecrets.has(ref.name ?? "")) {
      return `imagePullSecrets[${i}].name="${ref.name ?? ""}" is not allowed because service account ${sa} does not reference that imagePullSecret`;
    }
  }
  return undefined;
}
