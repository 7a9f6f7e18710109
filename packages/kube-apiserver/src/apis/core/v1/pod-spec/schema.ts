// core/v1 PodSpec and everything under it (containers, volumes, affinity,
// probes, security contexts, ...) plus PodTemplateSpec, shared by Pod and
// by the workload kinds that embed a pod template. Every field of upstream's
// v1 types (k8s.io/api core/v1, v1.32); descriptions in our own words.
// Lists carry upstream's strategic merge patch metadata in `.meta()`.

import { IntOrStringSchema, MetaLabelSelectorSchema, ObjectMetaSchema, TimeSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { LocalObjectReferenceSchema } from "../object-reference.js";

export { LocalObjectReferenceSchema };

// ---- building blocks ----

const opt = optionalField;
const str = (d: string) => opt(z.string().describe(d));
const int = (d: string) => opt(z.number().int().describe(d));
const bool = (d: string) => opt(z.boolean().describe(d));
const strList = (d: string) => opt(z.array(z.string()).describe(d));
const StringMap = z.record(z.string(), z.string());

/** Patch metadata: merge list elements by `key` (exported for the other core/v1 kinds' schemas). */
export function mergeBy(key: string, retainKeys = false, mapKeys: string[] = [key]) {
  return {
    "x-kubernetes-patch-strategy": retainKeys ? "merge,retainKeys" : "merge",
    "x-kubernetes-patch-merge-key": key,
    "x-kubernetes-list-type": "map",
    "x-kubernetes-list-map-keys": mapKeys,
  };
}
/** List metadata: the list is replaced as a whole. */
export const ATOMIC = { "x-kubernetes-list-type": "atomic" };

/** A resource.Quantity: a string in JSON ("100m", "1Gi"); numbers are accepted and kept as their string form. */
export const QuantitySchema = z
  .preprocess((v) => (typeof v === "number" ? String(v) : v), z.string())
  .meta({ id: "io.k8s.apimachinery.pkg.api.resource.Quantity" })
  .describe("An amount, e.g. 100m, 1Gi or 2; serialized as a string.");

export { IntOrStringSchema };

export const ResourceListSchema = z.record(z.string(), QuantitySchema).describe("Amounts per resource name (cpu, memory, ...).");

function obj<T extends z.ZodRawShape>(id: string, shape: T, description: string) {
  return z.object(shape).meta({ id: `io.k8s.api.core.v1.${id}` }).describe(description);
}

// ---- references and selectors ----

export const ObjectFieldSelectorSchema = obj("ObjectFieldSelector", {
  apiVersion: str("Version of the schema fieldPath is written in; defaults to v1."),
  fieldPath: stringOrEmpty("Path of the field to select."),
}, "Selects a field of the pod.");
export const ResourceFieldSelectorSchema = obj("ResourceFieldSelector", {
  containerName: str("Container whose resources are selected; required for volumes."),
  resource: stringOrEmpty("The resource to select, e.g. limits.cpu."),
  divisor: opt(QuantitySchema.describe("Unit the value is expressed in; defaults to 1.")),
}, "Selects a resource amount of a container.");
export const ConfigMapKeySelectorSchema = obj("ConfigMapKeySelector", {
  name: str("ConfigMap name."),
  key: stringOrEmpty("Key to select."),
  optional: bool("Whether the ConfigMap or key may be missing."),
}, "One key of a ConfigMap.");
export const SecretKeySelectorSchema = obj("SecretKeySelector", {
  name: str("Secret name."),
  key: stringOrEmpty("Key to select."),
  optional: bool("Whether the Secret or key may be missing."),
}, "One key of a Secret.");
export const SecretReferenceSchema = obj("SecretReference", { name: str("Secret name."), namespace: str("Secret namespace.") }, "A reference to a Secret in any namespace.");
export const KeyToPathSchema = obj("KeyToPath", {
  key: stringOrEmpty("Key to project."),
  path: stringOrEmpty("Relative path of the file to write the key to."),
  mode: int("File mode bits (0-0777)."),
}, "Maps a key to a file path in a volume.");
const KeyToPathList = opt(z.array(KeyToPathSchema).meta(ATOMIC).describe("Keys to project; all keys when empty."));

// ---- env ----

export const EnvVarSourceSchema = obj("EnvVarSource", {
  fieldRef: opt(ObjectFieldSelectorSchema),
  resourceFieldRef: opt(ResourceFieldSelectorSchema),
  configMapKeyRef: opt(ConfigMapKeySelectorSchema),
  secretKeyRef: opt(SecretKeySelectorSchema),
}, "Where an environment variable's value comes from.");
export const EnvVarSchema = obj("EnvVar", {
  name: stringOrEmpty("Variable name."),
  value: str("Value; $(VAR) references to earlier variables are expanded."),
  valueFrom: opt(EnvVarSourceSchema),
}, "An environment variable of a container.");
export const ConfigMapEnvSourceSchema = obj("ConfigMapEnvSource", { name: str("ConfigMap name."), optional: bool("Whether the ConfigMap may be missing.") }, "A ConfigMap whose keys become variables.");
export const SecretEnvSourceSchema = obj("SecretEnvSource", { name: str("Secret name."), optional: bool("Whether the Secret may be missing.") }, "A Secret whose keys become variables.");
export const EnvFromSourceSchema = obj("EnvFromSource", {
  prefix: str("Prefix added to every variable name."),
  configMapRef: opt(ConfigMapEnvSourceSchema),
  secretRef: opt(SecretEnvSourceSchema),
}, "A source of many environment variables.");

// ---- containers ----

export const ContainerPortSchema = obj("ContainerPort", {
  name: str("IANA_SVC_NAME for the port, unique in the pod."),
  hostPort: int("Port on the host; 0 or absent for none."),
  containerPort: z.number().int().default(0).describe("Port on the pod's IP (1-65535)."),
  protocol: str("TCP, UDP or SCTP; defaults to TCP."),
  hostIP: str("Host IP to bind the host port to."),
}, "A network port of a container.");

export const ResourceClaimSchema = obj("ResourceClaim", {
  name: stringOrEmpty("Name of an entry of spec.resourceClaims."),
  request: str("One request of the claim; the whole claim when empty."),
}, "A resource claim used by a container.");
export const ResourceRequirementsSchema = obj("ResourceRequirements", {
  limits: opt(ResourceListSchema.describe("Most of each resource the container may use.")),
  requests: opt(ResourceListSchema.describe("Least of each resource the container needs; defaults to limits.")),
  claims: opt(z.array(ResourceClaimSchema).meta({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] }).describe("Dynamic resource claims used.")),
}, "Compute resources requested and allowed.");
export const ContainerResizePolicySchema = obj("ContainerResizePolicy", {
  resourceName: stringOrEmpty("Resource the policy is for (cpu, memory)."),
  restartPolicy: stringOrEmpty("NotRequired or RestartContainer."),
}, "How a container reacts to a resize of one resource.");

