// Where the ServiceAccount token authenticator finds the objects a token
// names (upstream: the service account getter of
// pkg/controller/serviceaccount, listers first, then the API): the watch
// cache of each resource's storage first (resourceVersion "0", no round
// trip to etcd), and, when the cache does not have the object, a consistent
// read, so an object created a moment ago is not taken for a missing one.

import type { KubeObject } from "@tskube/apimachinery";
import type { StorageFactory } from "../registry/storage-factory.js";
import type { LiveObject, ServiceAccountTokenObjects } from "./token-authenticator.js";

/** A name or namespace that could be a storage key segment (a signed token could still carry anything). */
function isKeySegment(s: string): boolean {
  return s !== "" && !s.includes("/");
}

export function storageTokenObjects(storage: StorageFactory): ServiceAccountTokenObjects {
  const lookup = (resource: string) => {
    const objects = storage.storageFor<KubeObject>(`/${resource}`);
    return async (key: string): Promise<LiveObject | undefined> => {
      const obj =
        (await objects.get(key, { resourceVersion: "0", ignoreNotFound: true })) ?? (await objects.get(key, { ignoreNotFound: true }));
      if (obj === null) return undefined;
      const { uid = "", deletionTimestamp } = obj.metadata;
      return deletionTimestamp ? { uid, deletionTimestamp } : { uid };
    };
  };
  const namespaced = (resource: string) => {
    const get = lookup(resource);
    return (namespace: string, name: string) =>
      isKeySegment(namespace) && isKeySegment(name) ? get(`/${resource}/${namespace}/${name}`) : Promise.resolve(undefined);
  };
  const nodes = lookup("nodes");
  return {
    serviceAccount: namespaced("serviceaccounts"),
    pod: namespaced("pods"),
    secret: namespaced("secrets"),
    node: (name) => (isKeySegment(name) ? nodes(`/nodes/${name}`) : Promise.resolve(undefined)),
  };
}
