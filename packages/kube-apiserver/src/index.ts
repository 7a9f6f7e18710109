// @tskube/kube-apiserver: the built-in API groups (their schemas, defaults,
// validation and strategies), the storage they live in, and the bootstrap
// of a new cluster, assembled into the kube-apiserver of the server chain.

export { createKubeAPIServer, type KubeAPIServerConfig } from "./server/kube-apiserver.js";
export { StorageFactory, type StorageFactoryOptions } from "./registry/storage-factory.js";
export { SYSTEM_NAMESPACES, ensureSystemNamespaces } from "./bootstrap/system-namespaces.js";
export { ensureSystemPriorityClasses } from "./bootstrap/system-priority-classes.js";
export { coreAPIGroupInfo, coreV1Definitions } from "./apis/core/v1/group.js";
export { batchAPIGroupInfo, batchV1Definitions } from "./apis/batch/v1/group.js";
export { policyAPIGroupInfo, policyV1Definitions } from "./apis/policy/v1/group.js";
export { schedulingAPIGroupInfo, schedulingV1Definitions } from "./apis/scheduling/v1/group.js";
export { coordinationAPIGroupInfo, coordinationV1Definitions } from "./apis/coordination/v1/group.js";
export { SYSTEM_PRIORITY_CLASSES } from "./apis/scheduling/v1/priorityclass/system.js";
export { builtinAPIGroups } from "./apis/index.js";
export { registryStoreFor } from "./registry/registry-store.js";
export { ADMISSION_PLUGIN_NAMES, admissionPlugins, type AdmissionPluginDependencies } from "./admission/plugins.js";
export {
  NamespaceLifecycle,
  NAMESPACE_LIFECYCLE,
  IMMORTAL_NAMESPACES,
  NAMESPACE_TERMINATING_CAUSE,
  isNamespaceTerminatingError,
} from "./admission/namespace-lifecycle.js";
export { ServiceAccountAdmission, SERVICE_ACCOUNT, tokenVolumeSource } from "./admission/service-account.js";
export { startNamespaceController } from "./controllers/namespace/controller.js";
export { startServiceAccountsController, DEFAULT_SERVICE_ACCOUNTS } from "./controllers/serviceaccounts.js";
export { startRootCACertPublisher, ROOT_CA_CONFIG_MAP_NAME } from "./controllers/root-ca-publisher.js";
export {
  startClusterAuthenticationTrustController,
  clusterAuthenticationData,
  EXTENSION_APISERVER_AUTHENTICATION,
  EXTENSION_APISERVER_AUTHENTICATION_NAMESPACE,
  type ClusterAuthenticationInfo,
} from "./controllers/cluster-authentication-trust.js";
export * from "./apis/core/v1/namespace/index.js";
export * from "./apis/core/v1/configmap/index.js";
export * from "./apis/core/v1/secret/index.js";
export { isConfigMapKey } from "./apis/core/v1/validation/config-key.js";
export { MAX_DATA_SIZE_BYTES } from "./apis/core/v1/validation/data-size.js";
export { BUILTIN_PROTOBUF, BUILTIN_PROTOBUF_PACKAGES } from "./protobuf/index.js";
export * from "./serviceaccount/index.js";