export const VolumeMountSchema = obj("VolumeMount", {
  name: stringOrEmpty("Name of the volume."),
  readOnly: bool("Mount read-only."),
  recursiveReadOnly: str("Disabled, IfPossible or Enabled."),
  mountPath: stringOrEmpty("Path in the container; may not contain ':'."),
  subPath: str("Path inside the volume to mount instead of its root."),
  mountPropagation: str("None, HostToContainer or Bidirectional."),
  subPathExpr: str("Like subPath, with $(VAR) expansion."),
}, "Where a volume is mounted in a container.");
export const VolumeDeviceSchema = obj("VolumeDevice", {
  name: stringOrEmpty("Name of a persistentVolumeClaim volume."),
  devicePath: stringOrEmpty("Path of the device in the container."),
}, "A raw block device in a container.");

export const ExecActionSchema = obj("ExecAction", { command: strList("Command line to run in the container.") }, "Runs a command.");
export const HTTPHeaderSchema = obj("HTTPHeader", { name: stringOrEmpty("Header name."), value: stringOrEmpty("Header value.") }, "An HTTP header.");
export const HTTPGetActionSchema = obj("HTTPGetAction", {
  path: str("Path to GET."),
  port: IntOrStringSchema.default(0).describe("Port number or name."),
  host: str("Host to connect to; defaults to the pod IP."),
  scheme: str("HTTP or HTTPS; defaults to HTTP."),
  httpHeaders: opt(z.array(HTTPHeaderSchema).meta(ATOMIC).describe("Extra request headers.")),
}, "Sends an HTTP GET.");
export const TCPSocketActionSchema = obj("TCPSocketAction", {
  port: IntOrStringSchema.default(0).describe("Port number or name."),
  host: str("Host to connect to; defaults to the pod IP."),
}, "Opens a TCP connection.");
export const GRPCActionSchema = obj("GRPCAction", {
  port: z.number().int().default(0).describe("Port of the gRPC service."),
  service: str("Service name sent in the health check request."),
}, "Calls the gRPC health check.");
export const SleepActionSchema = obj("SleepAction", { seconds: z.number().int().default(0).describe("Seconds to sleep.") }, "Sleeps.");

export const ProbeSchema = obj("Probe", {
  exec: opt(ExecActionSchema),
  httpGet: opt(HTTPGetActionSchema),
  tcpSocket: opt(TCPSocketActionSchema),
  grpc: opt(GRPCActionSchema),
  initialDelaySeconds: int("Seconds after start before the first probe."),
  timeoutSeconds: int("Seconds before a probe times out; defaults to 1."),
  periodSeconds: int("Seconds between probes; defaults to 10."),
  successThreshold: int("Consecutive successes to count as healthy; defaults to 1."),
  failureThreshold: int("Consecutive failures to count as failed; defaults to 3."),
  terminationGracePeriodSeconds: int("Grace period used when a failed probe kills the container."),
}, "A health check of a container.");
export const LifecycleHandlerSchema = obj("LifecycleHandler", {
  exec: opt(ExecActionSchema),
  httpGet: opt(HTTPGetActionSchema),
  tcpSocket: opt(TCPSocketActionSchema),
  sleep: opt(SleepActionSchema),
}, "An action run at a point of a container's life.");
export const LifecycleSchema = obj("Lifecycle", {
  postStart: opt(LifecycleHandlerSchema),
  preStop: opt(LifecycleHandlerSchema),
}, "Actions run after a container starts and before it stops.");

export const CapabilitiesSchema = obj("Capabilities", { add: strList("Capabilities to add."), drop: strList("Capabilities to drop.") }, "Linux capabilities.");
export const SELinuxOptionsSchema = obj("SELinuxOptions", { user: str("SELinux user."), role: str("SELinux role."), type: str("SELinux type."), level: str("SELinux level.") }, "SELinux labels.");
export const WindowsSecurityContextOptionsSchema = obj("WindowsSecurityContextOptions", {
  gmsaCredentialSpecName: str("Name of the GMSA credential spec."),
  gmsaCredentialSpec: str("The GMSA credential spec content."),
  runAsUserName: str("User the entrypoint runs as."),
  hostProcess: bool("Run as a Windows host process."),
}, "Windows-only security options.");
export const SeccompProfileSchema = obj("SeccompProfile", { type: stringOrEmpty("RuntimeDefault, Unconfined or Localhost."), localhostProfile: str("Profile file on the node, for Localhost.") }, "A seccomp profile.");
export const AppArmorProfileSchema = obj("AppArmorProfile", { type: stringOrEmpty("RuntimeDefault, Unconfined or Localhost."), localhostProfile: str("Profile loaded on the node, for Localhost.") }, "An AppArmor profile.");
export const SecurityContextSchema = obj("SecurityContext", {
  capabilities: opt(CapabilitiesSchema),
  privileged: bool("Run privileged."),
  seLinuxOptions: opt(SELinuxOptionsSchema),
  windowsOptions: opt(WindowsSecurityContextOptionsSchema),
  runAsUser: int("UID of the entrypoint."),
  runAsGroup: int("GID of the entrypoint."),
  runAsNonRoot: bool("Refuse to start as root."),
  readOnlyRootFilesystem: bool("Mount the root filesystem read-only."),
  allowPrivilegeEscalation: bool("Allow gaining more privileges than the parent process."),
  procMount: str("Default or Unmasked."),
  seccompProfile: opt(SeccompProfileSchema),
  appArmorProfile: opt(AppArmorProfileSchema),
}, "Security settings of one container.");

