// The services storage with allocation: the generic registry store of
// Services, wrapped so that every write takes and gives back cluster IPs
// and node ports (upstream: pkg/registry/core/service/storage, whose REST
// wraps the generic Store and hooks BeginCreate, BeginUpdate and
// AfterDelete).
//
// Why a wrapper: the generic registry has no hook that runs before its
// prepare and validate steps and hears whether the write was stored, which
// allocation needs (take values first, so validation sees them; give them
// back if the write fails). So this RESTStorage sits in front of the
// registry store and does that around its calls:
//
// - create: normalise clusterIP/clusterIPs, allocate (allocators.ts), then
//   the store's create; a failed create (invalid, already exists, storage
//   error) releases what was taken;
// - update (PUT, every PATCH type, server-side apply): inside the store's
//   read-modify-write, once the new object is known, keep what the server
//   assigned before where the client left it out, then allocate the
//   difference. When the store retries after a conflicting write, the
//   previous try's allocation is released first. A stored update releases
//   what the old state gave up; a failed one releases what it took. A PUT
//   that creates the service allocates as a create does;
// - delete: once the service is gone (not just marked while finalizers are
//   pending; an update that removes the last finalizer counts too), its
//   values are released. A dry run never releases anything.
//
// Reads and the status subresource go straight to the registry store.

import { DRY_RUN_ALL, type DeleteOptions, isNotFound } from "@tskube/apimachinery";
import type {
  ListParams,
  ObjectList,
  RESTStorage,
  RequestScope,
  ResourceDefinition,
  ResourceStorage,
  UpdatedObjectInfo,
} from "@tskube/generic-apiserver";
import type { Watch } from "@tskube/storage";
import { mirrorClusterIP, normalizeClusterIPsOnUpdate } from "../defaults.js";
import type { Service } from "../schema.js";
import { type AllocationTransaction, type ServiceAllocators, collectNodePorts, needsHealthCheck, needsNodePorts } from "./allocators.js";

/** The services storage of `registry` (the generic registry store of Services), allocating from `allocators`. */
export function withServiceAllocation(registry: ResourceStorage<Service>, allocators: ServiceAllocators): ResourceStorage<Service> {
  return { ...registry, main: new ServiceStorage(registry.main, allocators) };
}

export class ServiceStorage implements RESTStorage<Service> {
  readonly definition: ResourceDefinition<Service>;

  constructor(
    private readonly registry: RESTStorage<Service>,
    private readonly allocators: ServiceAllocators,
  ) {
    this.definition = registry.definition;
  }

  get(scope: RequestScope, name: string, opts?: { resourceVersion?: string }): Promise<Service> {
    return this.registry.get(scope, name, opts);
  }

  list(scope: RequestScope, params: ListParams): Promise<ObjectList<Service>> {
    return this.registry.list(scope, params);
  }

  watch(scope: RequestScope, params: ListParams): Promise<Watch<Service>> {
    return this.registry.watch(scope, params);
  }

  async create(scope: RequestScope, obj: Service): Promise<Service> {
    const svc = structuredClone(obj);
    mirrorClusterIP(svc);
    const txn = await this.allocators.allocateCreate(svc, scope.dryRun);
    try {
      const created = await this.registry.create(scope, svc);
      await txn.commit();
      return created;
    } catch (err) {
      await txn.revert();
      throw err;
    }
  }

