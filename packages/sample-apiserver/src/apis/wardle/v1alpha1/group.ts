// wardle.example.com/v1alpha1: flunders and fischers, each in its own
// storage (keys /wardle.example.com/flunders, /wardle.example.com/fischers).

import { type APIGroupInfo, type RegistryResourceStorage, type StorageFactory, createRegistryStore } from "@tskube/generic-apiserver";
import type { KubeObject } from "@tskube/apimachinery";
import { fischerDefinition } from "./fischer/definition.js";
import type { Fischer } from "./fischer/schema.js";
import { flunderDefinition } from "./flunder/definition.js";
import type { Flunder } from "./flunder/schema.js";

export const WARDLE_GROUP = "wardle.example.com";

export interface WardleStorage {
  flunders: RegistryResourceStorage<Flunder>;
  fischers: RegistryResourceStorage<Fischer>;
}

export function wardleStorage(factory: StorageFactory): WardleStorage {
  const prefix = (resource: string) => `/${WARDLE_GROUP}/${resource}`;
  return {
    flunders: createRegistryStore(flunderDefinition, { storage: factory.storageFor(prefix("flunders")), resourcePrefix: prefix("flunders") }),
    fischers: createRegistryStore(fischerDefinition, { storage: factory.storageFor(prefix("fischers")), resourcePrefix: prefix("fischers") }),
  };
}

export function wardleAPIGroupInfo(storage: WardleStorage): APIGroupInfo {
  return {
    name: WARDLE_GROUP,
    versions: [{ version: "v1alpha1", resources: [storage.flunders, storage.fischers] as RegistryResourceStorage<KubeObject>[] }],
  };
}
