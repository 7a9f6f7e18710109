// Serving custom resources while the server runs (upstream: the crdHandler
// and the discovery controller). Told about every CRD as it changes, this
// keeps, for each API group that CRDs define, one REST handler and one
// discovery entry (hence OpenAPI too) made of the registry stores of the
// versions those CRDs serve:
//
//   names accepted (or established)  the CRD is served: its group's handler is
//                                    rebuilt and mounted at /apis/<group>
//                                    (handlePrefix), discovery updated
//   spec or accepted names changed   served again from the new definition; watches
//                                    opened before end (watch-set.ts), as upstream
//                                    ends them by tearing the old storage down
//   terminating                      still served (creates get 405), so its
//                                    objects can be deleted
//   gone                             dropped; its storage and watch cache are released
//
// A CRD's objects live in one storage (`/<group>/<plural>`, with a watch
// cache) in the storage version; each served version's store converts to it.

import { type KubeObject, compareKubeAwareVersions, semanticEqual } from "@tskube/apimachinery";
import {
  type APIGroupInfo,
  type Handler,
  type GenericAPIServer,
  type Logger,
  type RegistryResourceStorage,
  type ResourceStorage,
  type StorageFactory,
  type WebhookServiceResolver,
  createAPIGroupRouter,
  maybeRequestContext,
} from "@tskube/generic-apiserver";
import { ESTABLISHED, NAMES_ACCEPTED, TERMINATING, isConditionTrue, storageVersionOf } from "../apis/apiextensions/v1/helpers.js";
import type { CustomResourceDefinition } from "../apis/apiextensions/v1/schema.js";
import { converterFor } from "../conversion/converter.js";
import { customResourcePrefix, servedVersion } from "./definition.js";
import { TerminatingStorage } from "./terminating.js";
import { WatchSet } from "./watch-set.js";

/** What a build of a CRD's stores depends on. */
interface BuiltFrom {
  spec: CustomResourceDefinition["spec"];
  acceptedNames: unknown;
  terminating: boolean;
}

/** Whether two builds serve the same definition: spec and accepted names equal as upstream's semantic DeepEqual sees them. */
function sameDefinition(a: BuiltFrom, b: BuiltFrom): boolean {
  return semanticEqual(a.spec, b.spec) && semanticEqual(a.acceptedNames, b.acceptedNames);
}

/** What is served for one CRD. */
interface ServedCRD {
  name: string;
  uid: string;
  group: string;
  prefix: string;
  /** What the stores were built from (spec and accepted names: the definition; whether terminating): a change means building them again. */
  builtFrom: BuiltFrom;
  storageVersion: string;
  /** The store of every version (served or not): the finalizer deletes through the storage version's. */
  stores: Map<string, RegistryResourceStorage<KubeObject>>;
  /** What each served version installs. */
  served: Map<string, ResourceStorage<KubeObject>>;
  /** The warning requests to each deprecated version get. */
  deprecationWarnings: Map<string, string>;
  /** The watches opened through these stores: ended when the CRD is served from another build. */
  watches: WatchSet;
}

export interface CustomResourceServingOptions {
  server: GenericAPIServer;
  storage: StorageFactory;
  /** Where conversion webhooks configured by service are found. */
  serviceResolver?: WebhookServiceResolver;
  logger?: Logger;
}

/** Whether the CRD's resource may be served (upstream: NamesAccepted or Established). */
export function isServable(crd: CustomResourceDefinition): boolean {
  return isConditionTrue(crd, NAMES_ACCEPTED) || isConditionTrue(crd, ESTABLISHED);
}

export class CustomResourceServing {
  private readonly crds = new Map<string, ServedCRD>();
  /** Unmounts each group's handler. */
  private readonly mounted = new Map<string, () => void>();
  private readonly servedListeners: ((crdName: string) => void)[] = [];

  constructor(private readonly opts: CustomResourceServingOptions) {}

  /** `listener` hears of each CRD as soon as it is served (to mark it Established). */
  onServed(listener: (crdName: string) => void): void {
    this.servedListeners.push(listener);
  }

  /** A CRD was added or changed. */
  sync(crd: CustomResourceDefinition): void {
    const name = crd.metadata.name ?? "";
    const existing = this.crds.get(name);
    if (!isServable(crd)) {
      if (existing !== undefined) this.drop(existing, existing.uid !== crd.metadata.uid);
      return;
    }
    if (existing !== undefined && existing.uid !== crd.metadata.uid) this.drop(existing, true);
    const builtFrom: BuiltFrom = {
      spec: structuredClone(crd.spec),
      acceptedNames: structuredClone(crd.status?.acceptedNames),
      terminating: isConditionTrue(crd, TERMINATING),
    };
    const current = existing !== undefined && existing.uid === crd.metadata.uid ? existing : undefined;
    // Open watches go on when only Terminating changed (upstream rebuilds on spec and accepted names only).
    const definitionKept = current !== undefined && sameDefinition(current.builtFrom, builtFrom);
    if (definitionKept && current.builtFrom.terminating === builtFrom.terminating) return;

    let served: ServedCRD;
    try {
      served = this.build(crd, builtFrom, definitionKept ? current.watches : new WatchSet());
    } catch (err) {
      this.opts.logger?.error(`customresourcedefinition ${name} cannot be served`, err);
      return;
    }
    this.crds.set(name, served);
    this.mountGroup(served.group);
    if (existing !== undefined && existing.group !== served.group) this.mountGroup(existing.group);
    // New requests reach the new stores now; watches on the old ones end, so clients watch again.
    if (current !== undefined && !definitionKept) current.watches.stopAll();
    for (const listener of this.servedListeners) listener(name);
  }

