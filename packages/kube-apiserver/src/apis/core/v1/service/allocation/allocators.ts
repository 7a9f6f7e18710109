// What a Service write takes from, and gives back to, the cluster IP and
// node port ranges (upstream: pkg/registry/core/service/storage/alloc.go).
//
// - create: fill in the IP family fields from the cluster's ranges, then
//   take the cluster IPs (one per family; the ones asked for, or free ones),
//   the node ports of NodePort and LoadBalancer services, and the health
//   check node port of LoadBalancer services with externalTrafficPolicy Local;
// - update: take what the new state needs and the old one did not have
//   (a type change from ExternalName, a second IP family, new node ports);
//   what the old state had and the new one gives up is released only once
//   the update is stored;
// - delete: release everything the service held.
//
// Each write gets an AllocationTransaction: `commit` once the object is
// stored (releasing what the update gave up), `revert` when the write failed
// (releasing what it took). A dry run takes nothing: it checks that the
// values asked for are in range and free, and shows values that are free now.
//
// Errors are upstream's: a value asked for that is taken or out of range is
// a 422 on its field (`spec.clusterIPs`, `spec.ports[0].nodePort`); a full
// range is a 500.

import { type FieldError, type GroupKind, FieldPath, invalid, newInternalError, newInvalid } from "@tskube/apimachinery";
import type { Logger } from "@tskube/generic-apiserver";
import { CLUSTER_IP_NONE, type Service, type ServiceSpec } from "../schema.js";
import { validateClusterIPsRelatedFields } from "../validation.js";
import type { IPAllocator } from "./ip-allocator.js";
import { type IPFamily, familyOfIP } from "./ip-address.js";
import type { PortAllocator } from "./port-allocator.js";
import { AllocationError } from "./range-allocation.js";

const SERVICE_KIND: GroupKind = { group: "", kind: "Service" };

export interface AllocationTransaction {
  /** The write was stored: release what it gave up. */
  commit(): Promise<void>;
  /** The write failed: release what it took. */
  revert(): Promise<void>;
}

/** The steps to undo or finish one write; a dry run records none. */
class Transaction implements AllocationTransaction {
  private readonly undo: (() => Promise<void>)[] = [];
  private readonly onCommit: (() => Promise<void>)[] = [];

  constructor(
    readonly dryRun: boolean,
    private readonly logger: Logger | undefined,
  ) {}

  /** `release` gives back something this write took, should it fail. */
  took(release: () => Promise<void>): void {
    if (!this.dryRun) this.undo.push(release);
  }

  /** `release` gives back something the old state held, once the write is stored. */
  releaseOnCommit(release: () => Promise<void>): void {
    if (!this.dryRun) this.onCommit.push(release);
  }

  commit(): Promise<void> {
    this.undo.length = 0;
    return this.runAll(this.onCommit.splice(0), "releasing what a service update gave up");
  }

  revert(): Promise<void> {
    this.onCommit.length = 0;
    return this.runAll(this.undo.splice(0), "releasing what a failed service write took");
  }

  /** Runs every step; a failure is logged, not thrown: the repair finds what is left (see repair.ts). */
  private async runAll(steps: (() => Promise<void>)[], what: string): Promise<void> {
    for (const step of steps) {
      try {
        await step();
      } catch (err) {
        this.logger?.error(`${what} failed`, err);
      }
    }
  }
}

export interface ServiceAllocatorsOptions {
  /** One per IP family: the primary range (--service-cluster-ip-range[0]) first. */
  clusterIPs: IPAllocator[];
  nodePorts: PortAllocator;
  logger?: Logger;
}

export class ServiceAllocators {
  readonly clusterIPs: readonly IPAllocator[];
  readonly nodePorts: PortAllocator;
  private readonly logger: Logger | undefined;

