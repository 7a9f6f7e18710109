// The root CA publisher (upstream: kube-controller-manager's
// pkg/controller/certificates/rootcacertpublisher), run in the API server as
// a post-start hook: every namespace has a ConfigMap `kube-root-ca.crt`
// whose `ca.crt` is the CA bundle that verifies this server (pods mount it
// through their kube-api-access volume). One that is deleted or changed is
// put back.

import { isNotFound } from "@tskube/apimachinery";
import { Informer, type RESTClient, WorkQueue, resourcePath } from "@tskube/generic-apiserver";
import { isDeepStrictEqual } from "node:util";
import { NAMESPACE_ACTIVE, type Namespace } from "../apis/core/v1/namespace/schema.js";
import type { ConfigMap } from "../apis/core/v1/configmap/schema.js";
import { isNamespaceTerminatingError } from "../admission/namespace-lifecycle.js";
import type { ControllerOptions } from "./serviceaccounts.js";

export const ROOT_CA_CONFIG_MAP_NAME = "kube-root-ca.crt";
export const DESCRIPTION_ANNOTATION = "kubernetes.io/description";
/** Upstream's description of the ConfigMap (users see it in `kubectl describe`). */
export const ROOT_CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. " +
  "No other usage is guaranteed across distributions of Kubernetes clusters.";

/** Starts the publisher of `rootCA` (PEM); resolves once its informers have listed, then runs until `signal` aborts. */
export async function startRootCACertPublisher(
  client: RESTClient,
  rootCA: string,
  signal: AbortSignal,
  options: ControllerOptions = {},
): Promise<void> {
  const logger = options.logger;
  const queue = new WorkQueue({ name: "root_ca_cert_publisher", ...(logger ? { logger } : {}) });
  const namespaces = new Informer<Namespace>(client, "/api/v1/namespaces", {
    resyncMs: options.resyncMs ?? 5 * 60_000,
    ...(logger ? { logger } : {}),
  });
  const configMaps = new Informer<ConfigMap>(client, "/api/v1/configmaps", {
    query: { fieldSelector: `metadata.name=${ROOT_CA_CONFIG_MAP_NAME}` },
    ...(logger ? { logger } : {}),
  });
  namespaces.addHandlers({
    added: (ns) => queue.add(ns.metadata.name ?? ""),
    updated: (_old, ns) => {
      if (ns.status?.phase === NAMESPACE_ACTIVE) queue.add(ns.metadata.name ?? "");
    },
  });
  const enqueueNamespaceOf = (cm: ConfigMap) => queue.add(cm.metadata.namespace ?? "");
  configMaps.addHandlers({ updated: (_old, cm) => enqueueNamespaceOf(cm), deleted: enqueueNamespaceOf });

  void namespaces.run(signal);
  void configMaps.run(signal);
  if (!(await namespaces.waitForSync(signal)) || !(await configMaps.waitForSync(signal))) return;

  const data = { "ca.crt": rootCA };
  void queue.run(async (namespace) => {
    const path = resourcePath({ version: "v1", resource: "configmaps", namespace });
    const current = configMaps.get(`${namespace}/${ROOT_CA_CONFIG_MAP_NAME}`);
    if (current === undefined) {
      try {
        await client.create<ConfigMap>(path, {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: ROOT_CA_CONFIG_MAP_NAME, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
          data,
        });
      } catch (err) {
        // Do not retry when the namespace is gone or going away.
        if (isNotFound(err) || isNamespaceTerminatingError(err)) return;
        throw err;
      }
      return;
    }
    if (isDeepStrictEqual(current.data ?? {}, data) && current.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
    await client.update<ConfigMap>(`${path}/${ROOT_CA_CONFIG_MAP_NAME}`, {
      ...current,
      metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
      data,
    });
  }, signal);
}
