// The service accounts controller (upstream: kube-controller-manager's
// pkg/controller/serviceaccount/serviceaccounts_controller.go), run in the
// API server as a post-start hook: every active namespace has a `default`
// ServiceAccount, made again if it is deleted. Namespaces being deleted are
// left alone.

import { isAlreadyExists } from "@tskube/apimachinery";
import { Informer, type Logger, type RESTClient, WorkQueue, resourcePath } from "@tskube/generic-apiserver";
import { NAMESPACE_ACTIVE, type Namespace } from "../apis/core/v1/namespace/schema.js";
import type { ServiceAccount } from "../apis/core/v1/serviceaccount/schema.js";
import { isNamespaceTerminatingError } from "../admission/namespace-lifecycle.js";

/** The accounts every namespace gets (upstream's default --service-account list). */
export const DEFAULT_SERVICE_ACCOUNTS: readonly string[] = ["default"];

export interface ControllerOptions {
  /** How often every namespace is looked at again. Default 5 minutes. */
  resyncMs?: number;
  logger?: Logger;
}

/** Starts the controller; resolves once its informers have listed, then runs until `signal` aborts. */
export async function startServiceAccountsController(client: RESTClient, signal: AbortSignal, options: ControllerOptions = {}): Promise<void> {
  const logger = options.logger;
  const queue = new WorkQueue({ name: "serviceaccount", ...(logger ? { logger } : {}) });
  const namespaces = new Informer<Namespace>(client, "/api/v1/namespaces", {
    resyncMs: options.resyncMs ?? 5 * 60_000,
    ...(logger ? { logger } : {}),
  });
  const accounts = new Informer<ServiceAccount>(client, "/api/v1/serviceaccounts", {
    query: { fieldSelector: DEFAULT_SERVICE_ACCOUNTS.map((n) => `metadata.name=${n}`).join(",") },
    ...(logger ? { logger } : {}),
  });
  const enqueue = (ns: Namespace) => queue.add(ns.metadata.name ?? "");
  namespaces.addHandlers({ added: enqueue, updated: (_old, ns) => enqueue(ns) });
  accounts.addHandlers({ deleted: (sa) => queue.add(sa.metadata.namespace ?? "") });

  void namespaces.run(signal);
  void accounts.run(signal);
  if (!(await namespaces.waitForSync(signal)) || !(await accounts.waitForSync(signal))) return;

  void queue.run(async (name) => {
    const ns = namespaces.get(name);
    if (ns === undefined || ns.status?.phase !== NAMESPACE_ACTIVE) return;
    for (const account of DEFAULT_SERVICE_ACCOUNTS) {
      if (accounts.get(`${name}/${account}`)) continue;
      try {
        await client.create<ServiceAccount>(resourcePath({ version: "v1", resource: "serviceaccounts", namespace: name }), {
          apiVersion: "v1",
          kind: "ServiceAccount",
          metadata: { name: account },
        });
      } catch (err) {
        // Already there (our copy was behind), or the namespace is going away: nothing to do.
        if (isAlreadyExists(err) || isNamespaceTerminatingError(err)) continue;
        throw err;
      }
    }
  }, signal);
}
