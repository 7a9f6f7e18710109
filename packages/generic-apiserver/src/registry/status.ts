// The `status` subresource (`.../widgets/x/status`): GET returns the whole
// object; PUT and PATCH change only its status (see spec-status.ts). A
// subresource never creates the object.

import type { KubeObject } from "@tskube/apimachinery";
import type { RequestScope, SubresourceStorage, UpdatedObjectInfo } from "./rest-storage.js";
import type { RegistryStore } from "./store.js";

export class StatusStorage<T extends KubeObject> implements SubresourceStorage<T> {
  constructor(private readonly store: RegistryStore<T>) {}

  get(scope: RequestScope, name: string): Promise<T> {
    return this.store.get(scope, name);
  }

  update(scope: RequestScope, name: string, objInfo: UpdatedObjectInfo<T>): Promise<{ object: T; created: boolean }> {
    return this.store.updateObject(scope, name, objInfo, { target: "status", allowCreate: false });
  }
}