  constructor(opts: ServiceAllocatorsOptions) {
    if (opts.clusterIPs.length === 0 || opts.clusterIPs.length > 2) throw new Error("service allocation needs one or two cluster IP ranges");
    if (opts.clusterIPs.length === 2 && opts.clusterIPs[0]?.family === opts.clusterIPs[1]?.family) {
      throw new Error("the two cluster IP ranges of a dual-stack cluster must be of different IP families");
    }
    this.clusterIPs = opts.clusterIPs;
    this.nodePorts = opts.nodePorts;
    this.logger = opts.logger;
  }

  /** The family of --service-cluster-ip-range[0]. */
  get defaultFamily(): IPFamily {
    return this.primary.family;
  }

  /** The `kubernetes` Service's cluster IP: the first address of the primary range. */
  get kubernetesServiceIP(): string {
    return this.primary.firstIP;
  }

  private get primary(): IPAllocator {
    const primary = this.clusterIPs[0];
    if (!primary) throw new Error("no cluster IP range");
    return primary;
  }

  allocatorFor(family: string): IPAllocator | undefined {
    return this.clusterIPs.find((a) => a.family === family);
  }

  /** Fills in and takes what a new service needs (upstream: allocateCreate). */
  async allocateCreate(svc: Service, dryRun: boolean): Promise<AllocationTransaction> {
    const txn = new Transaction(dryRun, this.logger);
    try {
      this.initIPFamilyFields(svc, undefined);
      await this.allocClusterIPs(svc, txn);
      const op = new NodePortOperation(this.nodePorts, txn);
      if (needsNodePorts(svc)) await this.initNodePorts(svc, op);
      if (needsHealthCheck(svc)) await this.allocHealthCheckNodePort(svc, op);
      return txn;
    } catch (err) {
      await txn.revert();
      throw err;
    }
  }

  /** Takes what the new state needs; what it gives up is released on commit (upstream: allocateUpdate). */
  async allocateUpdate(svc: Service, old: Service, dryRun: boolean): Promise<AllocationTransaction> {
    const txn = new Transaction(dryRun, this.logger);
    try {
      this.initIPFamilyFields(svc, old);
      await this.updateClusterIPs(svc, old, txn);
      await this.updateNodePorts(svc, old, txn);
      return txn;
    } catch (err) {
      await txn.revert();
      throw err;
    }
  }

  /** Gives back everything a deleted service held. Failures are logged; the repair finds what is left. */
  async releaseAll(svc: Service): Promise<void> {
    const steps: (() => Promise<void>)[] = [];
    const spec = svc.spec ?? {};
    if (spec.type !== "ExternalName" && !isHeadless(spec)) {
      for (const ip of spec.clusterIPs ?? []) {
        const allocator = this.allocatorFor(familyOfIP(ip) ?? "");
        if (allocator) steps.push(() => allocator.release(ip));
      }
    }
    for (const port of collectNodePorts(svc)) steps.push(() => this.nodePorts.release(port));
    if (needsHealthCheck(svc) && spec.healthCheckNodePort) {
      const port = spec.healthCheckNodePort;
      steps.push(() => this.nodePorts.release(port));
    }
    for (const step of steps) {
      try {
        await step();
      } catch (err) {
        this.logger?.error(`releasing what service ${svc.metadata.namespace}/${svc.metadata.name} held failed`, err);
      }
    }
  }

  // ---- IP families --------------------------------------------------------

