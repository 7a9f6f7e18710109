// Every built-in API group the kube-apiserver serves, in the order /apis
// lists them (upstream's group priorities). A new group is a folder
// `apis/<group>/<version>/` with a `group.ts` exporting its APIGroupInfo,
// and one line here.

import type { APIGroupInfo } from "@tskube/generic-apiserver";
import type { StorageFactory } from "../registry/storage-factory.js";
import { batchAPIGroupInfo } from "./batch/v1/group.js";
import { coordinationAPIGroupInfo } from "./coordination/v1/group.js";
import { coreAPIGroupInfo } from "./core/v1/group.js";
import { policyAPIGroupInfo } from "./policy/v1/group.js";
import { schedulingAPIGroupInfo } from "./scheduling/v1/group.js";

export function builtinAPIGroups(storage: StorageFactory): APIGroupInfo[] {
  return [
    coreAPIGroupInfo(storage),
    batchAPIGroupInfo(storage),
    policyAPIGroupInfo(storage),
    schedulingAPIGroupInfo(storage),
    coordinationAPIGroupInfo(storage),
  ];
}