const containerShape = {
  name: stringOrEmpty("Name, a DNS label unique in the pod."),
  image: str("Image reference."),
  command: opt(z.array(z.string()).meta(ATOMIC).describe("Entrypoint; the image's when empty.")),
  args: opt(z.array(z.string()).meta(ATOMIC).describe("Arguments; the image's when empty.")),
  workingDir: str("Working directory."),
  ports: opt(z.array(ContainerPortSchema).meta(mergeBy("containerPort", false, ["containerPort", "protocol"])).describe("Ports exposed.")),
  envFrom: opt(z.array(EnvFromSourceSchema).meta(ATOMIC).describe("Sources of many variables.")),
  env: opt(z.array(EnvVarSchema).meta(mergeBy("name")).describe("Environment variables.")),
  resources: opt(ResourceRequirementsSchema),
  resizePolicy: opt(z.array(ContainerResizePolicySchema).meta(ATOMIC).describe("How resizes apply.")),
  restartPolicy: str("Always for sidecar init containers."),
  volumeMounts: opt(z.array(VolumeMountSchema).meta(mergeBy("mountPath")).describe("Volumes mounted.")),
  volumeDevices: opt(z.array(VolumeDeviceSchema).meta(mergeBy("devicePath")).describe("Block devices.")),
  livenessProbe: opt(ProbeSchema),
  readinessProbe: opt(ProbeSchema),
  startupProbe: opt(ProbeSchema),
  lifecycle: opt(LifecycleSchema),
  terminationMessagePath: str("File the container writes its termination message to."),
  terminationMessagePolicy: str("File or FallbackToLogsOnError."),
  imagePullPolicy: str("Always, Never or IfNotPresent."),
  securityContext: opt(SecurityContextSchema),
  stdin: bool("Allocate stdin."),
  stdinOnce: bool("Close stdin after the first attach ends."),
  tty: bool("Allocate a TTY."),
};

export const ContainerSchema = obj("Container", containerShape, "One container of a pod.");
export const EphemeralContainerSchema = obj("EphemeralContainer", {
  ...containerShape,
  targetContainerName: str("Container whose namespaces the ephemeral container joins."),
}, "A container added to a running pod, e.g. for debugging.");

// ---- volumes ----

