// Every built-in API group the kube-apiserver serves, in the order /apis
// lists them (upstream's group priorities). A new group is a folder
// `apis/<group>/<version>/` with a `group.ts` exporting its APIGroupInfo,
// and one line here.

import type { APIGroupInfo, Authorizer, RuleResolver } from "@tskube/generic-apiserver";
import type { StorageFactory } from "../registry/storage-factory.js";
import { appsAPIGroupInfo } from "./apps/v1/group.js";
import { authenticationAPIGroupInfo } from "./authentication/v1/group.js";
import type { TokenReviewOptions } from "./authentication/v1/tokenreview/storage.js";
import { authorizationAPIGroupInfo } from "./authorization/v1/group.js";
import { batchAPIGroupInfo } from "./batch/v1/group.js";
import { coordinationAPIGroupInfo } from "./coordination/v1/group.js";
import { type CoreAPIGroupOptions, coreAPIGroupInfo } from "./core/v1/group.js";
import { discoveryAPIGroupInfo } from "./discovery/v1/group.js";
import { eventsAPIGroupInfo } from "./events/v1/group.js";
import { networkingAPIGroupInfo } from "./networking/v1/group.js";
import { policyAPIGroupInfo } from "./policy/v1/group.js";
import { rbacAPIGroupInfo } from "./rbac/v1/group.js";
import { schedulingAPIGroupInfo } from "./scheduling/v1/group.js";
import { storageAPIGroupInfo } from "./storage/v1/group.js";

/**
 * What groups need beyond storage: the service allocators (core's
 * Services), the token issuer (core's serviceaccounts/token), the token
 * authenticators (TokenReview), and the authorization chain.
 */
export interface BuiltinAPIGroupsOptions extends CoreAPIGroupOptions {
  authentication?: TokenReviewOptions;
  /**
   * The server's whole authorization chain (system:masters, then the
   * configured modes), once the server exists: the access reviews answer
   * from it, and RBAC's escalation checks ask it about `escalate` and `bind`.
   */
  authorizer: () => Authorizer & RuleResolver;
}

export function builtinAPIGroups(storage: StorageFactory, opts: BuiltinAPIGroupsOptions): APIGroupInfo[] {
  return [
    coreAPIGroupInfo(storage, opts),
    appsAPIGroupInfo(storage),
    eventsAPIGroupInfo(storage),
    authenticationAPIGroupInfo(opts.authentication ?? { apiAudiences: [] }),
    authorizationAPIGroupInfo(opts),
    batchAPIGroupInfo(storage),
    networkingAPIGroupInfo(storage),
    policyAPIGroupInfo(storage),
    rbacAPIGroupInfo(storage, opts),
    storageAPIGroupInfo(storage),
    schedulingAPIGroupInfo(storage),
    coordinationAPIGroupInfo(storage),
    discoveryAPIGroupInfo(storage),
  ];
}
