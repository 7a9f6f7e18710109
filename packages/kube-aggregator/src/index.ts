// @tskube/kube-aggregator: the outermost server of the chain. It serves
// APIServices (apiregistration.k8s.io), proxies the groups of service-backed
// APIServices to their servers, and delegates everything else to the
// kube-apiserver.

export * from "./apis/apiregistration/v1/apiservice/index.js";
export { createAggregatorServer, APISERVICES_PREFIX, type Aggregator, type AggregatorConfig } from "./server/aggregator.js";
export type { ProxyClientCertificate } from "./proxy/backend-transport.js";
export { AUTOMANAGED_LABEL, localAPIServicesFor } from "./controllers/autoregister/autoregister.js";
export { builtInPriority, CUSTOM_RESOURCE_PRIORITY, type APIServicePriority } from "./controllers/autoregister/priorities.js";
export { LOCAL_AVAILABLE } from "./controllers/local-available.js";
export { AGGREGATOR_USER } from "./proxy/backend-client.js";
export { SERVICE_UNAVAILABLE_MESSAGE } from "./proxy/proxy-handler.js";
