// What an aggregated ClusterRole's rules are: the rules of the ClusterRoles
// its selectors match, each once, in the order of the roles' names.

import assert from "node:assert/strict";
import { it } from "node:test";
import type { ClusterRole } from "../apis/rbac/v1/clusterrole/schema.js";
import { aggregatedRules } from "./clusterrole-aggregation.js";

const role = (name: string, labels: Record<string, string>, rules: ClusterRole["rules"], selectors?: Record<string, string>[]): ClusterRole => ({
  metadata: { name, labels },
  rules,
  ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors.map((matchLabels) => ({ matchLabels })) } } : {}),
});

it("gathers the matching roles' rules, each once, skipping itself", () => {
  const get = { apiGroups: [""], resources: ["pods"], verbs: ["get"] };
  const list = { apiGroups: [""], resources: ["pods"], verbs: ["list"] };
  const monitor = role("monitor", {}, null, [{ "aggregate-to-monitor": "true" }, { team: "obs" }]);
  const all = [
    monitor,
    role("z-pods", { "aggregate-to-monitor": "true" }, [get, list]),
    role("a-pods", { "aggregate-to-monitor": "true" }, [get]),
    role("obs", { team: "obs" }, [{ nonResourceURLs: ["/metrics"], verbs: ["get"] }, list]),
    role("unrelated", { team: "web" }, [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
  ];
  assert.deepEqual(aggregatedRules(monitor, all), [get, list, { nonResourceURLs: ["/metrics"], verbs: ["get"] }]);
  assert.deepEqual(aggregatedRules(role("empty", {}, null, [{ nobody: "x" }]), all), []);
});
