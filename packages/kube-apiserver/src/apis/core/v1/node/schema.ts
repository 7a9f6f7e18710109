// core/v1 Node: a machine (or VM) that runs pods, registered by its kubelet.
// Every field of upstream's v1 type (k8s.io/api core/v1, v1.32);
// descriptions in our own words. Lists carry upstream's strategic merge patch
// metadata in `.meta()`.

import { ObjectMetaSchema, TimeSchema, TypeMetaSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { ATOMIC, ResourceListSchema, mergeBy } from "../pod-spec/schema.js";

export const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
export const NODE_CONDITION_TYPES = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"] as const;
export const NODE_ADDRESS_TYPES = ["Hostname", "InternalIP", "ExternalIP", "InternalDNS", "ExternalDNS"] as const;

const opt = optionalField;
const str = (d: string) => opt(z.string().describe(d));

function obj<T extends z.ZodRawShape>(id: string, shape: T, description: string) {
  return z.object(shape).meta({ id: `io.k8s.api.core.v1.${id}` }).describe(description);
}

// ---- spec ----

export const TaintSchema = obj("Taint", {
  key: stringOrEmpty("The taint's key, a qualified name."),
  value: str("The taint's value, a label value."),
  effect: stringOrEmpty(`What happens to pods that do not tolerate the taint. Known values: ${TAINT_EFFECTS.join(", ")}.`),
  timeAdded: opt(TimeSchema.describe("When the taint was added; set only for NoExecute taints.")),
}, "A mark on a node that keeps away pods that do not tolerate it.");

export const ConfigMapNodeConfigSourceSchema = obj("ConfigMapNodeConfigSource", {
  namespace: stringOrEmpty("Namespace of the ConfigMap."),
  name: stringOrEmpty("Name of the ConfigMap."),
  uid: str("UID of the ConfigMap; only in status."),
  resourceVersion: str("Resource version of the ConfigMap; only in status."),
  kubeletConfigKey: stringOrEmpty("The key of the ConfigMap holding the kubelet configuration."),
}, "A ConfigMap holding a kubelet configuration (deprecated with dynamic kubelet configuration).");

export const NodeConfigSourceSchema = obj("NodeConfigSource", {
  configMap: opt(ConfigMapNodeConfigSourceSchema),
}, "Where a node's kubelet configuration comes from (deprecated; the feature is removed).");

export const NodeSpecSchema = obj("NodeSpec", {
  podCIDR: str("The pod IP range of the node; the same as podCIDRs[0]."),
  podCIDRs: opt(
    z.array(z.string())
      .meta({ "x-kubernetes-patch-strategy": "merge", "x-kubernetes-list-type": "set" })
      .describe("The pod IP ranges of the node, at most one per IP family."),
  ),
  providerID: str("The cloud provider's ID of the node, <provider>://<id>; set once."),
  unschedulable: opt(z.boolean().describe("Keeps new pods off the node (kubectl cordon).")),
  taints: opt(z.array(TaintSchema).meta(ATOMIC).describe("The node's taints.")),
  configSource: opt(NodeConfigSourceSchema),
  externalID: str("Deprecated; not set by current kubelets."),
}, "What the node should be: its pod ranges, provider ID, schedulability and taints.");

// ---- status ----

export const NodeConditionSchema = obj("NodeCondition", {
  type: stringOrEmpty(`Which aspect of the node this condition reports on. Known values: ${NODE_CONDITION_TYPES.join(", ")}.`),
  status: stringOrEmpty("True, False or Unknown."),
  lastHeartbeatTime: opt(TimeSchema.describe("When the condition was last reported.")),
  lastTransitionTime: opt(TimeSchema.describe("When status last changed from one value to another.")),
  reason: str("Why the condition last changed, as one CamelCase word."),
  message: str("Why the condition last changed, in words."),
}, "One observation about the node.");

export const NodeAddressSchema = obj("NodeAddress", {
  type: stringOrEmpty(`The kind of address. Known values: ${NODE_ADDRESS_TYPES.join(", ")}.`),
  address: stringOrEmpty("The address."),
}, "An address the node is reachable at.");

export const DaemonEndpointSchema = obj("DaemonEndpoint", {
  // Upstream's JSON name really is capitalised.
  Port: z.number().int().default(0).describe("The port the daemon listens on."),
}, "Where a daemon of the node listens.");

export const NodeDaemonEndpointsSchema = obj("NodeDaemonEndpoints", {
  kubeletEndpoint: opt(DaemonEndpointSchema.describe("Where the kubelet listens.")),
}, "The ports daemons of the node listen on.");

export const NodeSwapStatusSchema = obj("NodeSwapStatus", {
  capacity: opt(z.number().int().describe("Swap space of the node, in bytes.")),
}, "The swap memory of a node.");

export const NodeSystemInfoSchema = obj("NodeSystemInfo", {
  machineID: stringOrEmpty("The machine ID (see machine-id(5)); preferred to tell machines apart."),
  systemUUID: stringOrEmpty("The system UUID reported by the firmware."),
  bootID: stringOrEmpty("The ID of the current boot."),
  kernelVersion: stringOrEmpty("The kernel version (uname -r)."),
  osImage: stringOrEmpty("The OS image, from /etc/os-release."),
  containerRuntimeVersion: stringOrEmpty("The container runtime and its version, e.g. containerd://1.7.2."),
  kubeletVersion: stringOrEmpty("The kubelet's version."),
  kubeProxyVersion: stringOrEmpty("Deprecated: the kube-proxy version the kubelet reports, not reliable."),
  operatingSystem: stringOrEmpty("The operating system, e.g. linux."),
  architecture: stringOrEmpty("The CPU architecture, e.g. amd64."),
  swap: opt(NodeSwapStatusSchema),
}, "Identifiers and versions of the node's machine and software.");

export const ContainerImageSchema = obj("ContainerImage", {
  names: opt(z.array(z.string()).meta(ATOMIC).describe("The names the image is known by.")),
  sizeBytes: opt(z.number().int().describe("The image's size in bytes.")),
}, "An image present on the node.");

export const AttachedVolumeSchema = obj("AttachedVolume", {
  name: stringOrEmpty("The unique name of the volume."),
  devicePath: stringOrEmpty("Where the volume's device shows up on the node."),
}, "A volume attached to the node.");

export const NodeConfigStatusSchema = obj("NodeConfigStatus", {
  assigned: opt(NodeConfigSourceSchema.describe("The configuration the node will try to use.")),
  active: opt(NodeConfigSourceSchema.describe("The configuration the node uses.")),
  lastKnownGood: opt(NodeConfigSourceSchema.describe("The configuration the node falls back to.")),
  error: str("A problem applying the assigned configuration."),
}, "The state of the node's assigned configuration (deprecated).");

export const NodeRuntimeHandlerFeaturesSchema = obj("NodeRuntimeHandlerFeatures", {
  recursiveReadOnlyMounts: opt(z.boolean().describe("The handler supports recursive read-only mounts.")),
  userNamespaces: opt(z.boolean().describe("The handler supports user namespaces, volumes included.")),
}, "What a runtime handler supports.");

export const NodeRuntimeHandlerSchema = obj("NodeRuntimeHandler", {
  name: str("The handler's name; empty for the default one."),
  features: opt(NodeRuntimeHandlerFeaturesSchema),
}, "A runtime handler of the node's container runtime.");

export const NodeFeaturesSchema = obj("NodeFeatures", {
  supplementalGroupsPolicy: opt(z.boolean().describe("The runtime supports supplementalGroupsPolicy and reports container users.")),
}, "What the node's container runtime supports, whatever the handler.");

export const NodeStatusSchema = obj("NodeStatus", {
  capacity: opt(ResourceListSchema.describe("All of each resource the node has.")),
  allocatable: opt(ResourceListSchema.describe("What pods may use of each resource; defaults to capacity.")),
  phase: str("Deprecated and never set."),
  conditions: opt(z.array(NodeConditionSchema).meta(mergeBy("type")).describe("The latest observations of the node, one per type.")),
  addresses: opt(
    z.array(NodeAddressSchema)
      .meta(mergeBy("type"))
      .describe("The node's addresses. The merge key is not unique: replace the whole list rather than merging."),
  ),
  daemonEndpoints: opt(NodeDaemonEndpointsSchema),
  nodeInfo: opt(NodeSystemInfoSchema),
  images: opt(z.array(ContainerImageSchema).meta(ATOMIC).describe("Images present on the node.")),
  volumesInUse: opt(z.array(z.string()).meta(ATOMIC).describe("Attachable volumes mounted on the node.")),
  volumesAttached: opt(z.array(AttachedVolumeSchema).meta(ATOMIC).describe("Volumes attached to the node.")),
  config: opt(NodeConfigStatusSchema),
  runtimeHandlers: opt(z.array(NodeRuntimeHandlerSchema).meta(ATOMIC).describe("The container runtime's handlers.")),
  features: opt(NodeFeaturesSchema),
}, "What the node is: its resources, conditions, addresses and software.");

export const NodeSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: opt(NodeSpecSchema),
  status: opt(NodeStatusSchema),
})
  .meta({ id: "io.k8s.api.core.v1.Node" })
  .describe("A machine of the cluster that runs pods.");

export type Node = z.infer<typeof NodeSchema>;
export type NodeSpec = z.infer<typeof NodeSpecSchema>;
export type NodeStatus = z.infer<typeof NodeStatusSchema>;
export type Taint = z.infer<typeof TaintSchema>;
