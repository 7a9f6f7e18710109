// The ClusterRole aggregation controller (upstream: kube-controller-manager's
// pkg/controller/clusterroleaggregation), run in the API server as a
// post-start hook: a ClusterRole with an aggregationRule gets as its rules
// the union of the rules of every other ClusterRole its selectors match
// (each rule once, roles taken by name), written with server-side apply as
// the field manager `clusterrole-aggregation-controller`, or, where the
// server answers 415 to apply, with a PUT, as upstream falls back. Any
// change to any ClusterRole (a new one labelled
// `rbac.authorization.k8s.io/aggregate-to-view: "true"`, say) makes every
// aggregated role be computed again.

import { isConflict, isStatusError, labelSelectorFromMeta, semanticEqual } from "@tskube/apimachinery";
import { Informer, type Logger, type RESTClient, WorkQueue } from "@tskube/generic-apiserver";
import type { ClusterRole } from "../apis/rbac/v1/clusterrole/schema.js";
import type { PolicyRule } from "../apis/rbac/v1/policy-rule/schema.js";

export const AGGREGATION_FIELD_MANAGER = "clusterrole-aggregation-controller";
const CLUSTER_ROLES = "/apis/rbac.authorization.k8s.io/v1/clusterroles";

/** The rules an aggregated role should have, given every ClusterRole there is. */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const byName = [...all].sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    const matches = labelSelectorFromMeta(selector);
    for (const other of byName) {
      if (other.metadata.name === role.metadata.name || !matches.matches(other.metadata.labels ?? {})) continue;
      for (const rule of other.rules ?? []) {
        if (!rules.some((r) => semanticEqual(r, rule))) rules.push(rule);
      }
    }
  }
  return rules;
}

/** Starts the controller; resolves once its informer has listed, then runs until `signal` aborts. */
export async function startClusterRoleAggregationController(client: RESTClient, signal: AbortSignal, options: { logger?: Logger } = {}): Promise<void> {
  const logger = options.logger;
  const queue = new WorkQueue({ name: "clusterrole-aggregation", ...(logger ? { logger } : {}) });
  const roles = new Informer<ClusterRole>(client, CLUSTER_ROLES, logger ? { logger } : {});
  // Whatever changed may be selected by any aggregated role: look at all of them.
  const enqueueAggregated = () => {
    for (const role of roles.list()) if (role.aggregationRule !== undefined) queue.add(role.metadata.name ?? "");
  };
  roles.addHandlers({ added: enqueueAggregated, updated: enqueueAggregated, deleted: enqueueAggregated });
  void roles.run(signal);
  if (!(await roles.waitForSync(signal))) return;
  enqueueAggregated();

  void queue.run(async (name) => {
    const role = roles.get(name);
    if (role?.aggregationRule === undefined) return;
    const rules = aggregatedRules(role, roles.list());
    if (semanticEqual(rules, role.rules ?? [])) return;
    const path = `${CLUSTER_ROLES}/${encodeURIComponent(name)}`;
    const apply = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name }, rules };
    try {
      await client.patch<ClusterRole>(path, apply, "application/apply-patch+yaml", { fieldManager: AGGREGATION_FIELD_MANAGER, force: true });
    } catch (err) {
      // A server without server-side apply answers 415; upstream then replaces the role (a conflict is retried).
      if (!isStatusError(err) || err.status.code !== 415) throw err;
      try {
        // (Objects of a list come without their kind.)
        await client.update<ClusterRole>(path, { ...role, apiVersion: apply.apiVersion, kind: apply.kind, rules }, { fieldManager: AGGREGATION_FIELD_MANAGER });
      } catch (updateErr) {
        // Our copy was behind: the newer version's event queues the role again.
        if (!isConflict(updateErr)) throw updateErr;
      }
    }
  }, signal);
}
