// @tskube/kube-apiserver: the built-in API groups (their schemas, defaults,
// validation and strategies), the storage they live in, and the bootstrap
// of a new cluster, assembled into the kube-apiserver of the server chain.

export { createKubeAPIServer, type KubeAPIServerConfig, type ServicesConfig, type ServiceAccountTokensConfig } from "./server/kube-apiserver.js";
export { StorageFactory, type StorageFactoryOptions } from "./registry/storage-factory.js";
export { SYSTEM_NAMESPACES, ensureSystemNamespaces } from "./bootstrap/system-namespaces.js";
export { ensureSystemPriorityClasses } from "./bootstrap/system-priority-classes.js";
export { coreAPIGroupInfo, coreV1Definitions } from "./apis/core/v1/group.js";
export { batchAPIGroupInfo, batchV1Definitions } from "./apis/batch/v1/group.js";
export { policyAPIGroupInfo, policyV1Definitions } from "./apis/policy/v1/group.js";
export { schedulingAPIGroupInfo, schedulingV1Definitions } from "./apis/scheduling/v1/group.js";
export { coordinationAPIGroupInfo, coordinationV1Definitions } from "./apis/coordination/v1/group.js";
export { SYSTEM_PRIORITY_CLASSES } from "./apis/scheduling/v1/priorityclass/system.js";
export { builtinAPIGroups, type BuiltinAPIGroupsOptions } from "./apis/index.js";
export { authenticationAPIGroupInfo } from "./apis/authentication/v1/group.js";
export { TokenRequestSchema, TOKEN_REQUEST_KIND, type TokenRequest } from "./apis/authentication/v1/tokenrequest/schema.js";
export { TokenReviewSchema, type TokenReview } from "./apis/authentication/v1/tokenreview/schema.js";
export { SelfSubjectReviewSchema, type SelfSubjectReview } from "./apis/authentication/v1/selfsubjectreview/schema.js";
export { UserInfoSchema, userInfoOf } from "./apis/authentication/v1/user-info.js";
export {
  MIN_TOKEN_EXPIRATION_SECONDS,
  MAX_TOKEN_EXPIRATION_SECONDS,
  WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS,
  EXTENDED_TOKEN_EXPIRATION_SECONDS,
  type TokenRequestOptions,
} from "./apis/core/v1/serviceaccount/token.js";
export { createOnlyStorage, type CreateOnly } from "./registry/create-only.js";
export { registryStoreFor, systemWriterFor } from "./registry/registry-store.js";
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
export { rbacAPIGroupInfo, rbacRegistryStorage, rbacV1Definitions, type RBACGroupDependencies } from "./apis/rbac/v1/group.js";
export { authorizationAPIGroupInfo, type AuthorizationGroupDependencies } from "./apis/authorization/v1/group.js";
export * from "./apis/rbac/v1/role/index.js";
export * from "./apis/rbac/v1/clusterrole/index.js";
export * from "./apis/rbac/v1/rolebinding/index.js";
export * from "./apis/rbac/v1/clusterrolebinding/index.js";
export type { PolicyRule, AggregationRule } from "./apis/rbac/v1/policy-rule/schema.js";
export type { Subject, RoleRef } from "./apis/rbac/v1/binding/schema.js";
export { RBACAuthorizer } from "./rbac/authorizer.js";
export { PolicyIndex } from "./rbac/policy-index.js";
export { ensureBootstrapPolicy } from "./bootstrap/rbac/ensure.js";
export { bootstrapClusterRoles, bootstrapClusterRoleBindings, bootstrapRoles, bootstrapRoleBindings, AUTO_UPDATE_ANNOTATION } from "./bootstrap/rbac/policy.js";
export { startClusterRoleAggregationController, aggregatedRules, AGGREGATION_FIELD_MANAGER } from "./controllers/clusterrole-aggregation.js";
