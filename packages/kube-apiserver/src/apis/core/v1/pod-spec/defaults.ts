// Defaults of a PodSpec and everything under it (upstream: SetDefaults_PodSpec,
// SetDefaults_Container, SetDefaults_Probe, SetDefaults_Volume and the volume
// sources' defaulters in pkg/apis/core/v1/defaults.go). Shared by Pod and
// every kind that embeds a pod template; Pod-only defaults are in pod/defaults.ts.

import type { Container, EphemeralContainer, PersistentVolumeClaimSpec, Probe, PodSpec, Volume } from "./schema.js";
import { VOLUME_SOURCE_FIELDS } from "./schema.js";

/** File mode 0644, the default of secret, configMap, downwardAPI and projected volumes. */
export const DEFAULT_VOLUME_MODE = 0o644;
export const DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";
export const DEFAULT_SCHEDULER_NAME = "default-scheduler";
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

/** The tag of an image reference: "latest" when it has neither tag nor digest, "" with only a digest. */
export function imageTag(image: string): string {
  let rest = image;
  const at = rest.indexOf("@");
  const hasDigest = at >= 0;
  if (hasDigest) rest = rest.slice(0, at);
  // The tag follows the last ':' after the last '/' (a ':' before it is a registry port).
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) return rest.slice(colon + 1);
  return hasDigest ? "" : "latest";
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  if (p.httpGet) {
    p.httpGet.path ||= "/";
    p.httpGet.scheme ||= "HTTP";
  }
}

type AnyContainer = Container | EphemeralContainer;

export function applyContainerDefaults(c: AnyContainer): void {
  c.imagePullPolicy ||= imageTag(c.image ?? "") === "latest" ? "Always" : "IfNotPresent";
  c.terminationMessagePath ||= DEFAULT_TERMINATION_MESSAGE_PATH;
  c.terminationMessagePolicy ||= "File";
  // Go always writes the resources struct, so a defaulted container shows `resources: {}`.
  c.resources ??= {};
  for (const port of c.ports ?? []) port.protocol ||= "TCP";
  for (const env of c.env ?? []) {
    const ref = env.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ||= "v1";
  }
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) {
    if (h?.httpGet) {
      h.httpGet.path ||= "/";
      h.httpGet.scheme ||= "HTTP";
    }
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

/**
 * The sources a pod's volumes and PersistentVolumes both have (under the same
 * names, with the same defaulted fields), as far as defaulting goes.
 */
export interface DefaultedVolumeSources {
  hostPath?: { type?: string | undefined } | undefined;
  iscsi?: { iscsiInterface?: string | undefined } | undefined;
  rbd?: { pool?: string | undefined; user?: string | undefined; keyring?: string | undefined } | undefined;
  azureDisk?: { cachingMode?: string | undefined; fsType?: string | undefined; readOnly?: boolean | undefined; kind?: string | undefined } | undefined;
  scaleIO?: { storageMode?: string | undefined; fsType?: string | undefined } | undefined;
}

/** upstream's defaulters of the shared sources (SetDefaults_HostPathVolumeSource, _ISCSI..., _RBD..., _AzureDisk..., _ScaleIO...). */
export function applySourceDefaults(v: DefaultedVolumeSources): void {
  if (v.hostPath) v.hostPath.type ??= "";
  if (v.iscsi) v.iscsi.iscsiInterface ||= "default";
  if (v.rbd) {
    v.rbd.pool ||= "rbd";
    v.rbd.user ||= "admin";
    v.rbd.keyring ||= "/etc/ceph/keyring";
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= "ReadWrite";
    v.azureDisk.fsType ??= "ext4";
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= "Shared";
  }
  if (v.scaleIO) {
    v.scaleIO.storageMode ||= "ThinProvisioned";
    v.scaleIO.fsType ||= "xfs";
  }
}

export function applyVolumeDefaults(v: Volume): void {
  const record = v as Record<string, unknown>;
  if (!VOLUME_SOURCE_FIELDS.some((f) => record[f] !== undefined)) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= DEFAULT_VOLUME_MODE;
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_VOLUME_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DEFAULT_VOLUME_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= "v1";
  }
  if (v.projected) {
    v.projected.defaultMode ??= DEFAULT_VOLUME_MODE;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= "v1";
    }
  }
  applySourceDefaults(v);
  const claim = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claim) applyPersistentVolumeClaimSpecDefaults(claim);
}

/** upstream SetDefaults_PersistentVolumeClaimSpec: a claim is for a filesystem unless it says Block. */
export function applyPersistentVolumeClaimSpecDefaults(spec: PersistentVolumeClaimSpec): void {
  spec.volumeMode ??= "Filesystem";
}

export interface PodSpecDefaultsOptions {
  /**
   * Under hostNetwork, default each container port's hostPort to its
   * containerPort. Upstream does this for Pods only (SetDefaults_Pod); pod
   * templates keep their ports as given. Default true.
   */
  hostNetworkPorts?: boolean;
}

export interface PodSpecDefaultsOptions {
  /**
   * Under hostNetwork, default each container port's hostPort to its
   * containerPort. Upstream does this for Pods only (SetDefaults_Pod); pod
   * templates keep their ports as given. Default true.
   */
  hostNetworkPorts?: boolean;
}

/** upstream SetDefaults_PodSpec plus the defaults of what it contains. */
export function applyPodSpecDefaults(spec: PodSpec, opts: PodSpecDefaultsOptions = {}): void {
  spec.dnsPolicy ||= "ClusterFirst";
  spec.restartPolicy ||= "Always";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ||= DEFAULT_SCHEDULER_NAME;
  // The deprecated serviceAccount mirrors serviceAccountName (upstream does this in conversion).
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const v of spec.volumes ?? []) applyVolumeDefaults(v);
  for (const c of [...(spec.initContainers ?? []), ...spec.containers, ...(spec.ephemeralContainers ?? [])]) applyContainerDefaults(c);
  if (spec.hostNetwork && opts.hostNetworkPorts !== false) {
    // With the host's network the host port is the container port.
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}
