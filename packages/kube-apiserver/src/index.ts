// @tskube/kube-apiserver: the built-in API groups (their schemas, defaults,
// validation and strategies), the storage they live in, and the bootstrap
// of a new cluster, assembled into the kube-apiserver of the server chain.

export { createKubeAPIServer, type KubeAPIServerConfig, type ServicesConfig } from "./server/kube-apiserver.js";
export { StorageFactory, type StorageFactoryOptions } from "./registry/storage-factory.js";
export { SYSTEM_NAMESPACES, ensureSystemNamespaces } from "./bootstrap/system-namespaces.js";
export { coreAPIGroupInfo, coreV1Definitions } from "./apis/core/v1/group.js";
export { builtinAPIGroups } from "./apis/index.js";
export { registryStoreFor, systemWriterFor } from "./registry/registry-store.js";
export {
  createServiceAllocators,
  withServiceAllocation,
  ServiceAllocators,
  ServiceAllocationRepair,
  MAX_SERVICE_CIDR_HOST_BITS,
  DEFAULT_SERVICE_CLUSTER_IP_RANGE,
  DEFAULT_SERVICE_NODE_PORT_RANGE,
  type PortRange,
  type RangeAllocation,
} from "./apis/core/v1/service/allocation/index.js";
export { reconcileKubernetesService, KUBERNETES_SERVICE_NAME } from "./bootstrap/kubernetes-service.js";
export * from "./apis/core/v1/namespace/index.js";
export * from "./apis/core/v1/configmap/index.js";
export * from "./apis/core/v1/secret/index.js";
export { isConfigMapKey } from "./apis/core/v1/validation/config-key.js";
export { MAX_DATA_SIZE_BYTES } from "./apis/core/v1/validation/data-size.js";
export {
  decodeProtobufObject,
  readEnvelope,
  ProtobufError,
  PROTOBUF_MEDIA_TYPE,
  CORE_V1_PROTOBUF_DECODERS,
  type Envelope,
} from "./protobuf/index.js";