  /** A CRD is gone: stop serving it and release its storage. */
  remove(crd: CustomResourceDefinition): void {
    const existing = this.crds.get(crd.metadata.name ?? "");
    if (existing !== undefined) this.drop(existing, true);
  }

  /** Whether the CRD's resource is being served. */
  isServed(crdName: string): boolean {
    return this.crds.has(crdName);
  }

  /** The store of the CRD's storage version (served or not), for deleting every object. */
  storageVersionStore(crdName: string): RegistryResourceStorage<KubeObject> | undefined {
    const served = this.crds.get(crdName);
    return served?.stores.get(served.storageVersion);
  }

  /** Stops serving everything (the server shuts down). */
  stop(): void {
    for (const unmount of this.mounted.values()) unmount();
    this.mounted.clear();
    for (const served of this.crds.values()) this.opts.server.discovery.removeGroup(served.group);
    this.crds.clear();
  }

  private build(crd: CustomResourceDefinition, builtFrom: BuiltFrom, watches: WatchSet): ServedCRD {
    const storageVersion = storageVersionOf(crd);
    if (storageVersion === undefined) throw new Error("no storage version");
    const names = crd.status?.acceptedNames ?? crd.spec.names;
    const prefix = customResourcePrefix(crd);
    const converter = converterFor(crd.spec.conversion, {
      group: crd.spec.group,
      kind: names.kind,
      ...(this.opts.serviceResolver ? { resolver: this.opts.serviceResolver } : {}),
    });
    const terminating = isConditionTrue(crd, TERMINATING);
    const stored = watches.track(this.opts.storage.storageFor<KubeObject>(prefix));
    const stores = new Map<string, RegistryResourceStorage<KubeObject>>();
    const served = new Map<string, ResourceStorage<KubeObject>>();
    for (const version of crd.spec.versions ?? []) {
      const store = servedVersion(crd, version, { terminating, stored, converter, storageVersion });
      stores.set(version.name, store);
      if (version.served) served.set(version.name, terminating ? { ...store, main: new TerminatingStorage(store.main) } : store);
    }
    const deprecationWarnings = new Map<string, string>();
    for (const version of crd.spec.versions ?? []) {
      if (version.served && version.deprecated) deprecationWarnings.set(version.name, deprecationWarning(crd, version.name));
    }
    return {
      name: crd.metadata.name ?? "",
      uid: crd.metadata.uid ?? "",
      group: crd.spec.group,
      prefix,
      builtFrom,
      storageVersion,
      stores,
      served,
      deprecationWarnings,
      watches,
    };
  }

  private drop(served: ServedCRD, release: boolean): void {
    this.crds.delete(served.name);
    this.mountGroup(served.group);
    // Open watches end; a CRD of the same name made later starts afresh.
    if (release) this.opts.storage.release(served.prefix);
    else served.watches.stopAll();
  }

  /** (Re)mounts the REST handler and discovery of a group from the CRDs that serve it now. */
  private mountGroup(group: string): void {
    const { server } = this.opts;
    const byVersion = new Map<string, ResourceStorage<KubeObject>[]>();
    for (const crd of this.crds.values()) {
      if (crd.group !== group) continue;
      for (const [version, storage] of crd.served) {
        const list = byVersion.get(version) ?? [];
        list.push(storage);
        byVersion.set(version, list);
      }
    }
    this.mounted.get(group)?.();
    this.mounted.delete(group);
    if (byVersion.size === 0) {
      server.discovery.removeGroup(group);
      return;
    }
    const info: APIGroupInfo = {
      name: group,
      versions: [...byVersion.keys()].sort(compareKubeAwareVersions).map((version) => ({ version, resources: byVersion.get(version) ?? [] })),
    };
    const router = createAPIGroupRouter(info, { admission: server.admission, ...(this.opts.logger ? { logger: this.opts.logger } : {}) });
    // Requests to a deprecated version are told so (upstream's crdHandler adds the warning to every request).
    const warnings = new Map<string, string>();
    for (const crd of this.crds.values()) {
      if (crd.group !== group) continue;
      const plural = [...crd.stores.values()][0]?.main.definition.resource ?? "";
      for (const [version, warning] of crd.deprecationWarnings) warnings.set(`${version}/${plural}`, warning);
    }
    const handler: Handler = (req, res, next) => {
      const ctx = maybeRequestContext(req);
      const info = ctx?.requestInfo;
      const warning = info?.isResourceRequest ? warnings.get(`${info.apiVersion}/${info.resource}`) : undefined;
      if (warning !== undefined) ctx?.warnings.push(warning);
      return router(req, res, next);
    };
    this.mounted.set(group, server.handlePrefix(`/apis/${group}`, handler));
    server.discovery.addGroup(info);
  }
}

/**
 * `stable.example.com/v1beta1 CronTab is deprecated; use stable.example.com/v1 CronTab`:
 * the version's own deprecationWarning, or upstream's default, which names the
 * most preferred served, not deprecated version at least as preferred as this one.
 */
function deprecationWarning(crd: CustomResourceDefinition, name: string): string {
  const version = crd.spec.versions?.find((v) => v.name === name);
  if (version?.deprecationWarning !== undefined) return version.deprecationWarning;
  const kind = crd.spec.names.kind;
  let message = `${crd.spec.group}/${name} ${kind} is deprecated`;
  const preferred = (crd.spec.versions ?? [])
    .filter((v) => v.served && !v.deprecated && compareKubeAwareVersions(v.name, name) <= 0)
    .sort((a, b) => compareKubeAwareVersions(a.name, b.name))[0];
  if (preferred !== undefined) message += `; use ${crd.spec.group}/${preferred.name} ${kind}`;
  return message;
}
