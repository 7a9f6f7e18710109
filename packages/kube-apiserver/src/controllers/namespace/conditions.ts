// The conditions the namespace controller keeps on a terminating namespace
// (upstream: pkg/controller/namespace/deletion/status_condition_utils.go).
// Each pass of the controller sets all five: True with the reason and
// message of a failure, or False with the "all is well" reason and message.
//
//   NamespaceDeletionDiscoveryFailure            DiscoveryFailed / ResourcesDiscovered
//   NamespaceDeletionGroupVersionParsingFailure  GroupVersionParsingFailed / ParsedGroupVersions
//   NamespaceDeletionContentFailure              ContentDeletionFailed / ContentDeleted
//   NamespaceContentRemaining                    SomeResourcesRemain / ContentRemoved
//   NamespaceFinalizersRemaining                 SomeFinalizerRemain / ContentRemoved

import { now } from "@tskube/apimachinery";
import type { Namespace, NamespaceStatus } from "../../apis/core/v1/namespace/schema.js";

type NamespaceCondition = NonNullable<NamespaceStatus["conditions"]>[number];

export const DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
export const GROUP_VERSION_PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
export const CONTENT_FAILURE = "NamespaceDeletionContentFailure";
export const CONTENT_REMAINING = "NamespaceContentRemaining";
export const FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

/** In the order upstream keeps them. */
const CONDITION_TYPES = [DISCOVERY_FAILURE, GROUP_VERSION_PARSING_FAILURE, CONTENT_FAILURE, CONTENT_REMAINING, FINALIZERS_REMAINING];

const OK: Record<string, { reason: string; message: string }> = {
  [DISCOVERY_FAILURE]: { reason: "ResourcesDiscovered", message: "All resources successfully discovered" },
  [GROUP_VERSION_PARSING_FAILURE]: { reason: "ParsedGroupVersions", message: "All legacy kube types successfully parsed" },
  [CONTENT_FAILURE]: { reason: "ContentDeleted", message: "All content successfully deleted, may be waiting on finalization" },
  [CONTENT_REMAINING]: { reason: "ContentRemoved", message: "All content successfully removed" },
  [FINALIZERS_REMAINING]: { reason: "ContentRemoved", message: "All content successfully removed" },
};

/** What was left after one pass: objects per resource (`configmaps.`, `widgets.example.com`), objects per finalizer. */
export interface RemainingContent {
  byResource: Map<string, number>;
  byFinalizer: Map<string, number>;
}

/** Collects one pass's failures, then writes all five conditions. */
export class NamespaceConditionUpdater {
  private readonly failures = new Map<string, { reason: string; message: string }>();
  private readonly contentErrors: string[] = [];

  discoveryFailed(message: string): void {
    this.failures.set(DISCOVERY_FAILURE, { reason: "DiscoveryFailed", message });
  }

  contentDeletionFailed(err: unknown): void {
    this.contentErrors.push(err instanceof Error ? err.message : String(err));
  }

  remaining(content: RemainingContent): void {
    const resources = [...content.byResource].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`);
    if (resources.length > 0) {
      this.failures.set(CONTENT_REMAINING, { reason: "SomeResourcesRemain", message: `Some resources are remaining: ${resources.sort().join(", ")}` });
    }
    const finalizers = [...content.byFinalizer].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`);
    if (finalizers.length > 0) {
      this.failures.set(FINALIZERS_REMAINING, { reason: "SomeFinalizerRemain", message: `Some finalizers are remaining: ${finalizers.sort().join(", ")}` });
    }
  }

  /** Sets the conditions on `ns` (in place); true when anything changed. */
  update(ns: Namespace): boolean {
    if (this.contentErrors.length > 0 && !this.failures.has(CONTENT_FAILURE)) {
      const messages = [...this.contentErrors].sort();
      this.failures.set(CONTENT_FAILURE, {
        reason: "ContentDeletionFailed",
        message: `Failed to delete all resource types, ${messages.length} remaining: ${messages.join(", ")}`,
      });
    }
    const status = (ns.status ??= {});
    const conditions = (status.conditions ??= []);
    let changed = false;
    for (const type of CONDITION_TYPES) {
      const failure = this.failures.get(type);
      const wanted = { status: failure ? "True" : "False", ...(failure ?? OK[type]!) };
      const old = conditions.find((c) => c.type === type);
      if (old === undefined) {
        conditions.push({ type, ...wanted, lastTransitionTime: now() } satisfies NamespaceCondition);
        changed = true;
      } else if (old.status !== wanted.status || old.reason !== wanted.reason || old.message !== wanted.message) {
        if (old.status !== wanted.status) old.lastTransitionTime = now();
        Object.assign(old, wanted);
        changed = true;
      }
    }
    return changed;
  }
}
