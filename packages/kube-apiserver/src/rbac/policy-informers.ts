// Keeps a PolicyIndex in step with the server (upstream: the RBAC
// authorizer's shared informers): one informer per RBAC resource, over the
// loopback client, each event applied to the index as it arrives.

import type { KubeObject } from "@tskube/apimachinery";
import { Informer, type InformerHandlers, type Logger, type RESTClient } from "@tskube/generic-apiserver";
import type { ClusterRole } from "../apis/rbac/v1/clusterrole/schema.js";
import type { ClusterRoleBinding } from "../apis/rbac/v1/clusterrolebinding/schema.js";
import type { Role } from "../apis/rbac/v1/role/schema.js";
import type { RoleBinding } from "../apis/rbac/v1/rolebinding/schema.js";
import type { PolicyIndex } from "./policy-index.js";

const RBAC_V1 = "/apis/rbac.authorization.k8s.io/v1";

function informer<T extends KubeObject>(
  client: RESTClient,
  resource: string,
  handlers: InformerHandlers<T>,
  logger: Logger | undefined,
): Informer<T> {
  const inf = new Informer<T>(client, `${RBAC_V1}/${resource}`, logger ? { logger } : {});
  inf.addHandlers(handlers);
  return inf;
}

/**
 * Starts the four informers; resolves true once each has listed (the index
 * then holds the whole policy), false if `signal` aborts first. They run
 * until `signal` aborts.
 */
export async function runPolicyInformers(index: PolicyIndex, client: RESTClient, signal: AbortSignal, logger?: Logger): Promise<boolean> {
  const informers: Pick<Informer<KubeObject>, "run" | "waitForSync">[] = [
    informer<Role>(client, "roles", { added: (r) => index.setRole(r), updated: (_, r) => index.setRole(r), deleted: (r) => index.deleteRole(r) }, logger),
    informer<ClusterRole>(
      client,
      "clusterroles",
      { added: (r) => index.setClusterRole(r), updated: (_, r) => index.setClusterRole(r), deleted: (r) => index.deleteClusterRole(r) },
      logger,
    ),
    informer<RoleBinding>(
      client,
      "rolebindings",
      { added: (b) => index.setRoleBinding(b), updated: (old, b) => index.setRoleBinding(b, old), deleted: (b) => index.deleteRoleBinding(b) },
      logger,
    ),
    informer<ClusterRoleBinding>(
      client,
      "clusterrolebindings",
      {
        added: (b) => index.setClusterRoleBinding(b),
        updated: (old, b) => index.setClusterRoleBinding(b, old),
        deleted: (b) => index.deleteClusterRoleBinding(b),
      },
      logger,
    ),
  ];
  for (const inf of informers) void inf.run(signal);
  const synced = await Promise.all(informers.map((inf) => inf.waitForSync(signal)));
  return synced.every(Boolean);
}
