// Validation of PersistentVolumes (upstream: ValidatePersistentVolumeSpec and
// ValidatePersistentVolumeUpdate in pkg/apis/core/validation/validation.go):
// access modes and a storage capacity are required, exactly one volume
// source is set (each source checked for its required fields), and after
// creation the source and volumeMode cannot change. Field paths and messages
// as upstream's, including its quirks (`spec.persistentvolumesource`, and
// `volumeMode` / `nodeAffinity` without the `spec.` prefix on update).

import { type FieldError, FieldPath, forbidden, invalid, isDNS1123Subdomain, notSupported, required, tooLong, validateLabelName } from "@tskube/apimachinery";
import type { z } from "zod";
import type { NodeSelectorSchema } from "../pod-spec/schema.js";
import { quantityOrError } from "../validation/quantity.js";
import { fieldDiff, sameJSON } from "../validation/semantic-equal.js";
import { validateAccessModes, validateClassName, validateVolumeMode } from "../validation/volume-access.js";
import { PV_SOURCE_FIELDS, RECLAIM_POLICIES, type PersistentVolume, type PersistentVolumeSpec } from "./schema.js";

type NodeSelector = z.infer<typeof NodeSelectorSchema>;

const SPEC = FieldPath.root("spec");
const IMMUTABLE = "field is immutable";
const HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
const SORTED_RECLAIM_POLICIES = [...RECLAIM_POLICIES].sort();

/** A path may not step up with "..". */
export function validatePathNoBacksteps(p: string, path: FieldPath): FieldError[] {
  return p.split("/").includes("..") ? [invalid(path, p, "must not contain '..'")] : [];
}

function requireField(value: string | readonly unknown[] | undefined, path: FieldPath): FieldError[] {
  return value === undefined || value.length === 0 ? [required(path)] : [];
}

