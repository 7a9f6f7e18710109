// The authentication.k8s.io API group, version v1 (upstream:
// pkg/registry/authentication/rest/storage_authentication.go): two
// resources that are only ever created and never stored, SelfSubjectReview
// (`kubectl auth whoami`) and TokenReview. (TokenRequest belongs to this
// group too, but is served as the `token` subresource of ServiceAccounts.)

import type { KubeObject } from "@tskube/apimachinery";
import type { APIGroupInfo, ResourceStorage } from "@tskube/generic-apiserver";
import { selfSubjectReviewStorage } from "./selfsubjectreview/storage.js";
import { type TokenReviewOptions, tokenReviewStorage } from "./tokenreview/storage.js";

export function authenticationAPIGroupInfo(opts: TokenReviewOptions): APIGroupInfo {
  // Typed storages widened to the group's list of any kind (their methods take their own kind, so TypeScript cannot see it is safe).
  const resources = [selfSubjectReviewStorage(), tokenReviewStorage(opts)] as unknown as ResourceStorage<KubeObject>[];
  return { name: "authentication.k8s.io", versions: [{ version: "v1", resources }] };
}
