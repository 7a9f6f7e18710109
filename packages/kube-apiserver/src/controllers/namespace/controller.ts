// The namespace controller (upstream: kube-controller-manager's
// pkg/controller/namespace), run in the API server as a post-start hook.
// It follows namespaces through the loopback client and, for each one being
// deleted, runs the deleter until the namespace is gone:
//
//   content left behind finalizers   checked again after estimate/2 + 1 s (as upstream)
//   any other failure                retried with doubling delays (5 ms .. 5 s)
//
// Every namespace is looked at again on a periodic resync, so nothing stays
// stuck after a missed event.

import type { Logger, RESTClient } from "@tskube/generic-apiserver";
import { Informer, WorkQueue } from "@tskube/generic-apiserver";
import type { Namespace } from "../../apis/core/v1/namespace/schema.js";
import { ContentRemainingError, NamespacedResourcesDeleter } from "./deleter.js";

export interface NamespaceControllerOptions {
  /** Default 5 minutes, as upstream's --namespace-sync-period. */
  resyncMs?: number;
  logger?: Logger;
}

/**
 * Starts the controller: resolves once its informer has listed the
 * namespaces; it then runs until `signal` aborts.
 */
export async function startNamespaceController(
  client: RESTClient,
  signal: AbortSignal,
  options: NamespaceControllerOptions = {},
): Promise<void> {
  const logger = options.logger;
  const deleter = new NamespacedResourcesDeleter(client);
  const queue = new WorkQueue({ name: "namespace", ...(logger ? { logger } : {}) });
  const namespaces = new Informer<Namespace>(client, "/api/v1/namespaces", {
    resyncMs: options.resyncMs ?? 5 * 60_000,
    ...(logger ? { logger } : {}),
  });
  const enqueue = (ns: Namespace) => {
    if (ns.metadata.deletionTimestamp) queue.add(ns.metadata.name ?? "");
  };
  namespaces.addHandlers({ added: enqueue, updated: (_old, ns) => enqueue(ns) });

  void namespaces.run(signal);
  if (!(await namespaces.waitForSync(signal))) return;
  void queue.run(async (name) => {
    try {
      await deleter.delete(name, signal);
    } catch (err) {
      if (!(err instanceof ContentRemainingError)) throw err;
      queue.addAfter(name, (Math.floor(err.estimateSeconds / 2) + 1) * 1000);
    }
  }, signal);
}