/** upstream ValidateNodeSelector, for a volume's node affinity. */
function validateNodeSelector(selector: NodeSelector, path: FieldPath): FieldError[] {
  const termsPath = path.child("nodeSelectorTerms");
  if (selector.nodeSelectorTerms.length === 0) return [required(termsPath, "must have at least one node selector term")];
  const errs: FieldError[] = [];
  selector.nodeSelectorTerms.forEach((term, i) => {
    for (const kind of ["matchExpressions", "matchFields"] as const) {
      (term[kind] ?? []).forEach((req, j) => {
        const p = termsPath.index(i).child(kind).index(j);
        const values = req.values ?? [];
        switch (req.operator) {
          case "In":
          case "NotIn":
            if (values.length === 0) errs.push(required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
            break;
          case "Exists":
          case "DoesNotExist":
            if (values.length > 0) errs.push(forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            break;
          case "Gt":
          case "Lt":
            if (values.length !== 1) errs.push(required(p.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
            break;
          default:
            errs.push(invalid(p.child("operator"), req.operator, "not a valid selector operator"));
        }
        if (kind === "matchExpressions") errs.push(...validateLabelName(req.key, p.child("key")));
      });
    }
  });
  return errs;
}

/** The required fields of the sources people use most; the rest are taken as given. */
function validateSource(spec: PersistentVolumeSpec, source: (typeof PV_SOURCE_FIELDS)[number], path: FieldPath): FieldError[] {
  const p = path.child(source);
  switch (source) {
    case "hostPath": {
      const hp = spec.hostPath!;
      const errs = [...requireField(hp.path, p.child("path")), ...validatePathNoBacksteps(hp.path, p.child("path"))];
      if (hp.type !== undefined && !HOST_PATH_TYPES.includes(hp.type)) errs.push(notSupported(p.child("type"), hp.type, HOST_PATH_TYPES));
      return errs;
    }
    case "nfs": {
      const nfs = spec.nfs!;
      const errs = [...requireField(nfs.server, p.child("server")), ...requireField(nfs.path, p.child("path"))];
      if (nfs.path !== "" && !nfs.path.startsWith("/")) errs.push(invalid(p.child("path"), nfs.path, "must be an absolute path"));
      return errs;
    }
    case "local": {
      const local = spec.local!;
      if (local.path === "") return [required(p.child("path"))];
      return validatePathNoBacksteps(local.path, p.child("path"));
    }
    case "csi": {
      const csi = spec.csi!;
      // upstream ValidateCSIDriverName: a DNS subdomain (in any case) of at most 63 characters.
      const errs = requireField(csi.driver, p.child("driver"));
      if (csi.driver.length > 63) errs.push(tooLong(p.child("driver"), 63));
      for (const msg of isDNS1123Subdomain(csi.driver.toLowerCase())) errs.push(invalid(p.child("driver"), csi.driver, msg));
      errs.push(...requireField(csi.volumeHandle, p.child("volumeHandle")));
      for (const ref of ["controllerPublishSecretRef", "nodeStageSecretRef", "nodePublishSecretRef", "controllerExpandSecretRef", "nodeExpandSecretRef"] as const) {
        const secret = csi[ref];
        if (secret === undefined) continue;
        errs.push(...requireField(secret.name, p.child(ref, "name")), ...requireField(secret.namespace, p.child(ref, "namespace")));
      }
      return errs;
    }
    case "gcePersistentDisk":
      return requireField(spec.gcePersistentDisk!.pdName, p.child("pdName"));
    case "awsElasticBlockStore":
      return requireField(spec.awsElasticBlockStore!.volumeID, p.child("volumeID"));
    case "glusterfs":
      return [...requireField(spec.glusterfs!.endpoints, p.child("endpoints")), ...requireField(spec.glusterfs!.path, p.child("path"))];
    case "iscsi":
      return [...requireField(spec.iscsi!.targetPortal, p.child("targetPortal")), ...requireField(spec.iscsi!.iqn, p.child("iqn"))];
    case "rbd":
      return [...requireField(spec.rbd!.monitors, p.child("monitors")), ...requireField(spec.rbd!.image, p.child("image"))];
    case "cephfs":
      return requireField(spec.cephfs!.monitors, p.child("monitors"));
    default:
      return [];
  }
}

export function validatePersistentVolumeSpec(spec: PersistentVolumeSpec, path: FieldPath = SPEC): FieldError[] {
  const errs: FieldError[] = [];
  const accessModes = spec.accessModes ?? [];
  if (accessModes.length === 0) errs.push(required(path.child("accessModes")));
  errs.push(...validateAccessModes(accessModes, path.child("accessModes")));

  const capacity = spec.capacity ?? {};
  const capPath = path.child("capacity");
  if (Object.keys(capacity).length === 0) errs.push(required(capPath));
  if (capacity.storage === undefined || Object.keys(capacity).length > 1) errs.push(notSupported(capPath, capacity, ["storage"]));
  for (const [name, value] of Object.entries(capacity)) {
    const p = capPath.key(name);
    const n = quantityOrError(value, p, errs);
    if (n === undefined) continue;
    if (n < 0) errs.push(invalid(p, Math.ceil(n), "must be a valid resource quantity"));
    if (n <= 0) errs.push(invalid(p, value, "must be greater than zero"));
  }

  const policy = spec.persistentVolumeReclaimPolicy ?? "";
  if (policy !== "" && !(RECLAIM_POLICIES as readonly string[]).includes(policy)) {
    errs.push(notSupported(path.child("persistentVolumeReclaimPolicy"), policy, SORTED_RECLAIM_POLICIES));
  }

  if (spec.nodeAffinity !== undefined) {
    const required_ = spec.nodeAffinity.required;
    if (required_ === undefined) errs.push(required(path.child("nodeAffinity", "required"), "must specify required node constraints"));
    else errs.push(...validateNodeSelector(required_, path.child("nodeAffinity", "required")));
  }

  const record = spec as Record<string, unknown>;
  const sources = PV_SOURCE_FIELDS.filter((f) => record[f] !== undefined);
  if (sources.length === 0) errs.push(required(path, "must specify a volume type"));
  sources.forEach((source, i) => {
    if (i > 0) errs.push(forbidden(path.child(source), "may not specify more than 1 volume type"));
    else errs.push(...validateSource(spec, source, path));
  });
  if (sources[0] === "local" && spec.nodeAffinity === undefined) errs.push(required(path.child("nodeAffinity"), "Local volume requires node affinity"));

  // A recycler would wipe the node's root.
  const hostPath = spec.hostPath?.path.replace(/\/+$/, "");
  if (hostPath === "" && policy === "Recycle") {
    errs.push(forbidden(path.child("persistentVolumeReclaimPolicy"), "may not be 'recycle' for a hostPath mount of '/'"));
  }

  if (spec.storageClassName) errs.push(...validateClassName(spec.storageClassName, path.child("storageClassName")));
  errs.push(...validateVolumeMode(spec.volumeMode, path.child("volumeMode")));
  return errs;
}

export function validatePersistentVolume(pv: PersistentVolume): FieldError[] {
  return validatePersistentVolumeSpec(pv.spec ?? {});
}

/** The volume source of a spec: the one source field set, as an object to compare. */
function sourceOf(spec: PersistentVolumeSpec): Record<string, unknown> {
  const record = spec as Record<string, unknown>;
  return Object.fromEntries(PV_SOURCE_FIELDS.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));
}

/** Zone, region and instance-type labels moved from their beta names to GA ones; an affinity may follow. */
const BETA_TO_GA_LABELS: Readonly<Record<string, string>> = {
  "failure-domain.beta.kubernetes.io/zone": "topology.kubernetes.io/zone",
  "failure-domain.beta.kubernetes.io/region": "topology.kubernetes.io/region",
  "beta.kubernetes.io/instance-type": "node.kubernetes.io/instance-type",
};

/** The affinity with beta label keys renamed to their GA names. */
function withGALabels(affinity: PersistentVolumeSpec["nodeAffinity"]): unknown {
  const copy = structuredClone(affinity);
  for (const term of copy?.required?.nodeSelectorTerms ?? []) {
    for (const req of term.matchExpressions ?? []) req.key = BETA_TO_GA_LABELS[req.key] ?? req.key;
  }
  return copy;
}

export function validatePersistentVolumeUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const spec = pv.spec ?? {};
  const oldSpec = old.spec ?? {};

  const next = sourceOf(spec);
  // A CSI volume may gain a controllerExpandSecretRef (for volumes created before the field existed).
  if (oldSpec.csi && oldSpec.csi.controllerExpandSecretRef === undefined && spec.csi?.controllerExpandSecretRef !== undefined) {
    next.csi = { ...spec.csi, controllerExpandSecretRef: undefined };
  }
  const prev = sourceOf(oldSpec);
  if (!sameJSON(next, prev)) {
    errs.push(
      forbidden(
        FieldPath.root("spec", "persistentvolumesource"),
        `spec.persistentvolumesource is immutable after creation\n${fieldDiff("spec", prev, next)}`,
      ),
    );
  }
  if ((spec.volumeMode ?? null) !== (oldSpec.volumeMode ?? null)) errs.push(invalid("volumeMode", spec.volumeMode ?? null, IMMUTABLE));
  const affinityChanged = !sameJSON(oldSpec.nodeAffinity, spec.nodeAffinity) && !sameJSON(withGALabels(oldSpec.nodeAffinity), spec.nodeAffinity);
  if (oldSpec.nodeAffinity !== undefined && affinityChanged) {
    errs.push(invalid("nodeAffinity", spec.nodeAffinity ?? null, `${IMMUTABLE}, except for updating from beta label to GA`));
  }
  return errs;
}
