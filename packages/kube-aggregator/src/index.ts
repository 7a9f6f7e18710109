// @tskube/kube-aggregator: the outermost server of the chain. It serves
// APIServices (apiregistration.k8s.io), proxies the groups of service-backed
// APIServices to their servers, and delegates everything else to the
// kube-apiserver.

export * from "./apis/apiregistration/v1/apiservice/index.js";
