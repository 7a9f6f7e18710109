// The finalizer controller (upstream: controller/finalizer): a CRD being
// deleted keeps the finalizer customresourcecleanup.apiextensions.k8s.io
// until every object of its kind is gone.
//
//   1. Terminating True, InstanceDeletionInProgress ("CustomResource deletion is in progress")
//   2. every object deleted through the storage version's store (objects
//      with finalizers of their own are only marked, and waited for)
//   3. objects left:   Terminating True, InstanceDeletionCheck, looked at again later
//      none left:      Terminating False, InstanceDeletionCompleted ("removed all instances"),
//                      then the finalizer is removed, and with it the CRD
//
// Creates get 405 from step 1 on (the serving code refuses them while the
// CRD is terminating).

import { type KubeObject, isConflict, isNotFound } from "@tskube/apimachinery";
import type { Informer, RESTClient, RESTStorage, RequestScope } from "@tskube/generic-apiserver";
import { CUSTOM_RESOURCE_CLEANUP_FINALIZER, TERMINATING, type ConditionStatus, hasFinalizer, setCondition } from "../apis/apiextensions/v1/helpers.js";
import type { CustomResourceDefinition } from "../apis/apiextensions/v1/schema.js";
import { crdPath, updateCRDStatus } from "./crd-client.js";

/** Thrown when objects remain; the controller looks again after `retryMs`. */
export class InstancesRemainingError extends Error {
  constructor(
    readonly remaining: number,
    readonly retryMs: number,
  ) {
    super(`${remaining} instances remaining`);
  }
}

const ALL_NAMESPACES: RequestScope = { namespace: "", dryRun: false, warnings: [] };

export class FinalizerController {
  constructor(
    private readonly client: RESTClient,
    private readonly crds: Informer<CustomResourceDefinition>,
    /** The store of the CRD's storage version, if its resource is served. */
    private readonly storeOf: (crdName: string) => RESTStorage<KubeObject> | undefined,
    private readonly retryMs = 1_000,
  ) {}

  static needsCleanup(crd: CustomResourceDefinition): boolean {
    return crd.metadata.deletionTimestamp !== undefined && hasFinalizer(crd, CUSTOM_RESOURCE_CLEANUP_FINALIZER);
  }

  async sync(name: string): Promise<void> {
    let crd = this.crds.get(name);
    if (crd === undefined || !FinalizerController.needsCleanup(crd)) return;

    crd = await this.setTerminating(crd, "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress");
    if (crd === undefined) return;

    const store = this.storeOf(name);
    if (store !== undefined) {
      const remaining = await this.deleteInstances(store);
      if (remaining > 0) {
        await this.setTerminating(crd, "True", "InstanceDeletionCheck", `could not confirm zero CustomResources remaining: ${remaining} instances remaining`);
        throw new InstancesRemainingError(remaining, this.retryMs);
      }
    }
    crd = await this.setTerminating(crd, "False", "InstanceDeletionCompleted", "removed all instances");
    if (crd === undefined) return;
    await this.removeFinalizer(crd);
  }

  /** Deletes every object (in every namespace); returns how many are still there. */
  private async deleteInstances(store: RESTStorage<KubeObject>): Promise<number> {
    await store.deleteCollection(ALL_NAMESPACES, {}, {});
    return (await store.list(ALL_NAMESPACES, {})).items.length;
  }

  private async setTerminating(
    crd: CustomResourceDefinition,
    status: ConditionStatus,
    reason: string,
    message: string,
  ): Promise<CustomResourceDefinition | undefined> {
    const current = crd.status?.conditions?.find((c) => c.type === TERMINATING);
    if (current?.status === status && current.reason === reason && current.message === message) return crd;
    const next = structuredClone(crd);
    setCondition(next, { type: TERMINATING, status, reason, message });
    return updateCRDStatus(this.client, next);
  }

  private async removeFinalizer(crd: CustomResourceDefinition): Promise<void> {
    const next = structuredClone(crd);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== CUSTOM_RESOURCE_CLEANUP_FINALIZER);
    try {
      await this.client.update(crdPath(crd.metadata.name ?? ""), next);
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}