export const HostPathVolumeSourceSchema = obj("HostPathVolumeSource", { path: stringOrEmpty("Path on the node."), type: str("Expected kind of path, e.g. Directory.") }, "A path on the node.");
export const EmptyDirVolumeSourceSchema = obj("EmptyDirVolumeSource", { medium: str("Storage medium: empty or Memory."), sizeLimit: opt(QuantitySchema) }, "An empty directory living as long as the pod.");
export const GCEPersistentDiskVolumeSourceSchema = obj("GCEPersistentDiskVolumeSource", { pdName: stringOrEmpty("Disk name."), fsType: str("Filesystem type."), partition: int("Partition."), readOnly: bool("Read-only.") }, "A GCE disk.");
export const AWSElasticBlockStoreVolumeSourceSchema = obj("AWSElasticBlockStoreVolumeSource", { volumeID: stringOrEmpty("Volume ID."), fsType: str("Filesystem type."), partition: int("Partition."), readOnly: bool("Read-only.") }, "An AWS EBS volume.");
export const GitRepoVolumeSourceSchema = obj("GitRepoVolumeSource", { repository: stringOrEmpty("Repository URL."), revision: str("Commit hash."), directory: str("Target directory.") }, "A git checkout (deprecated).");
export const SecretVolumeSourceSchema = obj("SecretVolumeSource", { secretName: str("Secret name."), items: KeyToPathList, defaultMode: int("File mode; defaults to 0644."), optional: bool("Whether the Secret may be missing.") }, "A Secret as files.");
export const NFSVolumeSourceSchema = obj("NFSVolumeSource", { server: stringOrEmpty("NFS server."), path: stringOrEmpty("Exported path."), readOnly: bool("Read-only.") }, "An NFS mount.");
export const ISCSIVolumeSourceSchema = obj("ISCSIVolumeSource", {
  targetPortal: stringOrEmpty("Target portal."), iqn: stringOrEmpty("Target IQN."), lun: z.number().int().default(0).describe("Target LUN."),
  iscsiInterface: str("Interface; defaults to default."), fsType: str("Filesystem type."), readOnly: bool("Read-only."),
  portals: opt(z.array(z.string()).meta(ATOMIC).describe("More target portals.")), chapAuthDiscovery: bool("CHAP discovery auth."),
  chapAuthSession: bool("CHAP session auth."), secretRef: opt(LocalObjectReferenceSchema), initiatorName: str("Initiator name."),
}, "An iSCSI disk.");
export const GlusterfsVolumeSourceSchema = obj("GlusterfsVolumeSource", { endpoints: stringOrEmpty("Endpoints name."), path: stringOrEmpty("Volume path."), readOnly: bool("Read-only.") }, "A Glusterfs mount.");
export const PersistentVolumeClaimVolumeSourceSchema = obj("PersistentVolumeClaimVolumeSource", { claimName: stringOrEmpty("Claim name."), readOnly: bool("Read-only.") }, "A PersistentVolumeClaim.");
export const RBDVolumeSourceSchema = obj("RBDVolumeSource", {
  monitors: opt(z.array(z.string()).meta(ATOMIC).describe("Ceph monitors.")), image: stringOrEmpty("Image name."), fsType: str("Filesystem type."),
  pool: str("Pool; defaults to rbd."), user: str("User; defaults to admin."), keyring: str("Keyring path."),
  secretRef: opt(LocalObjectReferenceSchema), readOnly: bool("Read-only."),
}, "A Ceph RBD image.");
export const FlexVolumeSourceSchema = obj("FlexVolumeSource", { driver: stringOrEmpty("Driver name."), fsType: str("Filesystem type."), secretRef: opt(LocalObjectReferenceSchema), readOnly: bool("Read-only."), options: opt(StringMap.describe("Driver options.")) }, "A FlexVolume plugin volume.");
export const CinderVolumeSourceSchema = obj("CinderVolumeSource", { volumeID: stringOrEmpty("Volume ID."), fsType: str("Filesystem type."), readOnly: bool("Read-only."), secretRef: opt(LocalObjectReferenceSchema) }, "A Cinder volume.");
export const CephFSVolumeSourceSchema = obj("CephFSVolumeSource", {
  monitors: opt(z.array(z.string()).meta(ATOMIC).describe("Ceph monitors.")), path: str("Root path."), user: str("User."),
  secretFile: str("Secret file path."), secretRef: opt(LocalObjectReferenceSchema), readOnly: bool("Read-only."),
}, "A CephFS mount.");
export const FlockerVolumeSourceSchema = obj("FlockerVolumeSource", { datasetName: str("Dataset name."), datasetUUID: str("Dataset UUID.") }, "A Flocker dataset.");
export const DownwardAPIVolumeFileSchema = obj("DownwardAPIVolumeFile", {
  path: stringOrEmpty("Relative file path."), fieldRef: opt(ObjectFieldSelectorSchema), resourceFieldRef: opt(ResourceFieldSelectorSchema), mode: int("File mode."),
}, "One file of pod information.");
export const DownwardAPIVolumeSourceSchema = obj("DownwardAPIVolumeSource", { items: opt(z.array(DownwardAPIVolumeFileSchema).meta(ATOMIC).describe("Files.")), defaultMode: int("File mode; defaults to 0644.") }, "Pod information as files.");
export const FCVolumeSourceSchema = obj("FCVolumeSource", {
  targetWWNs: opt(z.array(z.string()).meta(ATOMIC).describe("Target world wide names.")), lun: int("Target LUN."), fsType: str("Filesystem type."),
  readOnly: bool("Read-only."), wwids: opt(z.array(z.string()).meta(ATOMIC).describe("Volume WWIDs.")),
}, "A Fibre Channel disk.");
export const AzureFileVolumeSourceSchema = obj("AzureFileVolumeSource", { secretName: stringOrEmpty("Secret with the account name and key."), shareName: stringOrEmpty("Share name."), readOnly: bool("Read-only.") }, "An Azure File share.");
export const ConfigMapVolumeSourceSchema = obj("ConfigMapVolumeSource", { name: str("ConfigMap name."), items: KeyToPathList, defaultMode: int("File mode; defaults to 0644."), optional: bool("Whether the ConfigMap may be missing.") }, "A ConfigMap as files.");
export const VsphereVirtualDiskVolumeSourceSchema = obj("VsphereVirtualDiskVolumeSource", { volumePath: stringOrEmpty("Volume path."), fsType: str("Filesystem type."), storagePolicyName: str("Storage policy name."), storagePolicyID: str("Storage policy ID.") }, "A vSphere disk.");
export const QuobyteVolumeSourceSchema = obj("QuobyteVolumeSource", { registry: stringOrEmpty("Registry services."), volume: stringOrEmpty("Volume name."), readOnly: bool("Read-only."), user: str("User."), group: str("Group."), tenant: str("Tenant.") }, "A Quobyte mount.");
export const AzureDiskVolumeSourceSchema = obj("AzureDiskVolumeSource", { diskName: stringOrEmpty("Disk name."), diskURI: stringOrEmpty("Disk URI."), cachingMode: str("None, ReadOnly or ReadWrite."), fsType: str("Filesystem type."), readOnly: bool("Read-only."), kind: str("Shared, Dedicated or Managed.") }, "An Azure data disk.");
export const PhotonPersistentDiskVolumeSourceSchema = obj("PhotonPersistentDiskVolumeSource", { pdID: stringOrEmpty("Disk ID."), fsType: str("Filesystem type.") }, "A Photon disk.");
export const ServiceAccountTokenProjectionSchema = obj("ServiceAccountTokenProjection", { audience: str("Intended audience."), expirationSeconds: int("Requested lifetime; defaults to 3600."), path: stringOrEmpty("File path.") }, "A service account token as a file.");
export const ClusterTrustBundleProjectionSchema = obj("ClusterTrustBundleProjection", {
  name: str("Bundle name."), signerName: str("Signer whose bundles are selected."), labelSelector: opt(MetaLabelSelectorSchema),
  optional: bool("Whether a missing bundle is allowed."), path: stringOrEmpty("File path."),
}, "ClusterTrustBundle certificates as a file.");
export const SecretProjectionSchema = obj("SecretProjection", { name: str("Secret name."), items: KeyToPathList, optional: bool("Whether the Secret may be missing.") }, "A Secret in a projected volume.");
export const ConfigMapProjectionSchema = obj("ConfigMapProjection", { name: str("ConfigMap name."), items: KeyToPathList, optional: bool("Whether the ConfigMap may be missing.") }, "A ConfigMap in a projected volume.");
export const DownwardAPIProjectionSchema = obj("DownwardAPIProjection", { items: opt(z.array(DownwardAPIVolumeFileSchema).meta(ATOMIC).describe("Files.")) }, "Pod information in a projected volume.");
export const VolumeProjectionSchema = obj("VolumeProjection", {
  secret: opt(SecretProjectionSchema), downwardAPI: opt(DownwardAPIProjectionSchema), configMap: opt(ConfigMapProjectionSchema),
  serviceAccountToken: opt(ServiceAccountTokenProjectionSchema), clusterTrustBundle: opt(ClusterTrustBundleProjectionSchema),
}, "One source of a projected volume.");
export const ProjectedVolumeSourceSchema = obj("ProjectedVolumeSource", { sources: opt(z.array(VolumeProjectionSchema).meta(ATOMIC).describe("Sources.")), defaultMode: int("File mode; defaults to 0644.") }, "Several sources in one directory.");
export const PortworxVolumeSourceSchema = obj("PortworxVolumeSource", { volumeID: stringOrEmpty("Volume ID."), fsType: str("Filesystem type."), readOnly: bool("Read-only.") }, "A Portworx volume.");
export const ScaleIOVolumeSourceSchema = obj("ScaleIOVolumeSource", {
  gateway: stringOrEmpty("Gateway address."), system: stringOrEmpty("Storage system name."), secretRef: opt(LocalObjectReferenceSchema),
  sslEnabled: bool("Use SSL."), protectionDomain: str("Protection domain."), storagePool: str("Storage pool."),
  storageMode: str("ThickProvisioned or ThinProvisioned."), volumeName: str("Volume name."), fsType: str("Filesystem type."), readOnly: bool("Read-only."),
}, "A ScaleIO volume.");
export const StorageOSVolumeSourceSchema = obj("StorageOSVolumeSource", { volumeName: str("Volume name."), volumeNamespace: str("Volume namespace."), fsType: str("Filesystem type."), readOnly: bool("Read-only."), secretRef: opt(LocalObjectReferenceSchema) }, "A StorageOS volume.");
export const CSIVolumeSourceSchema = obj("CSIVolumeSource", {
  driver: stringOrEmpty("CSI driver name."), readOnly: bool("Read-only."), fsType: str("Filesystem type."),
  volumeAttributes: opt(StringMap.describe("Driver-specific attributes.")), nodePublishSecretRef: opt(LocalObjectReferenceSchema),
}, "An inline CSI volume.");

