// The order of groups and versions in the aggregator's discovery (upstream:
// the aggregator's apisHandler and its discovery manager): groups by the
// highest groupPriorityMinimum of their APIServices, higher first, then by
// name; apiregistration.k8s.io always first. Versions by versionPriority,
// higher first, then in Kubernetes version order (v1 before v1beta1). A
// group/version without an APIService (not yet registered) takes its
// built-in priority, or the one custom resources get.

import { compareKubeAwareVersions } from "@tskube/apimachinery";
import type { DiscoveryGroup, GroupOrder } from "@tskube/generic-apiserver";
import type { APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import { APIREGISTRATION_GROUP_PRIORITY, type APIServicePriority, CUSTOM_RESOURCE_PRIORITY, builtInPriority } from "../controllers/autoregister/priorities.js";

export const APIREGISTRATION_GROUP = "apiregistration.k8s.io";

/** An order over `apiServices()` (read at each call, so the current priorities are used). */
export function priorityOrder(apiServices: () => Iterable<APIService>): GroupOrder {
  return (groups) => {
    const priorities = new Map<string, APIServicePriority>();
    for (const a of apiServices()) {
      priorities.set(`${a.spec?.group ?? ""}/${a.spec?.version ?? ""}`, {
        group: a.spec?.groupPriorityMinimum ?? 0,
        version: a.spec?.versionPriority ?? 0,
      });
    }
    const priorityOf = (group: string, version: string): APIServicePriority =>
      priorities.get(`${group}/${version}`) ?? builtInPriority(group, version) ?? CUSTOM_RESOURCE_PRIORITY;

    const sorted: DiscoveryGroup[] = groups.map((g) => ({
      name: g.name,
      versions: [...g.versions].sort(
        (a, b) => priorityOf(g.name, b.version).version - priorityOf(g.name, a.version).version || compareKubeAwareVersions(a.version, b.version),
      ),
    }));
    const groupPriority = (g: DiscoveryGroup) =>
      g.name === APIREGISTRATION_GROUP ? APIREGISTRATION_GROUP_PRIORITY : Math.max(...g.versions.map((v) => priorityOf(g.name, v.version).group));
    const rank = new Map(sorted.map((g) => [g.name, groupPriority(g)]));
    return sorted.sort((a, b) => rank.get(b.name)! - rank.get(a.name)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };
}
