import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Namespace } from "../../apis/core/v1/namespace/schema.js";
import { NamespaceConditionUpdater } from "./conditions.js";

const terminating = (): Namespace => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: "x" }, status: { phase: "Terminating" } });
const summary = (ns: Namespace) => (ns.status?.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);

describe("namespace deletion conditions", () => {
  it("sets all five, in upstream's order, to their all-is-well values", () => {
    const ns = terminating();
    assert.equal(new NamespaceConditionUpdater().update(ns), true);
    assert.deepEqual(summary(ns), [
      "NamespaceDeletionDiscoveryFailure=False ResourcesDiscovered: All resources successfully discovered",
      "NamespaceDeletionGroupVersionParsingFailure=False ParsedGroupVersions: All legacy kube types successfully parsed",
      "NamespaceDeletionContentFailure=False ContentDeleted: All content successfully deleted, may be waiting on finalization",
      "NamespaceContentRemaining=False ContentRemoved: All content successfully removed",
      "NamespaceFinalizersRemaining=False ContentRemoved: All content successfully removed",
    ]);
    assert.equal(new NamespaceConditionUpdater().update(ns), false, "nothing changes the second time");
  });

  it("reports failures and what remains, sorted, and moves lastTransitionTime only when the status flips", () => {
    const ns = terminating();
    new NamespaceConditionUpdater().update(ns);
    const before = structuredClone(ns.status?.conditions ?? []);
    for (const c of ns.status?.conditions ?? []) c.lastTransitionTime = "2000-01-01T00:00:00Z";

    const u = new NamespaceConditionUpdater();
    u.discoveryFailed("Discovery failed for some groups, 1 failing: x");
    u.contentDeletionFailed(new Error("b failed"));
    u.contentDeletionFailed(new Error("a failed"));
    u.remaining({
      byResource: new Map([["widgets.example.com", 2], ["configmaps.", 1], ["none.", 0]]),
      byFinalizer: new Map([["example.com/hold", 3]]),
    });
    assert.equal(u.update(ns), true);
    assert.deepEqual(summary(ns), [
      "NamespaceDeletionDiscoveryFailure=True DiscoveryFailed: Discovery failed for some groups, 1 failing: x",
      "NamespaceDeletionGroupVersionParsingFailure=False ParsedGroupVersions: All legacy kube types successfully parsed",
      "NamespaceDeletionContentFailure=True ContentDeletionFailed: Failed to delete all resource types, 2 remaining: a failed, b failed",
      "NamespaceContentRemaining=True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances, widgets.example.com has 2 resource instances",
      "NamespaceFinalizersRemaining=True SomeFinalizerRemain: Some finalizers are remaining: example.com/hold in 3 resource instances",
    ]);
    const times = (ns.status?.conditions ?? []).map((c) => c.lastTransitionTime);
    assert.equal(times[1], "2000-01-01T00:00:00Z", "an unchanged condition keeps its time");
    assert.notEqual(times[0], "2000-01-01T00:00:00Z");
    assert.equal(before.length, 5);
  });
});
