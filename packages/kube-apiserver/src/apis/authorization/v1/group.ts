// The authorization.k8s.io API group, version v1 (upstream:
// pkg/registry/authorization/rest/storage_authorization.go): the four access
// reviews, each create only and never stored, answered from the server's
// whole authorization chain (system:masters, the configured modes).

import type { APIGroupInfo, Authorizer, RuleResolver } from "@tskube/generic-apiserver";
import { installable } from "../../../registry/installable.js";
import { localSubjectAccessReviewStorage } from "./localsubjectaccessreview/storage.js";
import { AUTHORIZATION_GROUP } from "./review/schema.js";
import { selfSubjectAccessReviewStorage } from "./selfsubjectaccessreview/storage.js";
import { selfSubjectRulesReviewStorage } from "./selfsubjectrulesreview/storage.js";
import { subjectAccessReviewStorage } from "./subjectaccessreview/storage.js";

export interface AuthorizationGroupDependencies {
  /** The server's whole authorization chain; available once the server exists. */
  authorizer: () => Authorizer & RuleResolver;
}

export function authorizationAPIGroupInfo(deps: AuthorizationGroupDependencies): APIGroupInfo {
  return {
    name: AUTHORIZATION_GROUP,
    versions: [
      {
        version: "v1",
        resources: [
          installable(localSubjectAccessReviewStorage(deps.authorizer)),
          installable(selfSubjectAccessReviewStorage(deps.authorizer)),
          installable(selfSubjectRulesReviewStorage(deps.authorizer)),
          installable(subjectAccessReviewStorage(deps.authorizer)),
        ],
      },
    ],
  };
}
