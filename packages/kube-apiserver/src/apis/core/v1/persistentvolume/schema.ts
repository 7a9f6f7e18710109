// core/v1 PersistentVolume: a piece of storage in the cluster, provisioned by
// an administrator or a provisioner, which a PersistentVolumeClaim binds to.
// Every field of upstream's v1 type (k8s.io/api core/v1, v1.32);
// descriptions in our own words. The volume sources a pod's volumes share
// with PersistentVolumes come from ../pod-spec/; the ones here refer to
// secrets in any namespace.

import { ObjectMetaSchema, TimeSchema, TypeMetaSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { ObjectReferenceSchema } from "../object-reference.js";
import {
  ATOMIC,
  AWSElasticBlockStoreVolumeSourceSchema,
  AzureDiskVolumeSourceSchema,
  FCVolumeSourceSchema,
  FlockerVolumeSourceSchema,
  GCEPersistentDiskVolumeSourceSchema,
  HostPathVolumeSourceSchema,
  NFSVolumeSourceSchema,
  NodeSelectorSchema,
  PhotonPersistentDiskVolumeSourceSchema,
  PortworxVolumeSourceSchema,
  QuobyteVolumeSourceSchema,
  ResourceListSchema,
  SecretReferenceSchema,
  VsphereVirtualDiskVolumeSourceSchema,
} from "../pod-spec/schema.js";
import { ACCESS_MODES } from "../validation/volume-access.js";

export const PV_PHASES = ["Pending", "Available", "Bound", "Released", "Failed"] as const;
export const RECLAIM_POLICIES = ["Retain", "Delete", "Recycle"] as const;

const opt = optionalField;
const str = (d: string) => opt(z.string().describe(d));
const bool = (d: string) => opt(z.boolean().describe(d));
const StringMap = z.record(z.string(), z.string());

function obj<T extends z.ZodRawShape>(id: string, shape: T, description: string) {
  return z.object(shape).meta({ id: `io.k8s.api.core.v1.${id}` }).describe(description);
}

// ---- the sources only PersistentVolumes have ----

export const GlusterfsPersistentVolumeSourceSchema = obj("GlusterfsPersistentVolumeSource", {
  endpoints: stringOrEmpty("Endpoints naming the Glusterfs servers."),
  path: stringOrEmpty("The Glusterfs volume path."),
  readOnly: bool("Mount read-only."),
  endpointsNamespace: str("Namespace of the endpoints; the claim's when empty."),
}, "A Glusterfs volume.");
export const RBDPersistentVolumeSourceSchema = obj("RBDPersistentVolumeSource", {
  monitors: z.array(z.string()).meta(ATOMIC).default([]).describe("Ceph monitors."),
  image: stringOrEmpty("Image name."), fsType: str("Filesystem type."),
  pool: str("Pool; defaults to rbd."), user: str("User; defaults to admin."), keyring: str("Keyring path; defaults to /etc/ceph/keyring."),
  secretRef: opt(SecretReferenceSchema), readOnly: bool("Mount read-only."),
}, "A Ceph RBD image.");
export const ISCSIPersistentVolumeSourceSchema = obj("ISCSIPersistentVolumeSource", {
  targetPortal: stringOrEmpty("Target portal, ip:port."), iqn: stringOrEmpty("Target IQN."), lun: z.number().int().default(0).describe("Target LUN."),
  iscsiInterface: str("Interface; defaults to default."), fsType: str("Filesystem type."), readOnly: bool("Mount read-only."),
  portals: opt(z.array(z.string()).meta(ATOMIC).describe("More target portals.")), chapAuthDiscovery: bool("CHAP discovery auth."),
  chapAuthSession: bool("CHAP session auth."), secretRef: opt(SecretReferenceSchema), initiatorName: str("Initiator name."),
}, "An iSCSI disk.");
export const CinderPersistentVolumeSourceSchema = obj("CinderPersistentVolumeSource", {
  volumeID: stringOrEmpty("Cinder volume ID."), fsType: str("Filesystem type."), readOnly: bool("Mount read-only."), secretRef: opt(SecretReferenceSchema),
}, "An OpenStack Cinder volume.");
export const CephFSPersistentVolumeSourceSchema = obj("CephFSPersistentVolumeSource", {
  monitors: z.array(z.string()).meta(ATOMIC).default([]).describe("Ceph monitors."), path: str("Root path of the mount."), user: str("User."),
  secretFile: str("Path of the secret file."), secretRef: opt(SecretReferenceSchema), readOnly: bool("Mount read-only."),
}, "A CephFS mount.");
export const FlexPersistentVolumeSourceSchema = obj("FlexPersistentVolumeSource", {
  driver: stringOrEmpty("Driver name."), fsType: str("Filesystem type."), secretRef: opt(SecretReferenceSchema),
  readOnly: bool("Mount read-only."), options: opt(StringMap.describe("Driver options.")),
}, "A volume of a FlexVolume plugin.");
export const AzureFilePersistentVolumeSourceSchema = obj("AzureFilePersistentVolumeSource", {
  secretName: stringOrEmpty("Secret with the storage account name and key."), shareName: stringOrEmpty("Share name."),
  readOnly: bool("Mount read-only."), secretNamespace: str("Namespace of the secret; the pod's when empty."),
}, "An Azure File share.");
export const ScaleIOPersistentVolumeSourceSchema = obj("ScaleIOPersistentVolumeSource", {
  gateway: stringOrEmpty("Gateway address."), system: stringOrEmpty("Storage system name."), secretRef: opt(SecretReferenceSchema),
  sslEnabled: bool("Talk to the gateway over SSL."), protectionDomain: str("Protection domain."), storagePool: str("Storage pool."),
  storageMode: str("ThickProvisioned or ThinProvisioned; defaults to ThinProvisioned."), volumeName: str("Volume name."),
  fsType: str("Filesystem type; defaults to xfs."), readOnly: bool("Mount read-only."),
}, "A ScaleIO volume.");
export const LocalVolumeSourceSchema = obj("LocalVolumeSource", {
  path: stringOrEmpty("Full path of the volume on the node: a directory, or a block device."),
  fsType: str("Filesystem type, for a block device."),
}, "Storage attached to one node (a disk, partition or directory).");
export const StorageOSPersistentVolumeSourceSchema = obj("StorageOSPersistentVolumeSource", {
  volumeName: str("Volume name."), volumeNamespace: str("StorageOS namespace of the volume."), fsType: str("Filesystem type."),
  readOnly: bool("Mount read-only."), secretRef: opt(ObjectReferenceSchema.describe("Secret with the API credentials.")),
}, "A StorageOS volume.");
export const CSIPersistentVolumeSourceSchema = obj("CSIPersistentVolumeSource", {
  driver: stringOrEmpty("The CSI driver's name."),
  volumeHandle: stringOrEmpty("The driver's ID of the volume."),
  readOnly: bool("Publish the volume read-only."),
  fsType: str("Filesystem type, e.g. ext4."),
  volumeAttributes: opt(StringMap.describe("Driver-specific attributes of the volume.")),
  controllerPublishSecretRef: opt(SecretReferenceSchema.describe("Secret for ControllerPublishVolume and ControllerUnpublishVolume.")),
  nodeStageSecretRef: opt(SecretReferenceSchema.describe("Secret for NodeStageVolume and NodeUnstageVolume.")),
  nodePublishSecretRef: opt(SecretReferenceSchema.describe("Secret for NodePublishVolume and NodeUnpublishVolume.")),
  controllerExpandSecretRef: opt(SecretReferenceSchema.describe("Secret for ControllerExpandVolume.")),
  nodeExpandSecretRef: opt(SecretReferenceSchema.describe("Secret for NodeExpandVolume.")),
}, "A volume of an external CSI driver.");

/** The source fields of a PersistentVolume, one of which it sets, in the order upstream checks them. */
export const PV_SOURCE_FIELDS = [
  "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "glusterfs", "flocker", "nfs", "rbd", "quobyte", "cephfs", "iscsi",
  "cinder", "fc", "flexVolume", "azureFile", "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk", "scaleIO",
  "local", "storageos", "csi",
] as const;

export const VolumeNodeAffinitySchema = obj("VolumeNodeAffinity", {
  required: opt(NodeSelectorSchema.describe("Nodes the volume can be used from.")),
}, "Which nodes can reach the volume; pods using it are scheduled there.");

export const PersistentVolumeSpecSchema = obj("PersistentVolumeSpec", {
  capacity: opt(ResourceListSchema.describe("The volume's size, as storage.")),
  gcePersistentDisk: opt(GCEPersistentDiskVolumeSourceSchema), awsElasticBlockStore: opt(AWSElasticBlockStoreVolumeSourceSchema),
  hostPath: opt(HostPathVolumeSourceSchema.describe("A directory on the node; for single-node testing only.")),
  glusterfs: opt(GlusterfsPersistentVolumeSourceSchema), nfs: opt(NFSVolumeSourceSchema), rbd: opt(RBDPersistentVolumeSourceSchema),
  iscsi: opt(ISCSIPersistentVolumeSourceSchema), cinder: opt(CinderPersistentVolumeSourceSchema), cephfs: opt(CephFSPersistentVolumeSourceSchema),
  fc: opt(FCVolumeSourceSchema), flocker: opt(FlockerVolumeSourceSchema), flexVolume: opt(FlexPersistentVolumeSourceSchema),
  azureFile: opt(AzureFilePersistentVolumeSourceSchema), vsphereVolume: opt(VsphereVirtualDiskVolumeSourceSchema),
  quobyte: opt(QuobyteVolumeSourceSchema), azureDisk: opt(AzureDiskVolumeSourceSchema),
  photonPersistentDisk: opt(PhotonPersistentDiskVolumeSourceSchema), portworxVolume: opt(PortworxVolumeSourceSchema),
  scaleIO: opt(ScaleIOPersistentVolumeSourceSchema), local: opt(LocalVolumeSourceSchema),
  storageos: opt(StorageOSPersistentVolumeSourceSchema), csi: opt(CSIPersistentVolumeSourceSchema),
  accessModes: opt(z.array(z.string()).meta(ATOMIC).describe(`How the volume can be mounted. Known values: ${ACCESS_MODES.join(", ")}.`)),
  claimRef: opt(
    ObjectReferenceSchema.meta({ "x-kubernetes-map-type": "granular" }).describe("The claim the volume is bound to (or reserved for)."),
  ),
  persistentVolumeReclaimPolicy: str(`What happens to the volume when its claim is deleted. Known values: ${RECLAIM_POLICIES.join(", ")}; defaults to Retain.`),
  storageClassName: str("The StorageClass the volume belongs to; none when empty."),
  mountOptions: opt(z.array(z.string()).meta(ATOMIC).describe("Mount options, e.g. ro or soft; not checked.")),
  volumeMode: str("Filesystem (formatted) or Block (a raw device); defaults to Filesystem."),
  nodeAffinity: opt(VolumeNodeAffinitySchema),
  volumeAttributesClassName: str("The VolumeAttributesClass of the volume (needs the VolumeAttributesClass feature, off by default)."),
}, "What the volume is: its size, its source (exactly one), how it mounts and who may claim it.");

export const PersistentVolumeStatusSchema = obj("PersistentVolumeStatus", {
  phase: str(`Where the volume is in its life. Known values: ${PV_PHASES.join(", ")}.`),
  message: str("Why the volume is in this phase, in words."),
  reason: str("Why the volume is in this phase, as one CamelCase word."),
  lastPhaseTransitionTime: opt(TimeSchema.describe("When the phase last changed.")),
}, "What the volume is: its phase.");

export const PersistentVolumeSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: opt(PersistentVolumeSpecSchema),
  status: opt(PersistentVolumeStatusSchema),
})
  .meta({ id: "io.k8s.api.core.v1.PersistentVolume" })
  .describe("A piece of storage of the cluster, bound by at most one PersistentVolumeClaim.");

export type PersistentVolume = z.infer<typeof PersistentVolumeSchema>;
export type PersistentVolumeSpec = z.infer<typeof PersistentVolumeSpecSchema>;
export type PersistentVolumeStatus = z.infer<typeof PersistentVolumeStatusSchema>;
