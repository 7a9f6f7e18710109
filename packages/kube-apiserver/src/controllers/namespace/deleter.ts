// Emptying a terminating namespace (upstream:
// pkg/controller/namespace/deletion/namespaced_resources_deleter.go), one
// pass at a time, through the loopback client:
//
//   1. the namespace is read again; gone, or not being deleted: done
//   2. its status.phase becomes Terminating if it is not yet
//   3. already finalized (no spec.finalizers left): done
//   4. every namespaced resource discovery lists is emptied: deletecollection
//      where offered, else list and delete one by one (Background propagation)
//   5. what is left is counted; the conditions say what happened
//   6. nothing left: the `kubernetes` finalizer is removed through /finalize,
//      and the server removes the namespace once no finalizer is left
//
// Objects that remain only because they have finalizers of their own are not
// an error: the pass asks to be run again a little later (ContentRemaining).
// Anything else that remains, or fails, is an error, and the pass is retried.

import { type DeleteOptions, type KubeObject, isConflict, isNotFound, isStatusError } from "@tskube/apimachinery";
import { type RESTClient, resourcePath } from "@tskube/generic-apiserver";
import { FINALIZER_KUBERNETES, NAMESPACE_TERMINATING, type Namespace } from "../../apis/core/v1/namespace/schema.js";
import { NamespaceConditionUpdater, type RemainingContent } from "./conditions.js";
import { type NamespacedResource, discoverDeletableNamespacedResources, discoveryFailedMessage } from "./discovery.js";

/** How long to wait for objects with finalizers (upstream: finalizerEstimateSeconds). */
export const FINALIZER_ESTIMATE_SECONDS = 15;

/** Content is left that others must remove first: try again after `estimateSeconds`. */
export class ContentRemainingError extends Error {
  constructor(readonly estimateSeconds: number) {
    super(`some content remains in the namespace; checking again in ${estimateSeconds}s`);
  }
}

const BACKGROUND: DeleteOptions = { propagationPolicy: "Background" };

function namespacePath(name: string, subresource?: string): string {
  return resourcePath({ version: "v1", resource: "namespaces", name, ...(subresource ? { subresource } : {}) });
}

/** `/v1, Resource=configmaps`: how upstream prints a group-version-resource in its errors. */
function gvrString(r: NamespacedResource): string {
  return `${r.group}/${r.version}, Resource=${r.resource}`;
}

function isMethodNotSupported(err: unknown): boolean {
  return isStatusError(err) && err.code === 405;
}

interface ResourceOutcome {
  estimateSeconds: number;
  remaining: number;
  remainingByFinalizer: Map<string, number>;
}

export class NamespacedResourcesDeleter {
  constructor(
    private readonly client: RESTClient,
    /** The finalizer this controller owns. */
    private readonly finalizerToken = FINALIZER_KUBERNETES,
  ) {}

  /** One pass over namespace `name`; throws ContentRemainingError to be run again later, or any error to be retried. */
  async delete(name: string, signal?: AbortSignal): Promise<void> {
    let ns: Namespace;
    try {
      ns = await this.client.get<Namespace>(namespacePath(name));
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!ns.metadata.deletionTimestamp) return;

    try {
      ns = await this.retryOnConflict(ns, (current) => this.markTerminating(current));
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!ns.metadata.deletionTimestamp) return;
    if ((ns.spec?.finalizers ?? []).length === 0) return;

    const estimate = await this.deleteAllContent(ns, signal);
    if (estimate > 0) throw new ContentRemainingError(estimate);

    try {
      await this.retryOnConflict(ns, (current) => this.finalize(current));
    } catch (err) {
      // Another controller with the same token may have finished first.
      if (!isNotFound(err)) throw err;
    }
  }

