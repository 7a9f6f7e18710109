// Every built-in API group the kube-apiserver serves, in the order /apis
// lists them (upstream's group priorities). A new group is a folder
// `apis/<group>/<version>/` with a `group.ts` exporting its APIGroupInfo,
// and one line here.

import type { APIGroupInfo } from "@tskube/generic-apiserver";
import type { StorageFactory } from "../registry/storage-factory.js";
import { type CoreAPIGroupOptions, coreAPIGroupInfo } from "./core/v1/group.js";

/** What some groups need besides storage: the core group's service allocators. */
export type BuiltinAPIGroupsOptions = CoreAPIGroupOptions;

export function builtinAPIGroups(storage: StorageFactory, opts: BuiltinAPIGroupsOptions): APIGroupInfo[] {
  return [coreAPIGroupInfo(storage, opts)];
}
