// @tskube/generic-apiserver: the library every API server in the chain is built from.
export type * from "./request/request-info.js";
export * from "./request/context.js";
export * from "./authentication/user.js";
export type * from "./authentication/authenticator.js";
export { readsClientCertificates } from "./authentication/authenticator.js";
export type * from "./authorization/authorizer.js";
export { isRuleResolver } from "./authorization/authorizer.js";
export * from "./registry/resource.js";
export type * from "./registry/rest-storage.js";
export type * from "./server/api-group.js";

// ---- the server, its filters, authentication, authorization, health, metrics ----
export { GenericAPIServer } from "./server/server.js";
export {
  DEFAULT_LIMITS,
  DEFAULT_ALWAYS_ALLOW_PATHS,
  type GenericAPIServerConfig,
  type ServingConfig,
  type AuthenticationConfig,
  type AuthorizationConfig,
  type LimitsConfig,
  type AdmissionConfig,
  type ShutdownConfig,
} from "./server/config.js";
export { consoleLogger, silentLogger, type Logger } from "./server/logger.js";
export { defaultVersionInfo, type VersionInfo } from "./server/version.js";
export type { PostStartHook, PostStartHookContext } from "./server/post-start-hooks.js";
export { isUpgradeRequest, takeUpgrade } from "./server/upgrade.js";
export { type Handler, type NextFunction, handlerSequence } from "./server/handler-sequence.js";
export { writeStatus, writeStatusError } from "./filters/write-status.js";
export {
  generateCA,
  generateServingCert,
  generateClientCert,
  type CertificateAndKey,
  type ServingCertOptions,
  type ClientCertOptions,
  type ValidityOptions,
} from "./server/certs.js";
export { resolveRequestInfo } from "./request/request-info-resolver.js";
export { isLongRunningRequest, type LongRunningCheck } from "./filters/long-running.js";
export { AUDIT_ID_HEADER } from "./filters/request-info.js";
export { X509Authenticator, type X509AuthenticatorOptions } from "./authentication/x509.js";
export { BearerTokenAuthenticator, INVALID_BEARER_TOKEN, bearerToken, type TokenAuthenticator } from "./authentication/bearer-token.js";
export { TokenAuthenticatorUnion, aggregateReasons } from "./authentication/token-union.js";
export { AudienceAgnosticTokenAuthenticator } from "./authentication/audience-agnostic.js";
export { StaticTokenAuthenticator } from "./authentication/static-token.js";
export {
  DelegatingTokenAuthenticator,
  type DelegatingTokenAuthenticatorOptions,
  type TokenReviewSpec,
  type TokenReviewStatus,
  type TokenReviewer,
} from "./authentication/delegating-token.js";
export {
  RequestHeaderAuthenticator,
  DEFAULT_REQUEST_HEADER_NAMES,
  extraHeaderName,
  type RequestHeaderConfig,
} from "./authentication/request-header.js";
export { UnionAuthenticator } from "./authentication/union.js";
export { anonymousUser } from "./authentication/anonymous.js";
export { withAuthenticatedGroup } from "./authentication/authenticated-group.js";
export { AlwaysAllowAuthorizer, AlwaysDenyAuthorizer } from "./authorization/always.js";
export { UnionAuthorizer } from "./authorization/union.js";
export { PrivilegedGroupsAuthorizer } from "./authorization/privileged-groups.js";
export { AlwaysAllowPathsAuthorizer } from "./authorization/path.js";
export {
  DelegatingAuthorizer,
  type DelegatingAuthorizerOptions,
  type SubjectAccessReviewSpec,
  type SubjectAccessReviewStatus,
  type SubjectAccessReviewer,
  subjectAccessReviewSpecFor,
} from "./authorization/delegating.js";
export { pingCheck, namedCheck, type HealthCheck } from "./health/health-check.js";
export { storageHealthCheck, type StorageCheckOptions } from "./health/storage-check.js";
export { APIServerMetrics } from "./metrics/metrics.js";

// ---- admission: mutating and validating plugins every write goes through ----
export type * from "./admission/attributes.js";
export {
  isMutating,
  isValidating,
  handlesOperations,
  type AdmissionPlugin,
  type MutatingAdmissionPlugin,
  type ValidatingAdmissionPlugin,
  type AnyAdmissionPlugin,
} from "./admission/interfaces.js";
export { AdmissionChain } from "./admission/chain.js";
export { newAdmissionForbidden } from "./admission/errors.js";

// ---- clients for in-process controllers: the loopback client, informers, work queues ----
export {
  RESTClient,
  resourcePath,
  errorFromResponse,
  type RESTClientOptions,
  type RequestOptions,
  type Query,
  type WatchEvent,
  type WatchEventType,
  type WatchStream,
} from "./client/rest-client.js";
export { APISERVER_USER } from "./client/loopback.js";
export { Informer, objectKey, type InformerHandlers, type InformerOptions, type ListerWatcher } from "./client/informer.js";
export { storageInformer } from "./client/storage-lister-watcher.js";
export { WorkQueue, type WorkQueueOptions } from "./client/work-queue.js";
export { sleep } from "./client/sleep.js";