  /**
   * The IP family fields from what the client set and what the cluster
   * offers (upstream: initIPFamilyFields): ipFamilyPolicy defaults to
   * SingleStack (on update: the old policy; headless without a selector:
   * RequireDualStack); ipFamilies follow the cluster IPs asked for, else the
   * primary family, plus the other family when the policy asks for two and
   * the cluster has two. Throws 422 for what the cluster cannot give.
   */
  private initIPFamilyFields(svc: Service, old: Service | undefined): void {
    const spec: ServiceSpec = (svc.spec ??= {});
    if (spec.type === "ExternalName") return;
    if (old && isMatchingPreferDualStack(svc, old)) return;
    const selectorless = Object.keys(spec.selector ?? {}).length === 0;
    if (spec.ipFamilyPolicy === undefined) {
      if (old?.spec?.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
      else if (spec.clusterIP === CLUSTER_IP_NONE && selectorless) spec.ipFamilyPolicy = "RequireDualStack";
      else spec.ipFamilyPolicy = "SingleStack";
    }
    const name = svc.metadata.name ?? "";
    const loose = validateClusterIPsRelatedFields(svc);
    if (loose.length > 0) throw newInvalid(SERVICE_KIND, name, loose);

    const errs: FieldError[] = [];
    const policy = spec.ipFamilyPolicy;
    const policyPath = FieldPath.root("spec", "ipFamilyPolicy");
    if (old) {
      const oldSpec = old.spec ?? {};
      if (policy === "SingleStack") {
        // Clear intent while the lists are as stored: keep only the primary.
        if (sameList(oldSpec.clusterIPs, spec.clusterIPs) && (spec.clusterIPs ?? []).length > 1) spec.clusterIPs = spec.clusterIPs?.slice(0, 1);
        if (sameList(oldSpec.ipFamilies, spec.ipFamilies) && (spec.ipFamilies ?? []).length > 1) spec.ipFamilies = spec.ipFamilies?.slice(0, 1);
      } else {
        if (reduced(spec.clusterIPs, oldSpec.clusterIPs)) errs.push(invalid(policyPath, policy, "must be 'SingleStack' to release the secondary cluster IP"));
        if (reduced(spec.ipFamilies, oldSpec.ipFamilies)) errs.push(invalid(policyPath, policy, "must be 'SingleStack' to release the secondary IP family"));
      }
    }
    if (policy === "SingleStack") {
      if ((spec.clusterIPs ?? []).length === 2) {
        errs.push(invalid(policyPath, policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
      }
      if ((spec.ipFamilies ?? []).length === 2) {
        errs.push(invalid(policyPath, policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
      }
    }
    // Families of the cluster IPs asked for, where ipFamilies does not say.
    const families = [...(spec.ipFamilies ?? [])];
    const ips = spec.clusterIPs ?? [];
    for (const [i, ip] of ips.entries()) {
      if (ip === CLUSTER_IP_NONE) break;
      if (i < families.length) continue;
      const family = familyOfIP(ip) ?? "unknown";
      if (this.allocatorFor(family)) families.push(family);
      else errs.push(invalid(FieldPath.root("spec", "clusterIPs").index(i), ips, `${family} is not configured on this cluster`));
    }
    if (errs.length > 0) throw newInvalid(SERVICE_KIND, name, errs);
    spec.ipFamilies = families;

    // Headless without a selector may name families the cluster does not have.
    if (spec.clusterIP === CLUSTER_IP_NONE && selectorless) {
      if (families.length === 0) families.push(this.defaultFamily);
      if (families.length < 2 && policy !== "SingleStack") families.push(otherFamily(families[0]));
      return;
    }
    if (policy === "RequireDualStack" && this.clusterIPs.length < 2) {
      errs.push(invalid(policyPath, policy, "this cluster is not configured for dual-stack services"));
    }
    families.forEach((family, i) => {
      if (!this.allocatorFor(family)) errs.push(invalid(FieldPath.root("spec", "ipFamilies").index(i), family, "not configured on this cluster"));
    });
    if (errs.length > 0) throw newInvalid(SERVICE_KIND, name, errs);
    if (families.length === 0) families.push(this.defaultFamily);
    if (policy !== "SingleStack" && families.length === 1 && this.clusterIPs.length === 2) families.push(otherFamily(families[0]));
  }

  // ---- cluster IPs --------------------------------------------------------

  /** One cluster IP per family in ipFamilies: the one asked for, or a free one (upstream: allocClusterIPs). */
  private async allocClusterIPs(svc: Service, txn: Transaction, onlyIndex?: number): Promise<void> {
    const spec: ServiceSpec = (svc.spec ??= {});
    if (spec.type === "ExternalName" || isHeadless(spec)) return;
    const ips = [...(spec.clusterIPs ?? [])];
    const families = spec.ipFamilies ?? [];
    while (ips.length < families.length) ips.push(""); // "" marks an IP to pick
    for (const [i, family] of families.entries()) {
      if (onlyIndex !== undefined && i !== onlyIndex) continue;
      const allocator = this.allocatorFor(family);
      if (!allocator) throw newInternalError(`no cluster IP range of family ${family}`);
      const requested = ips[i] ?? "";
      if (requested === "") {
        ips[i] = await this.nextIP(allocator, txn);
      } else {
        await this.requestedIP(allocator, requested, ips, svc, txn);
      }
    }
    spec.clusterIPs = ips;
    if (ips[0]) spec.clusterIP = ips[0];
  }

  private async nextIP(allocator: IPAllocator, txn: Transaction): Promise<string> {
    try {
      if (txn.dryRun) return await allocator.pickFree();
      const ip = await allocator.allocateNext();
      txn.took(() => allocator.release(ip));
      return ip;
    } catch (err) {
      throw newInternalError(`failed to allocate a serviceIP: ${messageOf(err)}`);
    }
  }

  private async requestedIP(allocator: IPAllocator, ip: string, ips: string[], svc: Service, txn: Transaction): Promise<void> {
    try {
      if (txn.dryRun) await allocator.checkFree(ip);
      else {
        await allocator.allocate(ip);
        txn.took(() => allocator.release(ip));
      }
    } catch (err) {
      if (!isValueError(err)) throw newInternalError(`failed to allocate IP ${ip}: ${messageOf(err)}`);
      throw newInvalid(SERVICE_KIND, svc.metadata.name ?? "", [
        invalid(FieldPath.root("spec", "clusterIPs"), ips, `failed to allocate IP ${ip}: ${err.message}`),
      ]);
    }
  }

  /**
   * The cluster IP changes of an update (upstream: updateClusterIPs): from
   * ExternalName, all new ones; to ExternalName, the old ones are released;
   * a second family added or dropped takes or releases the second IP.
   */
  private async updateClusterIPs(svc: Service, old: Service, txn: Transaction): Promise<void> {
    if (isMatchingPreferDualStack(svc, old)) return;
    const spec = svc.spec ?? {};
    const oldSpec = old.spec ?? {};
    const oldIPs = oldSpec.clusterIPs ?? [];
    // A service stored without cluster IPs (before this server allocated them) gets them like one from ExternalName.
    if (oldSpec.type === "ExternalName" || (oldIPs.length === 0 && spec.type !== "ExternalName")) {
      await this.allocClusterIPs(svc, txn);
      return;
    }
    if (isHeadless(oldSpec)) return;
    if (spec.type === "ExternalName") {
      this.releaseIPsOnCommit(oldIPs, txn);
      return;
    }
    const oldFamilies = oldSpec.ipFamilies ?? [];
    const families = spec.ipFamilies ?? [];
    if (oldFamilies.length === 1 && families.length === 2) await this.allocClusterIPs(svc, txn, 1);
    else if (oldFamilies.length === 2 && families.length === 1) this.releaseIPsOnCommit(oldIPs.slice(1), txn);
  }

  private releaseIPsOnCommit(ips: readonly string[], txn: Transaction): void {
    for (const ip of ips) {
      const allocator = this.allocatorFor(familyOfIP(ip) ?? "");
      if (allocator) txn.releaseOnCommit(() => allocator.release(ip));
    }
  }

  // ---- node ports ---------------------------------------------------------

  /**
   * Node ports of a new service (upstream: initNodePorts): ports with the
   * same port number (TCP and UDP of one port) share one node port; a port
   * that asks for one gets it, the others get free ones (LoadBalancer
   * services with allocateLoadBalancerNodePorts false only those that ask).
   */
  private async initNodePorts(svc: Service, op: NodePortOperation): Promise<void> {
    const ports = svc.spec?.ports ?? [];
    const byServicePort = new Map<number, number>();
    for (const [i, port] of ports.entries()) {
      if (!port.nodePort && !shouldAllocateNodePorts(svc)) continue;
      const path = FieldPath.root("spec", "ports").index(i).child("nodePort");
      const shared = byServicePort.get(port.port);
      if (shared === undefined) {
        const requested = ports.find((p) => p.port === port.port && p.nodePort)?.nodePort;
        const nodePort = requested ? await op.allocate(requested, path, svc) : await op.allocateNext();
        port.nodePort = nodePort;
        byServicePort.set(port.port, nodePort);
      } else if (port.nodePort !== shared) {
        if (!port.nodePort) port.nodePort = shared;
        else await op.allocate(port.nodePort, path, svc);
      }
    }
  }

  /** The node port changes of an update (upstream: txnUpdateNodePorts). */
  private async updateNodePorts(svc: Service, old: Service, txn: Transaction): Promise<void> {
    const op = new NodePortOperation(this.nodePorts, txn);
    const type = svc.spec?.type;
    if (needsNodePorts(old) && (type === "ExternalName" || type === "ClusterIP")) {
      for (const port of collectNodePorts(old)) op.releaseOnCommit(port);
    }
    if (needsNodePorts(svc)) {
      const oldPorts = collectNodePorts(old);
      const allocated = new Set<number>();
      const seen = new Set<string>();
      for (const [i, port] of (svc.spec?.ports ?? []).entries()) {
        if (!port.nodePort && !shouldAllocateNodePorts(svc)) continue;
        if (port.nodePort) {
          if (!oldPorts.includes(port.nodePort) && !allocated.has(port.nodePort)) {
            await op.allocate(port.nodePort, FieldPath.root("spec", "ports").index(i).child("nodePort"), svc);
            allocated.add(port.nodePort);
          }
        } else {
          port.nodePort = await op.allocateNext();
        }
        const key = `${port.protocol ?? ""}/${port.nodePort}`;
        if (seen.has(key)) throw newInternalError(`duplicate nodePort: ${JSON.stringify({ protocol: port.protocol, nodePort: port.nodePort })}`);
        seen.add(key);
      }
      const newPorts = collectNodePorts(svc);
      for (const port of oldPorts) if (!newPorts.includes(port)) op.releaseOnCommit(port);
    }
    if (!needsHealthCheck(old) && needsHealthCheck(svc)) await this.allocHealthCheckNodePort(svc, op);
    else if (needsHealthCheck(old) && !needsHealthCheck(svc) && old.spec?.healthCheckNodePort) op.releaseOnCommit(old.spec.healthCheckNodePort);
  }

  /** The health check node port: the one asked for, or a free one; any failure is a 500, as upstream. */
  private async allocHealthCheckNodePort(svc: Service, op: NodePortOperation): Promise<void> {
    const spec: ServiceSpec = (svc.spec ??= {});
    const requested = spec.healthCheckNodePort ?? 0;
    try {
      if (requested !== 0) await op.take(requested);
      else spec.healthCheckNodePort = await op.next();
    } catch (err) {
      if (requested !== 0) throw newInternalError(`failed to allocate requested HealthCheck NodePort ${requested}: ${messageOf(err)}`);
      throw newInternalError(`failed to allocate a HealthCheck NodePort 0: ${messageOf(err)}`);
    }
  }
}

/**
 * The node ports one write takes and gives up (upstream: portallocator's
 * PortAllocationOperation). In a dry run the ports it would take count as
 * taken for the rest of the operation, so two ports never get the same one.
 */
class NodePortOperation {
  private readonly taken = new Set<number>();

  constructor(
    private readonly allocator: PortAllocator,
    private readonly txn: Transaction,
  ) {}

  /** Takes `port` for the field at `path`: 422 on that field when it is taken or out of range. */
  async allocate(port: number, path: FieldPath, svc: Service): Promise<number> {
    try {
      await this.take(port);
      return port;
    } catch (err) {
      if (!isValueError(err)) throw newInternalError(messageOf(err));
      throw newInvalid(SERVICE_KIND, svc.metadata.name ?? "", [invalid(path, port, err.message)]);
    }
  }

  /** A free port: 500 when none is left. */
  async allocateNext(): Promise<number> {
    try {
      return await this.next();
    } catch (err) {
      throw newInternalError(`failed to allocate a nodePort: ${messageOf(err)}`);
    }
  }

  /** Takes `port`, throwing the allocator's error. */
  async take(port: number): Promise<void> {
    if (this.txn.dryRun) await this.allocator.checkFree(port, this.taken);
    else {
      await this.allocator.allocate(port);
      this.txn.took(() => this.allocator.release(port));
    }
    this.taken.add(port);
  }

  /** Takes a free port, throwing the allocator's error. */
  async next(): Promise<number> {
    let port: number;
    if (this.txn.dryRun) port = await this.allocator.pickFree(this.taken);
    else {
      const allocated = await this.allocator.allocateNext();
      this.txn.took(() => this.allocator.release(allocated));
      port = allocated;
    }
    this.taken.add(port);
    return port;
  }

  releaseOnCommit(port: number): void {
    this.txn.releaseOnCommit(() => this.allocator.release(port));
  }
}

// ---- what a service needs -------------------------------------------------

export const isHeadless = (spec: ServiceSpec): boolean => (spec.clusterIPs ?? [])[0] === CLUSTER_IP_NONE || spec.clusterIP === CLUSTER_IP_NONE;

export function needsNodePorts(svc: Service): boolean {
  return svc.spec?.type === "NodePort" || svc.spec?.type === "LoadBalancer";
}

/** LoadBalancer services with externalTrafficPolicy Local get a health check node port (upstream: NeedsHealthCheck). */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec?.type === "LoadBalancer" && svc.spec.externalTrafficPolicy === "Local";
}

function shouldAllocateNodePorts(svc: Service): boolean {
  if (svc.spec?.type === "NodePort") return true;
  return svc.spec?.type === "LoadBalancer" && svc.spec.allocateLoadBalancerNodePorts !== false;
}

/** The node ports of a service's ports (each once). */
export function collectNodePorts(svc: Service): number[] {
  return [...new Set((svc.spec?.ports ?? []).flatMap((p) => (p.nodePort ? [p.nodePort] : [])))];
}

/**
 * An update of a PreferDualStack service that changes none of its IP
 * fields: nothing to do, even if the cluster gained or lost a family since
 * (upstream: isMatchingPreferDualStackClusterIPFields).
 */
function isMatchingPreferDualStack(svc: Service, old: Service): boolean {
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.ipFamilyPolicy === undefined || spec.type !== oldSpec.type) return false;
  if (spec.type !== "ClusterIP" && spec.type !== "NodePort" && spec.type !== "LoadBalancer") return false;
  if (spec.ipFamilyPolicy !== "PreferDualStack" || (oldSpec.ipFamilyPolicy ?? "PreferDualStack") !== "PreferDualStack") return false;
  return sameList(spec.clusterIPs, oldSpec.clusterIPs) && sameList(spec.ipFamilies, oldSpec.ipFamilies);
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The new list is set and shorter than the old one. */
function reduced(list: readonly string[] | undefined, old: readonly string[] | undefined): boolean {
  return (list ?? []).length > 0 && (list ?? []).length < (old ?? []).length;
}

function otherFamily(family: string | undefined): IPFamily {
  return family === "IPv4" ? "IPv6" : "IPv4";
}

/** A value the client asked for that is taken or out of range: the client's mistake. */
function isValueError(err: unknown): err is AllocationError {
  return err instanceof AllocationError && (err.reason === "Allocated" || err.reason === "NotInRange");
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