export const TypedLocalObjectReferenceSchema = obj("TypedLocalObjectReference", { apiGroup: str("Group of the referent."), kind: stringOrEmpty("Kind."), name: stringOrEmpty("Name.") }, "A typed reference in the same namespace.");
export const TypedObjectReferenceSchema = obj("TypedObjectReference", { apiGroup: str("Group of the referent."), kind: stringOrEmpty("Kind."), name: stringOrEmpty("Name."), namespace: str("Namespace.") }, "A typed reference.");
export const VolumeResourceRequirementsSchema = obj("VolumeResourceRequirements", { limits: opt(ResourceListSchema), requests: opt(ResourceListSchema) }, "Storage requested.");
export const PersistentVolumeClaimSpecSchema = obj("PersistentVolumeClaimSpec", {
  accessModes: opt(z.array(z.string()).meta(ATOMIC).describe("Access modes.")), selector: opt(MetaLabelSelectorSchema),
  resources: opt(VolumeResourceRequirementsSchema), volumeName: str("Bound PersistentVolume."), storageClassName: str("StorageClass."),
  volumeMode: str("Filesystem or Block."), dataSource: opt(TypedLocalObjectReferenceSchema), dataSourceRef: opt(TypedObjectReferenceSchema),
  volumeAttributesClassName: str("VolumeAttributesClass."),
}, "What a claim asks for.");
export const PersistentVolumeClaimTemplateSchema = obj("PersistentVolumeClaimTemplate", {
  metadata: opt(ObjectMetaSchema), spec: PersistentVolumeClaimSpecSchema,
}, "A claim created for the pod.");
export const EphemeralVolumeSourceSchema = obj("EphemeralVolumeSource", { volumeClaimTemplate: opt(PersistentVolumeClaimTemplateSchema) }, "A per-pod claim.");
export const ImageVolumeSourceSchema = obj("ImageVolumeSource", { reference: str("Image reference."), pullPolicy: str("Always, Never or IfNotPresent.") }, "An OCI image or artifact as a volume.");

/** The volume source fields, one of which a volume sets, in the order upstream checks them. */
export const VOLUME_SOURCE_FIELDS = [
  "hostPath", "emptyDir", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs", "iscsi", "glusterfs",
  "persistentVolumeClaim", "rbd", "quobyte", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile",
  "configMap", "vsphereVolume", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
  "ephemeral", "image",
] as const;

export const VolumeSchema = obj("Volume", {
  name: stringOrEmpty("Name, a DNS label unique in the pod."),
  hostPath: opt(HostPathVolumeSourceSchema), emptyDir: opt(EmptyDirVolumeSourceSchema), gcePersistentDisk: opt(GCEPersistentDiskVolumeSourceSchema),
  awsElasticBlockStore: opt(AWSElasticBlockStoreVolumeSourceSchema), gitRepo: opt(GitRepoVolumeSourceSchema), secret: opt(SecretVolumeSourceSchema),
  nfs: opt(NFSVolumeSourceSchema), iscsi: opt(ISCSIVolumeSourceSchema), glusterfs: opt(GlusterfsVolumeSourceSchema),
  persistentVolumeClaim: opt(PersistentVolumeClaimVolumeSourceSchema), rbd: opt(RBDVolumeSourceSchema), flexVolume: opt(FlexVolumeSourceSchema),
  cinder: opt(CinderVolumeSourceSchema), cephfs: opt(CephFSVolumeSourceSchema), flocker: opt(FlockerVolumeSourceSchema),
  downwardAPI: opt(DownwardAPIVolumeSourceSchema), fc: opt(FCVolumeSourceSchema), azureFile: opt(AzureFileVolumeSourceSchema),
  configMap: opt(ConfigMapVolumeSourceSchema), vsphereVolume: opt(VsphereVirtualDiskVolumeSourceSchema), quobyte: opt(QuobyteVolumeSourceSchema),
  azureDisk: opt(AzureDiskVolumeSourceSchema), photonPersistentDisk: opt(PhotonPersistentDiskVolumeSourceSchema), projected: opt(ProjectedVolumeSourceSchema),
  portworxVolume: opt(PortworxVolumeSourceSchema), scaleIO: opt(ScaleIOVolumeSourceSchema), storageos: opt(StorageOSVolumeSourceSchema),
  csi: opt(CSIVolumeSourceSchema), ephemeral: opt(EphemeralVolumeSourceSchema), image: opt(ImageVolumeSourceSchema),
}, "A named volume the pod's containers can mount.");

