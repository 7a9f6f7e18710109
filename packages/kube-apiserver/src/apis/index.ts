// Every built-in API group the kube-apiserver serves, in the order /apis
// lists them (upstream's group priorities). A new group is a folder
// `apis/<group>/<version>/` with a `group.ts` exporting its APIGroupInfo,
// and one line here.

import type { APIGroupInfo } from "@tskube/generic-apiserver";
import type { StorageFactory } from "../registry/storage-factory.js";
import { appsAPIGroupInfo } from "./apps/v1/group.js";
import { coreAPIGroupInfo } from "./core/v1/group.js";
import { discoveryAPIGroupInfo } from "./discovery/v1/group.js";
import { eventsAPIGroupInfo } from "./events/v1/group.js";
import { networkingAPIGroupInfo } from "./networking/v1/group.js";
import { storageAPIGroupInfo } from "./storage/v1/group.js";

export function builtinAPIGroups(storage: StorageFactory): APIGroupInfo[] {
  return [
    coreAPIGroupInfo(storage),
    appsAPIGroupInfo(storage),
    eventsAPIGroupInfo(storage),
    networkingAPIGroupInfo(storage),
    storageAPIGroupInfo(storage),
    discoveryAPIGroupInfo(storage),
  ];
}