// ---- patch formats: JSON patch, JSON merge patch, strategic merge patch ----
export {
  applyPatch,
  applyJSONPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  isPatchType,
  patchTypeFromContentType,
  supportedPatchTypes,
  newUnsupportedPatchTypeError,
  fieldPatchInfo,
  PATCH_TYPES,
  PATCH_STRATEGY_META,
  PATCH_MERGE_KEY_META,
  MAX_JSON_PATCH_OPERATIONS,
  MAX_JSON_PATCH_COPY_BYTES,
  UNPROCESSABLE_PATCH_MESSAGE,
  type PatchType,
  type JsonPatchLimits,
  type FieldPatchInfo,
} from "./patch/index.js";

// ---- the generic registry: one store for every resource, driven by its definition ----
export { createRegistryStore, type RegistryResourceStorage } from "./registry/create-registry-store.js";
export { StorageFactory, type StorageFactoryOptions } from "./registry/storage-factory.js";
export { convertedStorage, type StorageConversion } from "./registry/converted-storage.js";
export { ForwardingStorage } from "./registry/forwarding-storage.js";
export { RegistryStore, type RegistryStoreOptions } from "./registry/store.js";
export type { UpdateTarget, SubresourceUpdateRules } from "./registry/update.js";
export { shouldDeleteDuringUpdate } from "./registry/delete.js";
export { StatusStorage } from "./registry/status.js";
export { ScaleStorage, scaleOf, type Scale } from "./registry/scale.js";
export { generateName, type NameGenerator } from "./registry/names.js";
export { validatePathSegmentName } from "./registry/keys.js";

// ---- REST endpoints: the verb handlers of an API group, content negotiation, Table output ----
export { createAPIGroupRouter, type APIGroupRouterOptions } from "./endpoints/installer.js";
export { humanDuration, translateTimestampSince } from "./endpoints/human-duration.js";
export {
  negotiateOutput,
  negotiateInput,
  SUPPORTED_MEDIA_TYPES,
  type MediaTypeOptions,
  type OutputFormat,
  type TransformTarget,
} from "./endpoints/negotiation.js";
export { DEFAULT_MAX_REQUEST_BODY_BYTES } from "./endpoints/handlers/body.js";
export type { FieldValidation } from "./endpoints/handlers/decode.js";
export type { Table, TableColumnDefinition, TableRow, PartialObjectMetadata, PartialObjectMetadataList } from "./endpoints/handlers/transform.js";

// ---- discovery: /api, /apis, /apis/<g>, /apis/<g>/<v>, aggregated discovery ----
export {
  DiscoveryManager,
  type APIGroupInfoSource,
  type DiscoveryGroupProvider,
  type GroupOrder,
  type Unsubscribe,
} from "./discovery/manager.js";
export { createDiscoveryRouter, type DiscoveryRouterOptions } from "./discovery/router.js";
export {
  DISCOVERY_ACCEPT,
  aggregatedContentType,
  aggregatedListOf,
  negotiateDiscoveryFormat,
  type DiscoveryFormat,
} from "./discovery/aggregated.js";
export { discoveryGroupOf, resourceDiscoveryOf } from "./discovery/from-group-info.js";
export { apiGroupListOf, apiGroupOf, apiResourceListOf, apiVersionsOf } from "./discovery/unaggregated.js";
export type * from "./discovery/types.js";

// ---- OpenAPI: /openapi/v2, /openapi/v3 and its group-version documents ----
export { OpenAPIService, type OpenAPIDocumentProvider, type OpenAPIServiceOptions, type OpenAPIV3Index } from "./openapi/service.js";
export { createOpenAPIRouter } from "./openapi/router.js";
export { buildV2Document, buildV3Document, v3PathOf, type DocumentInfo } from "./openapi/documents.js";
export { givenOpenAPISchemas } from "./openapi/given-schemas.js";
export { SchemaConverter, INT_OR_STRING_DEFINITION } from "./openapi/zod-to-openapi.js";
export { DefinitionNames, definitionNamespace, kindDefinitionName, type NamedSchema } from "./openapi/definition-names.js";
export { ScaleSchema, ScaleSpecSchema, ScaleStatusSchema } from "./openapi/well-known.js";
export type { SchemaObject, V2Document, V3Document } from "./openapi/types.js";

// ---- webhooks: calling a URL or a Service over HTTPS ----
export { callWebhook, WebhookCallError, type WebhookTarget, type WebhookCallOptions } from "./webhook/client.js";

// ---- Services: the server behind a Service, for the aggregator's proxy and webhook calls ----
export {
  ServiceResolver,
  serviceInformers,
  serviceServerName,
  type ServiceInformers,
  type WebhookServiceResolver,
} from "./services/service-resolver.js";
export type { ServiceEndpoint, ServiceLookup } from "./services/select-endpoints.js";
export { SERVICE_NAME_LABEL, type Service, type EndpointSlice, type Endpoints } from "./services/types.js";