// ---- scheduling ----

export const NodeSelectorRequirementSchema = obj("NodeSelectorRequirement", {
  key: stringOrEmpty("Label or field key."), operator: stringOrEmpty("In, NotIn, Exists, DoesNotExist, Gt or Lt."),
  values: opt(z.array(z.string()).meta(ATOMIC).describe("Values.")),
}, "A requirement on a node label or field.");
export const NodeSelectorTermSchema = obj("NodeSelectorTerm", {
  matchExpressions: opt(z.array(NodeSelectorRequirementSchema).meta(ATOMIC).describe("Requirements on labels.")),
  matchFields: opt(z.array(NodeSelectorRequirementSchema).meta(ATOMIC).describe("Requirements on fields.")),
}, "Requirements that all must hold.");
export const NodeSelectorSchema = obj("NodeSelector", { nodeSelectorTerms: z.array(NodeSelectorTermSchema).meta(ATOMIC).default([]).describe("Terms, any of which may hold.") }, "Selects nodes.");
export const PreferredSchedulingTermSchema = obj("PreferredSchedulingTerm", { weight: z.number().int().default(0).describe("Weight, 1-100."), preference: NodeSelectorTermSchema }, "A weighted node preference.");
export const NodeAffinitySchema = obj("NodeAffinity", {
  requiredDuringSchedulingIgnoredDuringExecution: opt(NodeSelectorSchema),
  preferredDuringSchedulingIgnoredDuringExecution: opt(z.array(PreferredSchedulingTermSchema).meta(ATOMIC).describe("Preferences.")),
}, "Node affinity rules.");
export const PodAffinityTermSchema = obj("PodAffinityTerm", {
  labelSelector: opt(MetaLabelSelectorSchema), namespaces: opt(z.array(z.string()).meta(ATOMIC).describe("Namespaces to look in.")),
  topologyKey: stringOrEmpty("Node label defining the topology domain."), namespaceSelector: opt(MetaLabelSelectorSchema),
  matchLabelKeys: opt(z.array(z.string()).meta(ATOMIC).describe("Label keys whose values are taken from the pod.")),
  mismatchLabelKeys: opt(z.array(z.string()).meta(ATOMIC).describe("Label keys whose values must differ.")),
}, "Pods to be (or not be) co-located with.");
export const WeightedPodAffinityTermSchema = obj("WeightedPodAffinityTerm", { weight: z.number().int().default(0).describe("Weight, 1-100."), podAffinityTerm: PodAffinityTermSchema }, "A weighted pod affinity term.");
const podAffinityShape = {
  requiredDuringSchedulingIgnoredDuringExecution: opt(z.array(PodAffinityTermSchema).meta(ATOMIC).describe("Hard rules.")),
  preferredDuringSchedulingIgnoredDuringExecution: opt(z.array(WeightedPodAffinityTermSchema).meta(ATOMIC).describe("Soft rules.")),
};
export const PodAffinitySchema = obj("PodAffinity", podAffinityShape, "Pods to be co-located with.");
export const PodAntiAffinitySchema = obj("PodAntiAffinity", podAffinityShape, "Pods to stay away from.");
export const AffinitySchema = obj("Affinity", { nodeAffinity: opt(NodeAffinitySchema), podAffinity: opt(PodAffinitySchema), podAntiAffinity: opt(PodAntiAffinitySchema) }, "Scheduling constraints.");
export const TolerationSchema = obj("Toleration", {
  key: str("Taint key; empty with Exists matches all."), operator: str("Exists or Equal; defaults to Equal."), value: str("Taint value."),
  effect: str("NoSchedule, PreferNoSchedule or NoExecute; empty for all."), tolerationSeconds: int("How long a NoExecute taint is tolerated."),
}, "Allows scheduling onto nodes with a matching taint.");
export const TopologySpreadConstraintSchema = obj("TopologySpreadConstraint", {
  maxSkew: z.number().int().default(0).describe("Largest allowed difference in pod count between domains."),
  topologyKey: stringOrEmpty("Node label defining the domains."),
  whenUnsatisfiable: stringOrEmpty("DoNotSchedule or ScheduleAnyway."),
  labelSelector: opt(MetaLabelSelectorSchema), minDomains: int("Least number of eligible domains."),
  nodeAffinityPolicy: str("Honor or Ignore."), nodeTaintsPolicy: str("Honor or Ignore."),
  matchLabelKeys: opt(z.array(z.string()).meta(ATOMIC).describe("Label keys whose values are taken from the pod.")),
}, "How pods spread across domains.");

// ---- the rest of the spec ----

