// The services storage with allocation, called as the REST handlers call it:
// what creates, updates and deletes take from and give back to the ranges,
// dry runs, and upstream's errors.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RequestScope, ResourceStorage } from "@tskube/generic-apiserver";
import { type TestCoreRegistry, openTestRegistry, put, rejects, scope } from "../../../../test-support.js";
import { serviceDefinition } from "../definition.js";
import type { Service } from "../schema.js";
import type { ServiceAllocators } from "./allocators.js";
import { openTestServices, testService } from "./test-support.js";

const dryRun: RequestScope = { ...scope("default"), dryRun: true };
const ns = scope("default");

// The IPs these tests ask for by number are in 10.0.0.1-16 and the node ports
// below 30086: the static bands the server picks from only once the rest of
// the range is full, so a random pick never takes one a test asks for.
describe("Services: cluster IP and node port allocation", () => {
  let registry: TestCoreRegistry;
  let services: ResourceStorage<Service>;
  let allocators: ServiceAllocators;
  before(async () => {
    registry = openTestRegistry();
    ({ services, allocators } = await openTestServices(registry));
  });
  after(() => registry.close());

  const ipTaken = async (ip: string) => {
    const ips = allocators.clusterIPs[0];
    assert.ok(ips);
    return (await ips.range.read())?.has(ips.offsetOf(ip) ?? -1) ?? false;
  };
  const portTaken = async (port: number) => (await allocators.nodePorts.range.read())?.has(allocators.nodePorts.offsetOf(port) ?? -1) ?? false;

  it("gives a ClusterIP service a free IP from the range, and takes it back on delete", async () => {
    const created = await services.main.create(ns, testService("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    const ip = created.spec?.clusterIP ?? "";
    assert.match(ip, /^10\.0\.0\.\d+$/);
    const last = Number(ip.split(".")[3]);
    assert.ok(last > 16 && last < 255, `${ip}: not from the static part of the range, not the broadcast address`);
    assert.deepEqual(created.spec?.clusterIPs, [ip]);
    assert.deepEqual([created.spec?.ipFamilyPolicy, created.spec?.ipFamilies], ["SingleStack", ["IPv4"]]);
    assert.equal(await ipTaken(ip), true);

    await services.main.delete(ns, "web", {});
    assert.equal(await ipTaken(ip), false);
    const again = await services.main.create(ns, testService("web-again", { clusterIP: ip, ports: [{ port: 80 }] }));
    assert.equal(again.spec?.clusterIP, ip);
  });

  it("honours a requested IP when free and in range, else 422 with upstream's message", async () => {
    const first = await services.main.create(ns, testService("dns", { clusterIP: "10.0.0.10", ports: [{ port: 53, protocol: "UDP" }] }));
    assert.deepEqual(first.spec?.clusterIPs, ["10.0.0.10"]);
    const taken = await rejects(services.main.create(ns, testService("dns2", { clusterIP: "10.0.0.10", ports: [{ port: 53 }] })), 422);
    assert.equal(
      taken.message,
      'Service "dns2" is invalid: spec.clusterIPs: Invalid value: ["10.0.0.10"]: failed to allocate IP 10.0.0.10: provided IP is already allocated',
    );
    assert.deepEqual(taken.details?.causes?.[0]?.field, "spec.clusterIPs");
    assert.equal(taken.details?.kind, "Service");
    const outside = await rejects(services.main.create(ns, testService("far", { clusterIP: "10.1.0.10", ports: [{ port: 80 }] })), 422);
    assert.equal(
      outside.message,
      'Service "far" is invalid: spec.clusterIPs: Invalid value: ["10.1.0.10"]: failed to allocate IP 10.1.0.10: ' +
        "provided IP is not in the valid range. The range of valid IPs is 10.0.0.0/24",
    );
    for (const ip of ["10.0.0.0", "10.0.0.255"]) {
      const status = await rejects(services.main.create(ns, testService("edge", { clusterIP: ip, ports: [{ port: 80 }] })), 422);
      assert.match(status.message ?? "", /provided IP is not in the valid range/, `${ip}: network and broadcast addresses are never used`);
    }
    const v6 = await rejects(services.main.create(ns, testService("six", { clusterIP: "fd00::1", ports: [{ port: 80 }] })), 422);
    assert.equal(v6.message, 'Service "six" is invalid: spec.clusterIPs[0]: Invalid value: ["fd00::1"]: IPv6 is not configured on this cluster');
    const dual = await rejects(services.main.create(ns, testService("dual", { ipFamilyPolicy: "RequireDualStack", ports: [{ port: 80 }] })), 422);
    assert.equal(dual.message, 'Service "dual" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services');
  });

  it("allocates nothing for headless and ExternalName services", async () => {
    const before = (await allocators.clusterIPs[0]?.range.read())?.free();
    const headless = await services.main.create(ns, testService("db", { clusterIP: "None", selector: { app: "db" }, ports: [{ port: 5432 }] }));
    assert.deepEqual(headless.spec?.clusterIPs, ["None"]);
    const alias = await services.main.create(ns, testService("alias", { type: "ExternalName", externalName: "db.example.com" }));
    assert.equal(alias.spec?.clusterIP, undefined);
    assert.equal((await allocators.clusterIPs[0]?.range.read())?.free(), before);
  });

  it("gives NodePort services node ports from the range, honouring requested ones, with upstream's messages", async () => {
    const np = await services.main.create(
      ns,
      testService("np", {
        type: "NodePort",
        ports: [
          { name: "dns", port: 53, protocol: "UDP" },
          { name: "dns-tcp", port: 53, protocol: "TCP" },
          { name: "web", port: 80, nodePort: 30080 },
        ],
      }),
    );
    const [udp, tcp, web] = np.spec?.ports ?? [];
    assert.ok(udp?.nodePort && udp.nodePort >= 30000 && udp.nodePort <= 32767, String(udp?.nodePort));
    assert.equal(tcp?.nodePort, udp.nodePort, "TCP and UDP of one port share a node port");
    assert.equal(web?.nodePort, 30080);
    assert.equal(await portTaken(30080), true);
    assert.equal(await portTaken(udp.nodePort), true);

    const taken = await rejects(services.main.create(ns, testService("np2", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] })), 422);
    assert.equal(taken.message, 'Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    const outside = await rejects(services.main.create(ns, testService("np3", { type: "NodePort", ports: [{ port: 80, nodePort: 8080 }] })), 422);
    assert.equal(
      outside.message,
      'Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    // The cluster IP the failed creates took is back in the range.
    const ips = (await allocators.clusterIPs[0]?.range.read())?.offsets().length;
    await services.main.delete(ns, "np", {});
    assert.equal(await portTaken(30080), false);
    assert.equal(await portTaken(udp.nodePort), false);
    assert.equal((await allocators.clusterIPs[0]?.range.read())?.offsets().length, (ips ?? 0) - 1);
  });

  it("gives LoadBalancer services node ports and, with externalTrafficPolicy Local, a health check node port", async () => {
    const lb = await services.main.create(ns, testService("lb", { type: "LoadBalancer", externalTrafficPolicy: "Local", ports: [{ port: 443 }] }));
    const hc = lb.spec?.healthCheckNodePort ?? 0;
    const nodePort = lb.spec?.ports?.[0]?.nodePort ?? 0;
    assert.ok(hc >= 30000 && nodePort >= 30000 && hc !== nodePort, `${hc} ${nodePort}`);
    assert.equal(await portTaken(hc), true);
    const clash = await rejects(
      services.main.create(ns, testService("lb2", { type: "LoadBalancer", externalTrafficPolicy: "Local", healthCheckNodePort: hc, ports: [{ port: 443 }] })),
      500,
    );
    assert.equal(clash.message, `Internal error occurred: failed to allocate requested HealthCheck NodePort ${hc}: provided port is already allocated`);
    const noPorts = await services.main.create(ns, testService("lb3", { type: "LoadBalancer", allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }));
    assert.equal(noPorts.spec?.ports?.[0]?.nodePort, undefined);
    // Back to the Cluster policy: the health check node port is given back.
    const current = await services.main.get(ns, "lb");
    const cluster = await services.main.update(ns, "lb", put(serviceDefinition, { ...current, spec: { ...current.spec, externalTrafficPolicy: "Cluster" } }));
    assert.equal(cluster.object.spec?.healthCheckNodePort, undefined);
    assert.equal(await portTaken(hc), false);
    await services.main.delete(ns, "lb", {});
    assert.equal(await portTaken(nodePort), false);
  });

  it("releases what a failed create took: invalid, or a name that exists", async () => {
    const invalid = await rejects(
      services.main.create(ns, testService("broken", { type: "NodePort", clusterIP: "10.0.0.11", ports: [{ port: 80, nodePort: 30020, targetPort: "Bad_Name" }] })),
      422,
    );
    assert.match(invalid.message ?? "", /spec.ports\[0\].targetPort/);
    assert.equal(await ipTaken("10.0.0.11"), false);
    assert.equal(await portTaken(30020), false);

    await services.main.create(ns, testService("dup", { ports: [{ port: 80 }] }));
    const exists = await rejects(services.main.create(ns, testService("dup", { clusterIP: "10.0.0.9", ports: [{ port: 80 }] })), 409);
    assert.equal(exists.reason, "AlreadyExists");
    assert.equal(await ipTaken("10.0.0.9"), false);
  });

  it("keeps nothing for a dry run, but still reports conflicts", async () => {
    const before = (await allocators.clusterIPs[0]?.range.read())?.snapshot();
    const portsBefore = (await allocators.nodePorts.range.read())?.snapshot();
    const dry = await services.main.create(dryRun, testService("dry", { type: "NodePort", ports: [{ name: "a", port: 80 }, { name: "b", port: 81 }] }));
    assert.match(dry.spec?.clusterIP ?? "", /^10\.0\.0\.\d+$/);
    const [a, b] = dry.spec?.ports ?? [];
    assert.ok(a?.nodePort && b?.nodePort && a.nodePort !== b.nodePort, "two ports never get the same node port");
    assert.equal((await allocators.clusterIPs[0]?.range.read())?.snapshot(), before);
    assert.equal((await allocators.nodePorts.range.read())?.snapshot(), portsBefore);
    await rejects(services.main.get(ns, "dry"), 404);

    await services.main.create(ns, testService("real", { clusterIP: "10.0.0.12", type: "NodePort", ports: [{ port: 80, nodePort: 30030 }] }));
    const ipClash = await rejects(services.main.create(dryRun, testService("dry2", { clusterIP: "10.0.0.12", ports: [{ port: 80 }] })), 422);
    assert.match(ipClash.message ?? "", /failed to allocate IP 10.0.0.12: provided IP is already allocated/);
    const portClash = await rejects(services.main.create(dryRun, testService("dry3", { type: "NodePort", ports: [{ port: 80, nodePort: 30030 }] })), 422);
    assert.match(portClash.message ?? "", /provided port is already allocated/);

    // A dry-run delete keeps them too.
    await services.main.delete(dryRun, "real", {});
    await services.main.delete(ns, "real", { dryRun: ["All"] });
    assert.equal(await ipTaken("10.0.0.12"), true);
    assert.equal(await portTaken(30030), true);
    // And a dry-run update that would release them.
    const current = await services.main.get(ns, "real");
    await services.main.update(dryRun, "real", put(serviceDefinition, { ...current, spec: { ...current.spec, type: "ExternalName", externalName: "x.example.com" } }));
    assert.equal(await ipTaken("10.0.0.12"), true);
    assert.equal(await portTaken(30030), true);
  });

  it("takes and gives back on a change of type; the cluster IP cannot change", async () => {
    const created = await services.main.create(ns, testService("morph", { clusterIP: "10.0.0.13", ports: [{ port: 80 }] }));
    const asNodePort = await services.main.update(ns, "morph", put(serviceDefinition, { ...created, spec: { ...created.spec, type: "NodePort" } }));
    const nodePort = asNodePort.object.spec?.ports?.[0]?.nodePort ?? 0;
    assert.equal(await portTaken(nodePort), true);
    assert.equal(asNodePort.object.spec?.clusterIP, "10.0.0.13");

    // A PUT that leaves the allocated values out keeps them (kubectl replace, apply).
    const replaced = await services.main.update(ns, "morph", put(serviceDefinition, testService("morph", { type: "NodePort", ports: [{ port: 80 }] })));
    assert.equal(replaced.object.spec?.ports?.[0]?.nodePort, nodePort);
    assert.equal(replaced.object.spec?.clusterIP, "10.0.0.13");

    const moved = await rejects(
      services.main.update(ns, "morph", put(serviceDefinition, testService("morph", { type: "NodePort", clusterIP: "10.0.0.14", ports: [{ port: 80 }] }))),
      422,
    );
    assert.match(moved.message ?? "", /spec.clusterIPs\[0\]: Invalid value: \["10.0.0.14"\]: may not change once set/);
    assert.equal(await ipTaken("10.0.0.14"), false);

    const back = await services.main.get(ns, "morph");
    const asClusterIP = await services.main.update(ns, "morph", put(serviceDefinition, { ...back, spec: { ...back.spec, type: "ClusterIP" } }));
    assert.equal(asClusterIP.object.spec?.ports?.[0]?.nodePort, undefined);
    assert.equal(await portTaken(nodePort), false);

    const current = await services.main.get(ns, "morph");
    const external = await services.main.update(
      ns,
      "morph",
      put(serviceDefinition, { ...current, spec: { ...current.spec, type: "ExternalName", externalName: "example.com" } }),
    );
    assert.equal(external.object.spec?.clusterIP, undefined);
    assert.equal(await ipTaken("10.0.0.13"), false);

    const alias = await services.main.get(ns, "morph");
    const again = await services.main.update(ns, "morph", put(serviceDefinition, { ...alias, spec: { type: "ClusterIP", ports: [{ port: 80 }] } }));
    const ip = again.object.spec?.clusterIP ?? "";
    assert.match(ip, /^10\.0\.0\.\d+$/);
    assert.equal(await ipTaken(ip), true);
  });

  it("releases the node ports an update took when the update fails", async () => {
    const created = await services.main.create(ns, testService("fail-update", { ports: [{ port: 80 }] }));
    await rejects(
      services.main.update(
        ns,
        "fail-update",
        put(serviceDefinition, { ...created, spec: { ...created.spec, type: "NodePort", ports: [{ port: 80, nodePort: 30050, targetPort: "Bad_Name" }] } }),
      ),
      422,
    );
    assert.equal(await portTaken(30050), false);
    // A stale resourceVersion is a 409, and takes nothing either.
    const stale = await rejects(
      services.main.update(
        ns,
        "fail-update",
        put(serviceDefinition, { ...created, metadata: { ...created.metadata, resourceVersion: "1" }, spec: { ...created.spec, type: "NodePort", ports: [{ port: 80, nodePort: 30051 }] } }),
      ),
      409,
    );
    assert.equal(stale.reason, "Conflict");
    assert.equal(await portTaken(30051), false);
  });

  it("allocates for a PUT that creates the service", async () => {
    const result = await services.main.update(ns, "put-created", put(serviceDefinition, testService("put-created", { type: "NodePort", ports: [{ port: 80 }] })));
    assert.equal(result.created, true);
    assert.match(result.object.spec?.clusterIP ?? "", /^10\.0\.0\./);
    assert.equal(await portTaken(result.object.spec?.ports?.[0]?.nodePort ?? 0), true);
  });

  it("releases on the deletion that removes the last finalizer, not before", async () => {
    await services.main.create(ns, testService("held", { clusterIP: "10.0.0.15", ports: [{ port: 80 }] }, { finalizers: ["example.com/hold"] }));
    const marked = await services.main.delete(ns, "held", {});
    assert.equal(marked.deleted, false);
    assert.equal(await ipTaken("10.0.0.15"), true);
    const current = await services.main.get(ns, "held");
    await services.main.update(ns, "held", put(serviceDefinition, { ...current, metadata: { ...current.metadata, finalizers: [] } }));
    await rejects(services.main.get(ns, "held"), 404);
    assert.equal(await ipTaken("10.0.0.15"), false);
  });
});

describe("Services on a dual-stack cluster", () => {
  let registry: TestCoreRegistry;
  let services: ResourceStorage<Service>;
  let allocators: ServiceAllocators;
  before(async () => {
    registry = openTestRegistry();
    ({ services, allocators } = await openTestServices(registry, { clusterIPRanges: ["10.0.0.0/24", "fd00:10::/112"] }));
  });
  after(() => registry.close());

  it("gives SingleStack services the primary family, PreferDualStack ones both", async () => {
    const single = await services.main.create(ns, testService("single", { ports: [{ port: 80 }] }));
    assert.deepEqual(single.spec?.ipFamilies, ["IPv4"]);
    const both = await services.main.create(ns, testService("both", { ipFamilyPolicy: "PreferDualStack", ports: [{ port: 80 }] }));
    assert.deepEqual(both.spec?.ipFamilies, ["IPv4", "IPv6"]);
    const [v4, v6] = both.spec?.clusterIPs ?? [];
    assert.match(v4 ?? "", /^10\.0\.0\./);
    assert.match(v6 ?? "", /^fd00:10::/);
    const sixFirst = await services.main.create(ns, testService("six", { ipFamilies: ["IPv6"], ports: [{ port: 80 }] }));
    assert.match(sixFirst.spec?.clusterIP ?? "", /^fd00:10::/);
    await services.main.delete(ns, "both", {});
    const secondary = allocators.clusterIPs[1];
    assert.equal((await secondary?.range.read())?.has(secondary?.offsetOf(v6 ?? "") ?? -1), false);
  });

  it("adds the second family's IP on an upgrade, and releases it on a downgrade", async () => {
    const created = await services.main.create(ns, testService("grow", { ports: [{ port: 80 }] }));
    const up = await services.main.update(ns, "grow", put(serviceDefinition, { ...created, spec: { ...created.spec, ipFamilyPolicy: "RequireDualStack", ipFamilies: ["IPv4", "IPv6"] } }));
    const v6 = up.object.spec?.clusterIPs?.[1] ?? "";
    assert.match(v6, /^fd00:10::/);
    const secondary = allocators.clusterIPs[1];
    assert.ok(secondary);
    assert.equal((await secondary.range.read())?.has(secondary.offsetOf(v6) ?? -1), true);
    const current = up.object;
    const down = await services.main.update(
      ns,
      "grow",
      put(serviceDefinition, { ...current, spec: { ...current.spec, ipFamilyPolicy: "SingleStack" } }),
    );
    assert.deepEqual(down.object.spec?.clusterIPs, [created.spec?.clusterIP]);
    assert.equal((await secondary.range.read())?.has(secondary.offsetOf(v6) ?? -1), false);
  });
});