  /** Runs `change` on the namespace, reading it again after each conflict; a namespace recreated meanwhile is an error. */
  private async retryOnConflict(ns: Namespace, change: (ns: Namespace) => Promise<Namespace>): Promise<Namespace> {
    let latest = ns;
    for (;;) {
      try {
        return await change(latest);
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
      const previous = latest;
      latest = await this.client.get<Namespace>(namespacePath(ns.metadata.name ?? ""));
      if (latest.metadata.uid !== previous.metadata.uid) throw new Error("namespace uid has changed across retries");
    }
  }

  private async markTerminating(ns: Namespace): Promise<Namespace> {
    if (!ns.metadata.deletionTimestamp || ns.status?.phase === NAMESPACE_TERMINATING) return ns;
    const next: Namespace = { ...ns, status: { ...ns.status, phase: NAMESPACE_TERMINATING } };
    return this.client.update<Namespace>(namespacePath(ns.metadata.name ?? "", "status"), next);
  }

  /** Removes this controller's finalizer from spec.finalizers (the rest sorted, as upstream). */
  private async finalize(ns: Namespace): Promise<Namespace> {
    const rest = [...new Set((ns.spec?.finalizers ?? []).filter((f) => f !== this.finalizerToken))].sort();
    const next: Namespace = { ...ns, spec: { ...ns.spec, finalizers: rest } };
    return this.client.update<Namespace>(namespacePath(ns.metadata.name ?? "", "finalize"), next);
  }

  /** Empties the namespace; returns how many seconds to wait for what finalizers still hold (0: nothing left). */
  private async deleteAllContent(ns: Namespace, signal?: AbortSignal): Promise<number> {
    const namespace = ns.metadata.name ?? "";
    const conditions = new NamespaceConditionUpdater();
    const errors: unknown[] = [];
    let resources: NamespacedResource[] = [];
    try {
      const discovered = await discoverDeletableNamespacedResources(this.client, signal);
      resources = discovered.resources;
      if (discovered.failures.length > 0) {
        // Not fatal: what was discovered is still emptied.
        const message = discoveryFailedMessage(discovered.failures);
        conditions.discoveryFailed(`Discovery failed for some groups, ${discovered.failures.length} failing: ${message}`);
        errors.push(new Error(message));
      }
    } catch (err) {
      conditions.discoveryFailed(err instanceof Error ? err.message : String(err));
      errors.push(err);
    }

    let estimate = 0;
    const remaining: RemainingContent = { byResource: new Map(), byFinalizer: new Map() };
    for (const resource of resources) {
      try {
        const outcome = await this.deleteAllOf(resource, namespace);
        estimate = Math.max(estimate, outcome.estimateSeconds);
        if (outcome.remaining > 0) this.count(remaining, resource, outcome);
      } catch (err) {
        errors.push(err);
        conditions.contentDeletionFailed(err);
        if (err instanceof ItemsRemainError) this.count(remaining, resource, err.outcome);
      }
    }
    conditions.remaining(remaining);

    // Always written: a condition that failed before may be fine now.
    if (conditions.update(ns)) {
      try {
        await this.client.update<Namespace>(namespacePath(namespace, "status"), ns);
      } catch {
        // Only informative; the next pass writes them again.
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, errors.map((e) => (e instanceof Error ? e.message : String(e))).join(", "));
    return estimate;
  }

  private count(remaining: RemainingContent, resource: NamespacedResource, outcome: ResourceOutcome): void {
    const key = `${resource.resource}.${resource.group}`;
    remaining.byResource.set(key, (remaining.byResource.get(key) ?? 0) + outcome.remaining);
    for (const [f, n] of outcome.remainingByFinalizer) remaining.byFinalizer.set(f, (remaining.byFinalizer.get(f) ?? 0) + n);
  }

  /** Deletes every object of one resource in the namespace, then counts what is left. */
  private async deleteAllOf(resource: NamespacedResource, namespace: string): Promise<ResourceOutcome> {
    const path = resourcePath({ group: resource.group, version: resource.version, resource: resource.resource, namespace });
    let collectionDeleted = false;
    if (resource.verbs.has("deletecollection")) {
      try {
        await this.client.delete(path, BACKGROUND);
        collectionDeleted = true;
      } catch (err) {
        if (!isMethodNotSupported(err) && !isNotFound(err)) throw err;
      }
    }
    if (!collectionDeleted) await this.deleteEach(resource, path);

    const none: ResourceOutcome = { estimateSeconds: 0, remaining: 0, remainingByFinalizer: new Map() };
    if (!resource.verbs.has("list")) return none;
    const left = (await this.client.list<KubeObject>(path)).items;
    if (left.length === 0) return none;
    const byFinalizer = new Map<string, number>();
    for (const item of left) for (const f of item.metadata.finalizers ?? []) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
    const outcome = { estimateSeconds: 0, remaining: left.length, remainingByFinalizer: byFinalizer };
    // Objects waiting for their own finalizers are expected; wait for them.
    if (left.some((item) => (item.metadata.finalizers ?? []).length > 0)) return { ...outcome, estimateSeconds: FINALIZER_ESTIMATE_SECONDS };
    throw new ItemsRemainError(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(resource)}`, outcome);
  }

  private async deleteEach(resource: NamespacedResource, path: string): Promise<void> {
    if (!resource.verbs.has("list")) return;
    const list = await this.client.list<KubeObject>(path);
    for (const item of list.items) {
      try {
        await this.client.delete(`${path}/${encodeURIComponent(item.metadata.name ?? "")}`, BACKGROUND);
      } catch (err) {
        if (!isNotFound(err) && !isMethodNotSupported(err)) throw err;
      }
    }
  }
}

/** Objects without finalizers survived their deletion. */
class ItemsRemainError extends Error {
  constructor(
    message: string,
    readonly outcome: ResourceOutcome,
  ) {
    super(message);
  }
}