export const SysctlSchema = obj("Sysctl", { name: stringOrEmpty("Property name."), value: stringOrEmpty("Value.") }, "A kernel parameter.");
export const PodSecurityContextSchema = obj("PodSecurityContext", {
  seLinuxOptions: opt(SELinuxOptionsSchema), windowsOptions: opt(WindowsSecurityContextOptionsSchema),
  runAsUser: int("UID of the containers' entrypoints."), runAsGroup: int("GID of the containers' entrypoints."),
  runAsNonRoot: bool("Refuse to start containers as root."),
  supplementalGroups: opt(z.array(z.number().int()).meta(ATOMIC).describe("Extra groups of the first process.")),
  supplementalGroupsPolicy: str("Merge or Strict."), fsGroup: int("Group owning the volumes."),
  sysctls: opt(z.array(SysctlSchema).meta(ATOMIC).describe("Namespaced sysctls.")),
  fsGroupChangePolicy: str("OnRootMismatch or Always."), seccompProfile: opt(SeccompProfileSchema), appArmorProfile: opt(AppArmorProfileSchema),
  seLinuxChangePolicy: str("Recursive or MountOption."),
}, "Security settings for the whole pod.");
export const HostAliasSchema = obj("HostAlias", { ip: stringOrEmpty("IP address."), hostnames: opt(z.array(z.string()).meta(ATOMIC).describe("Host names.")) }, "An /etc/hosts entry.");
export const PodDNSConfigOptionSchema = obj("PodDNSConfigOption", { name: str("Option name."), value: str("Option value.") }, "A resolver option.");
export const PodDNSConfigSchema = obj("PodDNSConfig", {
  nameservers: opt(z.array(z.string()).meta(ATOMIC).describe("Name server IPs.")),
  searches: opt(z.array(z.string()).meta(ATOMIC).describe("Search domains.")),
  options: opt(z.array(PodDNSConfigOptionSchema).meta(ATOMIC).describe("Resolver options.")),
}, "DNS settings merged with those from dnsPolicy.");
export const PodReadinessGateSchema = obj("PodReadinessGate", { conditionType: stringOrEmpty("Condition type that must be True.") }, "An extra condition for readiness.");
export const PodOSSchema = obj("PodOS", { name: stringOrEmpty("linux or windows.") }, "The OS the pod runs on.");
export const PodSchedulingGateSchema = obj("PodSchedulingGate", { name: stringOrEmpty("Gate name.") }, "Holds the pod back from scheduling until removed.");
export const PodResourceClaimSchema = obj("PodResourceClaim", {
  name: stringOrEmpty("Name, a DNS label unique in the pod."),
  resourceClaimName: str("An existing ResourceClaim."),
  resourceClaimTemplateName: str("A ResourceClaimTemplate to create a claim from."),
}, "A dynamic resource claim of the pod.");

export const PodSpecSchema = obj("PodSpec", {
  volumes: opt(z.array(VolumeSchema).meta(mergeBy("name", true)).describe("Volumes the containers can mount.")),
  initContainers: opt(z.array(ContainerSchema).meta(mergeBy("name")).describe("Containers run to completion, in order, before the others.")),
  containers: z.array(ContainerSchema).meta(mergeBy("name")).default([]).describe("The pod's containers; at least one."),
  ephemeralContainers: opt(z.array(EphemeralContainerSchema).meta(mergeBy("name")).describe("Containers added to the running pod.")),
  restartPolicy: str("Always, OnFailure or Never; defaults to Always."),
  terminationGracePeriodSeconds: int("Seconds to wait after SIGTERM; defaults to 30."),
  activeDeadlineSeconds: int("Seconds the pod may be active before it is failed."),
  dnsPolicy: str("ClusterFirstWithHostNet, ClusterFirst, Default or None; defaults to ClusterFirst."),
  nodeSelector: opt(StringMap.describe("Labels a node must have.")),
  serviceAccountName: str("ServiceAccount the pod runs as."),
  serviceAccount: str("Deprecated spelling of serviceAccountName."),
  automountServiceAccountToken: bool("Mount a token of the service account."),
  nodeName: str("Node the pod is bound to."),
  hostNetwork: bool("Use the node's network namespace."),
  hostPID: bool("Use the node's PID namespace."),
  hostIPC: bool("Use the node's IPC namespace."),
  shareProcessNamespace: bool("One PID namespace for all containers."),
  securityContext: opt(PodSecurityContextSchema),
  imagePullSecrets: opt(z.array(LocalObjectReferenceSchema).meta(mergeBy("name")).describe("Secrets for pulling images.")),
  hostname: str("Host name; defaults to the pod name."),
  subdomain: str("Subdomain of the FQDN."),
  affinity: opt(AffinitySchema),
  schedulerName: str("Scheduler that places the pod; defaults to default-scheduler."),
  tolerations: opt(z.array(TolerationSchema).meta(ATOMIC).describe("Taints the pod tolerates.")),
  hostAliases: opt(z.array(HostAliasSchema).meta(mergeBy("ip")).describe("Extra /etc/hosts entries.")),
  priorityClassName: str("PriorityClass of the pod."),
  priority: int("Priority value, from the PriorityClass."),
  dnsConfig: opt(PodDNSConfigSchema),
  readinessGates: opt(z.array(PodReadinessGateSchema).meta(ATOMIC).describe("Extra conditions for readiness.")),
  runtimeClassName: str("RuntimeClass to run with."),
  enableServiceLinks: bool("Inject Service environment variables; defaults to true."),
  preemptionPolicy: str("Never or PreemptLowerPriority."),
  overhead: opt(ResourceListSchema.describe("Resources of the pod sandbox.")),
  topologySpreadConstraints: opt(z.array(TopologySpreadConstraintSchema).meta(mergeBy("topologyKey", false, ["topologyKey", "whenUnsatisfiable"])).describe("How to spread pods.")),
  setHostnameAsFQDN: bool("Set the host name to the FQDN."),
  os: opt(PodOSSchema),
  hostUsers: bool("Use the host's user namespace."),
  schedulingGates: opt(z.array(PodSchedulingGateSchema).meta(mergeBy("name")).describe("Gates holding back scheduling.")),
  resourceClaims: opt(z.array(PodResourceClaimSchema).meta(mergeBy("name", true)).describe("Dynamic resource claims.")),
  resources: opt(ResourceRequirementsSchema.describe("Pod-level resources.")),
}, "What the pod runs and how.");

export const PodTemplateSpecSchema = obj("PodTemplateSpec", {
  metadata: opt(ObjectMetaSchema),
  spec: opt(PodSpecSchema),
}, "A pod's metadata and spec, for pods created from it.");

// ---- status ----

