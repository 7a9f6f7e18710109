// Building the storage of one resource from its definition:
//
//   const widgets = createRegistryStore(widgetDefinition, { storage });
//   await widgets.main.create(scope, widget);
//   await widgets.status?.update(scope, "w1", { updatedObject: () => withNewStatus });
//
// `status` and `scale` exist when the definition declares those subresources.

import type { KubeObject } from "@tskube/apimachinery";
import type { ResourceDefinition } from "./resource.js";
import type { ResourceStorage } from "./rest-storage.js";
import { ScaleStorage } from "./scale.js";
import { StatusStorage } from "./status.js";
import { RegistryStore, type RegistryStoreOptions } from "./store.js";

/** The storage of a resource whose main part is a RegistryStore (REST code of a kind's own can build on it). */
export type RegistryResourceStorage<T extends KubeObject> = ResourceStorage<T> & { main: RegistryStore<T> };

export function createRegistryStore<T extends KubeObject>(
  def: ResourceDefinition<T>,
  opts: RegistryStoreOptions<T>,
): RegistryResourceStorage<T> {
  const main = new RegistryStore(def, opts);
  const storage: RegistryResourceStorage<T> = { main };
  if (def.subresources?.status) storage.status = new StatusStorage(main);
  if (def.subresources?.scale) storage.scale = new ScaleStorage(main, def.subresources.scale);
  return storage;
}
