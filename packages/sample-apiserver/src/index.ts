// @tskube/sample-apiserver: an aggregated API server built on
// @tskube/generic-apiserver, as upstream's k8s.io/sample-apiserver:
// wardle.example.com/v1alpha1 flunders and fischers on the embedded store.

export * from "./apis/wardle/v1alpha1/flunder/index.js";
export * from "./apis/wardle/v1alpha1/fischer/index.js";
export { WARDLE_GROUP, wardleAPIGroupInfo, wardleStorage, type WardleStorage } from "./apis/wardle/v1alpha1/group.js";
export { BanFlunder } from "./admission/ban-flunder.js";
export { createSampleServer, type SampleServer, type SampleServerConfig } from "./server/sample-server.js";
export {
  AUTHENTICATION_CONFIG_MAP,
  authenticatorsFor,
  parseClusterAuthentication,
  readClusterAuthentication,
  tokenReviewerFor,
  type ClusterAuthentication,
} from "./authentication/delegated.js";
export { delegatedAuthorizer, subjectAccessReviewerFor } from "./authorization/delegated.js";
export { parseSampleOptions, type SampleOptions } from "./server/options.js";
export { servingCertificate, SERVING_HOSTS } from "./server/serving-cert.js";