export const PodConditionSchema = obj("PodCondition", {
  type: stringOrEmpty("PodScheduled, Initialized, ContainersReady, Ready, ..."),
  status: stringOrEmpty("True, False or Unknown."),
  lastProbeTime: opt(TimeSchema), lastTransitionTime: opt(TimeSchema),
  reason: str("Why, as one CamelCase word."), message: str("Why, in words."),
}, "One observation about the pod.");
export const PodIPSchema = obj("PodIP", { ip: stringOrEmpty("An IP address.") }, "An IP address of the pod.");
export const HostIPSchema = obj("HostIP", { ip: stringOrEmpty("An IP address.") }, "An IP address of the host.");
export const ContainerStateWaitingSchema = obj("ContainerStateWaiting", { reason: str("Why it is waiting."), message: str("Details.") }, "Not running yet.");
export const ContainerStateRunningSchema = obj("ContainerStateRunning", { startedAt: opt(TimeSchema) }, "Running.");
export const ContainerStateTerminatedSchema = obj("ContainerStateTerminated", {
  exitCode: z.number().int().default(0).describe("Exit code."), signal: int("Signal that ended it."), reason: str("Why it ended."), message: str("Details."),
  startedAt: opt(TimeSchema), finishedAt: opt(TimeSchema), containerID: str("Runtime ID of the container."),
}, "Ended.");
export const ContainerStateSchema = obj("ContainerState", { waiting: opt(ContainerStateWaitingSchema), running: opt(ContainerStateRunningSchema), terminated: opt(ContainerStateTerminatedSchema) }, "A container's state; one field is set.");
export const VolumeMountStatusSchema = obj("VolumeMountStatus", { name: stringOrEmpty("Volume name."), mountPath: stringOrEmpty("Mount path."), readOnly: bool("Read-only."), recursiveReadOnly: str("Recursive read-only state.") }, "A mounted volume.");
export const LinuxContainerUserSchema = obj("LinuxContainerUser", {
  uid: z.number().int().default(0).describe("UID."), gid: z.number().int().default(0).describe("GID."),
  supplementalGroups: opt(z.array(z.number().int()).meta(ATOMIC).describe("Supplemental groups.")),
}, "The Linux identity of the first process.");
export const ContainerUserSchema = obj("ContainerUser", { linux: opt(LinuxContainerUserSchema) }, "The identity of the first process.");
export const ResourceHealthSchema = obj("ResourceHealth", { resourceID: stringOrEmpty("Device ID."), health: str("Healthy, Unhealthy or Unknown.") }, "Health of one device.");
export const ResourceStatusSchema = obj("ResourceStatus", {
  name: stringOrEmpty("Resource name."),
  resources: opt(z.array(ResourceHealthSchema).meta({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["resourceID"] }).describe("Devices.")),
}, "Health of the devices of one resource.");
export const ContainerStatusSchema = obj("ContainerStatus", {
  name: stringOrEmpty("Container name."), state: opt(ContainerStateSchema), lastState: opt(ContainerStateSchema),
  ready: z.boolean().default(false).describe("Whether the readiness probe passes."),
  restartCount: z.number().int().default(0).describe("How often the container restarted."),
  image: stringOrEmpty("Image running."), imageID: stringOrEmpty("Image ID."), containerID: str("Runtime ID."),
  started: bool("Whether the startup probe passed."), allocatedResources: opt(ResourceListSchema), resources: opt(ResourceRequirementsSchema),
  volumeMounts: opt(z.array(VolumeMountStatusSchema).meta(mergeBy("mountPath")).describe("Mounted volumes.")),
  user: opt(ContainerUserSchema),
  allocatedResourcesStatus: opt(z.array(ResourceStatusSchema).meta(mergeBy("name")).describe("Device health.")),
}, "The observed state of one container.");
export const PodResourceClaimStatusSchema = obj("PodResourceClaimStatus", { name: stringOrEmpty("Entry of spec.resourceClaims."), resourceClaimName: str("Claim created for it.") }, "The claim behind a pod resource claim.");

const containerStatuses = (d: string) => opt(z.array(ContainerStatusSchema).meta(ATOMIC).describe(d));

export const PodStatusSchema = obj("PodStatus", {
  phase: str("Pending, Running, Succeeded, Failed or Unknown."),
  conditions: opt(z.array(PodConditionSchema).meta(mergeBy("type")).describe("Observations, one per type.")),
  message: str("Why the pod is in this state."),
  reason: str("Why, as one CamelCase word (e.g. Evicted)."),
  nominatedNodeName: str("Node the pod may go to after preemption."),
  hostIP: str("IP of the node."),
  hostIPs: opt(z.array(HostIPSchema).meta(mergeBy("ip")).describe("IPs of the node.")),
  podIP: str("IP of the pod."),
  podIPs: opt(z.array(PodIPSchema).meta(mergeBy("ip")).describe("IPs of the pod; the first is podIP.")),
  startTime: opt(TimeSchema),
  initContainerStatuses: containerStatuses("Init containers' states."),
  containerStatuses: containerStatuses("Containers' states."),
  qosClass: str("Guaranteed, Burstable or BestEffort."),
  ephemeralContainerStatuses: containerStatuses("Ephemeral containers' states."),
  resize: str("State of a requested resize."),
  resourceClaimStatuses: opt(z.array(PodResourceClaimStatusSchema).meta(mergeBy("name", true)).describe("Claims created for the pod.")),
}, "What the pod is: phase, conditions, IPs and container states.");

export type Quantity = z.infer<typeof QuantitySchema>;
export type ResourceList = z.infer<typeof ResourceListSchema>;
export type Container = z.infer<typeof ContainerSchema>;
export type EphemeralContainer = z.infer<typeof EphemeralContainerSchema>;
export type ContainerPort = z.infer<typeof ContainerPortSchema>;
export type EnvVar = z.infer<typeof EnvVarSchema>;
export type Probe = z.infer<typeof ProbeSchema>;
export type Volume = z.infer<typeof VolumeSchema>;
export type PodSpec = z.infer<typeof PodSpecSchema>;
export type PodTemplateSpec = z.infer<typeof PodTemplateSpecSchema>;
export type PersistentVolumeClaimSpec = z.infer<typeof PersistentVolumeClaimSpecSchema>;
export type PodStatus = z.infer<typeof PodStatusSchema>;
export type ContainerStatus = z.infer<typeof ContainerStatusSchema>;
export type Toleration = z.infer<typeof TolerationSchema>;