  async update(
    scope: RequestScope,
    name: string,
    objInfo: UpdatedObjectInfo<Service>,
    opts?: { forceAllowCreate?: boolean },
  ): Promise<{ object: Service; created: boolean }> {
    // The allocation of the latest try of the store's read-modify-write.
    let txn: AllocationTransaction | undefined;
    const allocating: UpdatedObjectInfo<Service> = {
      updatedObject: async (current) => {
        await txn?.revert();
        txn = undefined;
        const svc = structuredClone(await objInfo.updatedObject(current));
        if (current === null) {
          mirrorClusterIP(svc);
          txn = await this.allocators.allocateCreate(svc, scope.dryRun);
          return svc;
        }
        // A stale resourceVersion: the store answers 409 Conflict; nothing to allocate for it.
        const sent = svc.metadata?.resourceVersion;
        if (sent && sent !== current.metadata.resourceVersion) return svc;
        keepAllocatedValues(svc, current);
        normalizeClusterIPsOnUpdate(svc, current);
        txn = await this.allocators.allocateUpdate(svc, current, scope.dryRun);
        return svc;
      },
    };
    if (objInfo.preconditions) allocating.preconditions = () => objInfo.preconditions?.();
    let result: { object: Service; created: boolean };
    try {
      result = await this.registry.update(scope, name, allocating, opts);
    } catch (err) {
      await txn?.revert();
      throw err;
    }
    await txn?.commit();
    // The update removed the last finalizer of a service being deleted: the store deleted it.
    const meta = result.object.metadata;
    if (meta.deletionTimestamp && (meta.finalizers ?? []).length === 0 && !scope.dryRun) await this.allocators.releaseAll(result.object);
    return result;
  }

  async delete(scope: RequestScope, name: string, opts: DeleteOptions): Promise<{ object: Service; deleted: boolean }> {
    const result = await this.registry.delete(scope, name, opts);
    const dryRun = scope.dryRun || (opts.dryRun ?? []).includes(DRY_RUN_ALL);
    if (result.deleted && !dryRun) await this.allocators.releaseAll(result.object);
    return result;
  }

  /**
   * Deletes each listed service through `delete`, so each one's values are
   * released. (Services serve no deletecollection verb, as upstream; this
   * is for callers inside the server.)
   */
  async deleteCollection(scope: RequestScope, opts: DeleteOptions, params: ListParams): Promise<ObjectList<Service>> {
    const list = await this.registry.list(scope, params);
    for (const svc of list.items) {
      await this.delete({ ...scope, namespace: svc.metadata.namespace ?? "" }, svc.metadata.name ?? "", opts).catch((err: unknown) => {
        if (!isNotFound(err)) throw err; // deleted meanwhile
      });
    }
    return list;
  }
}

/**
 * Copies what the server assigned from the stored object where the new one
 * leaves it out, as `kubectl apply` and `kubectl replace` do (upstream:
 * patchAllocatedValues): cluster IPs and IP families while both types use
 * them; node ports (matched by port and protocol) while both types use
 * them, unless another port of the new object already uses that node port;
 * and the health check node port.
 */
export function keepAllocatedValues(svc: Service, old: Service): void {
  const spec = svc.spec;
  const oldSpec = old.spec;
  if (spec === undefined || oldSpec === undefined) return;
  if (spec.type !== "ExternalName" && oldSpec.type !== "ExternalName") {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && (oldSpec.clusterIPs ?? []).length > 0) spec.clusterIPs = [...(oldSpec.clusterIPs ?? [])];
    if (spec.ipFamilies === undefined && oldSpec.ipFamilies !== undefined) spec.ipFamilies = [...oldSpec.ipFamilies];
    if (spec.ipFamilyPolicy === undefined && oldSpec.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
  }
  if (needsNodePorts(svc) && needsNodePorts(old)) {
    const inNew = new Set(collectNodePorts(svc));
    const used = new Set(collectNodePorts(old).filter((p) => inNew.has(p)));
    for (const port of spec.ports ?? []) {
      if (port.nodePort) continue;
      const match = (oldSpec.ports ?? []).find((p) => p.port === port.port && (p.protocol ?? "TCP") === (port.protocol ?? "TCP"));
      if (match?.nodePort && !used.has(match.nodePort)) port.nodePort = match.nodePort;
    }
  }
  if (needsHealthCheck(svc) && needsHealthCheck(old) && !spec.healthCheckNodePort && oldSpec.healthCheckNodePort) {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}
