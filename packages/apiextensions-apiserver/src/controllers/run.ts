// The controllers of the apiextensions server and the serving of custom
// resources, all driven by one informer of CRDs over the loopback client
// (upstream: the shared CRD informer the apiextensions server's post-start
// hooks start).

import type { KubeObject } from "@tskube/apimachinery";
import { Informer, type Logger, type RESTClient, type RESTStorage, WorkQueue } from "@tskube/generic-apiserver";
import type { CustomResourceDefinition } from "../apis/apiextensions/v1/schema.js";
import type { CustomResourceServing } from "../customresource/serving.js";
import { CRD_COLLECTION } from "./crd-client.js";
import { APIApprovalController } from "./api-approval.js";
import { EstablishingController } from "./establishing.js";
import { FinalizerController, InstancesRemainingError } from "./finalizer.js";
import { NamingController } from "./naming.js";

export interface APIExtensionsControllers {
  informer: Informer<CustomResourceDefinition>;
  /** Resolves true once the informer has listed every CRD (and served those that are established). */
  synced: Promise<boolean>;
}

export function startAPIExtensionsControllers(
  client: RESTClient,
  serving: CustomResourceServing,
  signal: AbortSignal,
  logger?: Logger,
): APIExtensionsControllers {
  const log = logger ? { logger } : {};
  const informer = new Informer<CustomResourceDefinition>(client, CRD_COLLECTION, { resyncMs: 5 * 60_000, ...log });
  const namingQueue = new WorkQueue({ name: "crd-naming", ...log });
  const establishingQueue = new WorkQueue({ name: "crd-establishing", ...log });
  const finalizerQueue = new WorkQueue({ name: "crd-finalizer", ...log });
  const approvalQueue = new WorkQueue({ name: "crd-api-approval", ...log });

  const naming = new NamingController(client, informer, (name) => namingQueue.add(name));
  const establishing = new EstablishingController(client, informer);
  const approval = new APIApprovalController(client, informer);
  const finalizer = new FinalizerController(client, informer, (name): RESTStorage<KubeObject> | undefined => serving.storageVersionStore(name)?.main);
  serving.onServed((name) => establishingQueue.add(name));

  const changed = (crd: CustomResourceDefinition) => {
    const name = crd.metadata.name ?? "";
    serving.sync(crd);
    namingQueue.add(name);
    approvalQueue.add(name);
    if (FinalizerController.needsCleanup(crd)) finalizerQueue.add(name);
  };
  informer.addHandlers({
    added: changed,
    updated: (_old, crd) => changed(crd),
    deleted: (crd) => {
      serving.remove(crd);
      namingQueue.add(crd.metadata.name ?? "");
    },
  });

  void informer.run(signal);
  const synced = informer.waitForSync(signal);
  void synced.then((ok) => {
    if (!ok) return;
    void namingQueue.run((name) => naming.sync(name), signal);
    void establishingQueue.run((name) => establishing.sync(name), signal);
    void approvalQueue.run((name) => approval.sync(name), signal);
    void finalizerQueue.run(async (name) => {
      try {
        await finalizer.sync(name);
      } catch (err) {
        if (!(err instanceof InstancesRemainingError)) throw err;
        finalizerQueue.addAfter(name, err.retryMs);
      }
    }, signal);
  });
  return { informer, synced };
}
