// Autoregistration (upstream: kube-aggregator's autoregister controller, fed
// by kube-apiserver's list of built-in group/versions and its crdregistration
// controller): every group/version the servers behind the aggregator serve
// gets a local APIService (no service), so `kubectl get apiservices` lists
// them and discovery orders them by their priorities.
//
// The objects this controller manages carry the label
// kube-aggregator.kubernetes.io/automanaged:
//
// - `onstart` for built-in group/versions: made (or corrected) once at
//   start; after that, edits are left alone.
// - `true` for the rest (custom resources' group/versions): kept in line
//   with what is served, and deleted once the group/version is not served any more.
//
// APIServices without the label (made by users) are never touched. An
// `onstart` APIService that is no longer served is deleted only if it was
// not synced since this start (it is left from an earlier run).

import { isAlreadyExists, isNotFound } from "@tskube/apimachinery";
import { type DiscoveryGroup, type Informer, type Logger, type RequestScope, type ResourceStorage, WorkQueue } from "@tskube/generic-apiserver";
import type { APIService } from "../../apis/apiregistration/v1/apiservice/schema.js";
import { CUSTOM_RESOURCE_PRIORITY, builtInPriority } from "./priorities.js";

export const AUTOMANAGED_LABEL = "kube-aggregator.kubernetes.io/automanaged";
export type Automanaged = "onstart" | "true";

const scope: RequestScope = { namespace: "", dryRun: false, warnings: [] };

/** The local APIServices for these group/versions (the delegates' discovery groups, and the aggregator's own). */
export function localAPIServicesFor(groups: readonly DiscoveryGroup[]): Map<string, APIService> {
  const wanted = new Map<string, APIService>();
  for (const group of groups) {
    for (const { version } of group.versions) {
      const builtIn = builtInPriority(group.name, version);
      const priority = builtIn ?? CUSTOM_RESOURCE_PRIORITY;
      const name = `${version}.${group.name}`;
      wanted.set(name, {
        apiVersion: "apiregistration.k8s.io/v1",
        kind: "APIService",
        metadata: { name, labels: { [AUTOMANAGED_LABEL]: builtIn ? "onstart" : "true" } },
        spec: { ...(group.name !== "" ? { group: group.name } : {}), version, groupPriorityMinimum: priority.group, versionPriority: priority.version },
      });
    }
  }
  return wanted;
}

export interface AutoRegistrationOptions {
  apiServices: ResourceStorage<APIService>;
  informer: Informer<APIService>;
  /** The APIServices that should exist, by name. */
  wanted: () => ReadonlyMap<string, APIService>;
  /** Subscribes to changes of `wanted`. */
  onWantedChange: (listener: () => void) => () => void;
  logger?: Logger;
}

export class AutoRegistrationController {
  private readonly queue: WorkQueue;
  /** Names synced since this start (an `onstart` APIService is only made once per start). */
  private readonly synced = new Set<string>();

  constructor(private readonly options: AutoRegistrationOptions) {
    this.queue = new WorkQueue({ name: "autoregister", ...(options.logger ? { logger: options.logger } : {}) });
  }

  async run(signal: AbortSignal): Promise<void> {
    const { informer } = this.options;
    informer.addHandlers({
      added: (a) => this.queue.add(a.metadata.name ?? ""),
      updated: (_, a) => this.queue.add(a.metadata.name ?? ""),
      deleted: (a) => this.queue.add(a.metadata.name ?? ""),
    });
    const unsubscribe = this.options.onWantedChange(() => this.queueAll());
    signal.addEventListener("abort", unsubscribe, { once: true });
    if (!(await informer.waitForSync(signal))) return;
    this.queueAll();
    void this.queue.run((name) => this.sync(name), signal);
  }

  private queueAll(): void {
    for (const name of this.options.wanted().keys()) this.queue.add(name);
    for (const a of this.options.informer.list()) this.queue.add(a.metadata.name ?? "");
  }

  private async sync(name: string): Promise<void> {
    const wanted = this.options.wanted().get(name);
    const current = this.options.informer.get(name);
    const { apiServices } = this.options;
    if (current === undefined) {
      if (wanted === undefined) return;
      try {
        await apiServices.main.create(scope, structuredClone(wanted));
      } catch (err) {
        // Already there: the informer has not seen it yet; it will requeue the name when it does.
        if (!isAlreadyExists(err)) throw err;
      }
      this.synced.add(name);
      return;
    }
    const managed = current.metadata.labels?.[AUTOMANAGED_LABEL] as Automanaged | undefined;
    if (managed !== "onstart" && managed !== "true") return; // not ours
    if (wanted === undefined) {
      if (managed === "true" || !this.synced.has(name)) {
        await ignoreNotFound(apiServices.main.delete(scope, name, { preconditions: { uid: current.metadata.uid ?? "" } }));
      }
      return;
    }
    if (managed === "onstart" && this.synced.has(name)) return;
    if (!sameRegistration(current, wanted)) {
      await ignoreNotFound(
        apiServices.main.update(scope, name, {
          updatedObject: (stored) => ({
            ...(stored ?? current),
            metadata: { ...(stored ?? current).metadata, labels: { ...(stored ?? current).metadata.labels, ...wanted.metadata.labels } },
            spec: structuredClone(wanted.spec),
          }),
        }),
      );
    }
    this.synced.add(name);
  }
}

function sameRegistration(current: APIService, wanted: APIService): boolean {
  const a = current.spec;
  const b = wanted.spec;
  return (
    current.metadata.labels?.[AUTOMANAGED_LABEL] === wanted.metadata.labels?.[AUTOMANAGED_LABEL] &&
    a?.service === undefined &&
    (a?.group ?? "") === (b?.group ?? "") &&
    a?.version === b?.version &&
    a?.groupPriorityMinimum === b?.groupPriorityMinimum &&
    a?.versionPriority === b?.versionPriority &&
    !a?.caBundle &&
    !a?.insecureSkipTLSVerify
  );
}

async function ignoreNotFound(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
