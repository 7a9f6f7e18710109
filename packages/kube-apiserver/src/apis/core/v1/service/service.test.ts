import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FieldPath } from "@tskube/apimachinery";
import { type ResourceStorage, applyStrategicMergePatch } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { openTestServices } from "./allocation/test-support.js";
import { serviceDefinition } from "./definition.js";
import type { Service } from "./schema.js";
import { serviceColumns } from "./table.js";
import { validateNonSpecialIP } from "./validation.js";

const svc = (name: string, spec: Record<string, unknown>, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "default" },
  spec,
  ...more,
});
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
const cells = (s: Service) => Object.fromEntries(serviceColumns.filter((c) => c.name !== "Age").map((c) => [c.name, c.cell(s)]));

describe("core/v1 Service", () => {
  let registry: TestCoreRegistry;
  let services: ResourceStorage<Service>;
  before(async () => {
    registry = openTestRegistry();
    services = (await openTestServices(registry, { clusterIPRanges: ["10.96.0.0/16"] })).services;
  });
  after(() => registry.close());

  it("defaults a minimal ClusterIP service as upstream shows it", async () => {
    const created = await services.main.create(
      scope("default"),
      decode(serviceDefinition, svc("web", { clusterIP: "10.96.0.10", selector: { app: "web" }, ports: [{ port: 80 }] })),
    );
    assert.deepEqual(created.spec, {
      clusterIP: "10.96.0.10",
      clusterIPs: ["10.96.0.10"],
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      selector: { app: "web" },
      sessionAffinity: "None",
      type: "ClusterIP",
    });
    assert.deepEqual(created.status, { loadBalancer: {} });
    assert.equal(created.metadata.generation, undefined);
  });

  it("defaults NodePort, LoadBalancer and ClientIP services", () => {
    const lb = decode(serviceDefinition, svc("lb", { type: "LoadBalancer", ports: [{ port: 443, targetPort: "https" }] }));
    assert.equal(lb.spec?.externalTrafficPolicy, "Cluster");
    assert.equal(lb.spec?.allocateLoadBalancerNodePorts, true);
    assert.equal(lb.spec?.ports?.[0]?.targetPort, "https");
    const np = decode(serviceDefinition, svc("np", { type: "NodePort", sessionAffinity: "ClientIP", ports: [{ port: 53, protocol: "UDP" }] }));
    assert.equal(np.spec?.externalTrafficPolicy, "Cluster");
    assert.deepEqual(np.spec?.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
    const en = decode(serviceDefinition, svc("en", { type: "ExternalName", externalName: "example.com" }));
    assert.equal(en.spec?.internalTrafficPolicy, undefined);
  });

  it("treats clusterIP None as headless", async () => {
    const created = await services.main.create(scope("default"), decode(serviceDefinition, svc("headless", { clusterIP: "None", selector: { app: "db" } })));
    assert.equal(created.spec?.clusterIP, "None");
    assert.deepEqual(created.spec?.clusterIPs, ["None"]);
    assert.deepEqual(created.spec?.ipFamilies, ["IPv4"]);
    assert.equal(created.spec?.ipFamilyPolicy, "SingleStack");
    // Without a selector: both families, as upstream.
    const bare = await services.main.create(scope("default"), decode(serviceDefinition, svc("bare", { clusterIP: "None" })));
    assert.deepEqual([bare.spec?.ipFamilyPolicy, bare.spec?.ipFamilies], ["RequireDualStack", ["IPv4", "IPv6"]]);
  });

  it("validates ports, enums, selector and the external name with field paths", async () => {
    const status = await rejects(
      services.main.create(
        scope("default"),
        decode(
          serviceDefinition,
          svc("bad", {
            type: "Magic",
            selector: { "bad key!": "x" },
            ports: [
              { name: "http", port: 0, protocol: "ICMP" },
              { port: 70000, targetPort: "Not_A_Name" },
              { name: "http", port: 81, nodePort: 30001 },
            ],
          }),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
      'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      // targetPort defaulted to the (invalid) port
      "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
      "spec.ports[1].name: Required value",
      "spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.ports[1].targetPort: Invalid value: "Not_A_Name": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[2].name: Duplicate value: "http"',
      causes(status)[7] ?? "",
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    assert.ok(causes(status).some((c) => c.startsWith('spec.selector: Invalid value: "bad key!"')));
    const dup = await rejects(
      services.main.create(
        scope("default"),
        decode(serviceDefinition, svc("dup", { type: "NodePort", ports: [{ name: "a", port: 80, nodePort: 30001 }, { name: "b", port: 80, nodePort: 30001 }] })),
      ),
      422,
    );
    assert.deepEqual(causes(dup), ["spec.ports[1].nodePort: Duplicate value: 30001", 'spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}']);
    const en = await rejects(services.main.create(scope("default"), decode(serviceDefinition, svc("en", { type: "ExternalName" }))), 422);
    assert.deepEqual(causes(en), ["spec.externalName: Required value"]);
    const ports = await rejects(services.main.create(scope("default"), decode(serviceDefinition, svc("noports", {}))), 422);
    assert.deepEqual(causes(ports), ["spec.ports: Required value"]);
    const cip = await rejects(
      services.main.create(scope("default"), decode(serviceDefinition, svc("cip", { clusterIP: "10.0.0.300", ports: [{ port: 1 }], }))),
      422,
    );
    assert.deepEqual(causes(cip), ['spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
    const np = await rejects(
      services.main.create(scope("default"), decode(serviceDefinition, svc("np", { ports: [{ port: 80, nodePort: 30080 }] }))),
      422,
    );
    assert.deepEqual(causes(np), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
  });

  it("allows externalTrafficPolicy only on externally accessible services", async () => {
    const withIPs = decode(serviceDefinition, svc("ext", { externalIPs: ["192.0.2.1"], ports: [{ port: 80 }] }));
    assert.equal(withIPs.spec?.externalTrafficPolicy, "Cluster");
    const status = await rejects(
      services.main.create(scope("default"), decode(serviceDefinition, svc("etp", { externalTrafficPolicy: "Local", ports: [{ port: 80 }] }))),
      422,
    );
    assert.deepEqual(causes(status), ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']);
    const en = await rejects(
      services.main.create(
        scope("default"),
        decode(serviceDefinition, svc("en2", { type: "ExternalName", externalName: "db.example.com.", clusterIP: "10.0.0.1" })),
      ),
      422,
    );
    assert.deepEqual(causes(en), ["spec.clusterIPs: Forbidden: may not be set for ExternalName services"]);
    const lb = await rejects(
      services.main.create(scope("default"), decode(serviceDefinition, svc("lbnone", { type: "LoadBalancer", clusterIP: "None", ports: [{ port: 80 }] }))),
      422,
    );
    assert.deepEqual(causes(lb), ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"]);
  });

  it("rejects special IPs as external IPs", () => {
    const check = (ip: string) => validateNonSpecialIP(ip, FieldPath.root("ip")).map((e) => e.detail);
    assert.deepEqual(check("192.0.2.1"), []);
    assert.deepEqual(check("2001:db8::1"), []);
    assert.deepEqual(check("::1"), ["may not be in the loopback range (127.0.0.0/8, ::1/128)"]);
    assert.deepEqual(check("::"), ["may not be unspecified (::)"]);
    assert.deepEqual(check("ff02::1"), ["may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"]);
    assert.deepEqual(check("224.0.0.5"), ["may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"]);
    assert.deepEqual(check("169.254.1.1"), ["may not be in the link-local range (169.254.0.0/16, fe80::/10)"]);
    assert.deepEqual(check("x"), ["must be a valid IP address"]);
  });

  it("rejects a name that is not a DNS-1035 label", async () => {
    await rejects(services.main.create(scope("default"), decode(serviceDefinition, svc("1abc", { ports: [{ port: 80 }] }))), 422);
  });

  it("keeps the cluster IPs immutable, and keeps them when an update leaves them out", async () => {
    await services.main.create(scope("default"), decode(serviceDefinition, svc("fixed", { clusterIP: "10.96.0.20", ports: [{ port: 80 }] })));
    const status = await rejects(
      services.main.update(scope("default"), "fixed", put(serviceDefinition, svc("fixed", { clusterIP: "10.96.0.21", ports: [{ port: 80 }] }))),
      422,
    );
    // As upstream v1.32 (older releases said `spec.clusterIP: ... field is immutable`); upstream prints the list as a Go slice.
    assert.deepEqual(causes(status), ['spec.clusterIPs[0]: Invalid value: ["10.96.0.21"]: may not change once set']);
    const kept = await services.main.update(scope("default"), "fixed", put(serviceDefinition, svc("fixed", { ports: [{ port: 8080 }] })));
    assert.equal(kept.object.spec?.clusterIP, "10.96.0.20");
    assert.deepEqual(kept.object.spec?.clusterIPs, ["10.96.0.20"]);
    // An older client sends clusterIP alone.
    const older = await services.main.update(
      scope("default"),
      "fixed",
      put(serviceDefinition, svc("fixed", { clusterIP: "10.96.0.20", ports: [{ port: 8080 }] })),
    );
    assert.deepEqual(older.object.spec?.clusterIPs, ["10.96.0.20"]);
    assert.deepEqual([older.object.spec?.ipFamilyPolicy, older.object.spec?.ipFamilies], ["SingleStack", ["IPv4"]]);
  });

  it("changes status only through the status subresource, with valid ingress IPs", async () => {
    await services.main.create(scope("default"), decode(serviceDefinition, svc("lbs", { type: "LoadBalancer", ports: [{ port: 80, nodePort: 30080 }] })));
    const withStatus = (ip: string) => svc("lbs", { type: "LoadBalancer", ports: [{ port: 80, nodePort: 30080 }] }, { status: { loadBalancer: { ingress: [{ ip }] } } });
    const main = await services.main.update(scope("default"), "lbs", put(serviceDefinition, withStatus("192.0.2.7")));
    assert.deepEqual(main.object.status, { loadBalancer: {} });
    const status = services.status;
    assert.ok(status);
    const updated = await status.update(scope("default"), "lbs", put(serviceDefinition, withStatus("192.0.2.7")));
    assert.deepEqual(updated.object.status?.loadBalancer?.ingress, [{ ip: "192.0.2.7", ipMode: "VIP" }]);
    const bad = await rejects(status.update(scope("default"), "lbs", put(serviceDefinition, withStatus("nope"))), 422);
    assert.deepEqual(causes(bad), ['status.loadBalancer.ingress[0].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
    const host = await rejects(
      status.update(scope("default"), "lbs", put(serviceDefinition, svc("lbs", { type: "LoadBalancer" }, { status: { loadBalancer: { ingress: [{ hostname: "10.1.2.3" }] } } }))),
      422,
    );
    assert.deepEqual(causes(host), ['status.loadBalancer.ingress[0].hostname: Invalid value: "10.1.2.3": must be a DNS name, not an IP address']);
  });

  it("clears what the old type used when the type changes", async () => {
    await services.main.create(
      scope("default"),
      decode(serviceDefinition, svc("morph", { type: "LoadBalancer", clusterIP: "10.96.0.30", ports: [{ port: 80, nodePort: 30070 }] })),
    );
    // What `kubectl apply` of `type: ClusterIP` sends after reading the object: node port and policies still there.
    const current = await services.main.get(scope("default"), "morph");
    const next = structuredClone(current);
    next.spec = { ...next.spec, type: "ClusterIP" };
    const updated = await services.main.update(scope("default"), "morph", put(serviceDefinition, next));
    const spec = updated.object.spec;
    assert.equal(spec?.ports?.[0]?.nodePort, undefined);
    assert.equal(spec?.externalTrafficPolicy, undefined);
    assert.equal(spec?.allocateLoadBalancerNodePorts, undefined);
    assert.equal(spec?.clusterIP, "10.96.0.30");
    // And back: node ports given by the client are kept; a NodePort service keeps its node port when a PUT leaves it out.
    await services.main.create(scope("default"), decode(serviceDefinition, svc("np2", { type: "NodePort", ports: [{ port: 80, nodePort: 30071 }] })));
    const np = await services.main.update(scope("default"), "np2", put(serviceDefinition, svc("np2", { type: "LoadBalancer", ports: [{ port: 80 }] })));
    assert.equal(np.object.spec?.ports?.[0]?.nodePort, 30071);
  });

  it("prints the columns as upstream's printer does", () => {
    const base = { metadata: { name: "x" } };
    assert.deepEqual(
      cells({ ...base, spec: { type: "ClusterIP", clusterIP: "10.0.0.1", ports: [{ port: 80, protocol: "TCP" }], selector: { b: "2", a: "1" } } }),
      { Type: "ClusterIP", "Cluster-IP": "10.0.0.1", "External-IP": "<none>", "Port(s)": "80/TCP", Selector: "a=1,b=2" },
    );
    assert.deepEqual(
      cells({
        ...base,
        spec: { type: "LoadBalancer", ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }, { port: 53, protocol: "UDP" }] },
      }),
      { Type: "LoadBalancer", "Cluster-IP": "<none>", "External-IP": "<pending>", "Port(s)": "80:30080/TCP,53/UDP", Selector: "<none>" },
    );
    const withLB: Service = {
      ...base,
      spec: { type: "LoadBalancer", externalIPs: ["1.2.3.4"] },
      status: { loadBalancer: { ingress: [{ ip: "5.6.7.8" }] } },
    };
    assert.equal(cells(withLB)["External-IP"], "1.2.3.4,5.6.7.8");
    assert.equal(cells({ ...base, spec: { type: "ExternalName", externalName: "example.com" } })["External-IP"], "example.com");
    assert.equal(cells({ ...base, spec: {} })["Port(s)"], "<none>");
    const names = serviceColumns.map((c) => `${c.name}${c.priority ? "*" : ""}`);
    assert.deepEqual(names, ["Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*"]);
  });

  it("can be selected by spec.type and spec.clusterIP", () => {
    const s: Service = { metadata: {}, spec: { type: "NodePort", clusterIP: "10.0.0.5" } };
    assert.equal(serviceDefinition.selectableFields?.["spec.type"]?.(s), "NodePort");
    assert.equal(serviceDefinition.selectableFields?.["spec.clusterIP"]?.(s), "10.0.0.5");
  });

  it("merges ports by port number in a strategic merge patch", () => {
    const current = decode(serviceDefinition, svc("p", { ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }], externalIPs: ["1.1.1.1"] }));
    const patched = applyStrategicMergePatch(
      current,
      { spec: { ports: [{ port: 443, targetPort: 8443 }, { port: 8080, name: "alt" }], externalIPs: ["2.2.2.2"] } },
      serviceDefinition.schema,
    ) as { spec: { ports: { port: number; name?: string; targetPort?: unknown }[]; externalIPs: string[] } };
    assert.deepEqual(
      patched.spec.ports.map((p) => [p.port, p.name, p.targetPort]),
      [
        [80, "http", 80],
        [443, "https", 8443],
        [8080, "alt", undefined],
      ],
    );
    assert.deepEqual(patched.spec.externalIPs, ["2.2.2.2"]);
  });

  it("keeps every field through decoding", () => {
    const full = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "full", namespace: "default" },
      spec: {
        ports: [{ name: "http", protocol: "TCP", appProtocol: "http", port: 80, targetPort: "web", nodePort: 30080 }],
        selector: { app: "x" },
        clusterIP: "10.0.0.1",
        clusterIPs: ["10.0.0.1", "fd00::1"],
        type: "LoadBalancer",
        externalIPs: ["1.2.3.4"],
        sessionAffinity: "ClientIP",
        loadBalancerIP: "5.6.7.8",
        loadBalancerSourceRanges: ["10.0.0.0/8"],
        externalName: "",
        externalTrafficPolicy: "Local",
        healthCheckNodePort: 31000,
        publishNotReadyAddresses: true,
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
        ipFamilies: ["IPv4", "IPv6"],
        ipFamilyPolicy: "PreferDualStack",
        allocateLoadBalancerNodePorts: false,
        loadBalancerClass: "example.com/lb",
        internalTrafficPolicy: "Local",
        trafficDistribution: "PreferClose",
      },
      status: {
        loadBalancer: { ingress: [{ ip: "5.6.7.8", hostname: "lb.example.com", ipMode: "VIP", ports: [{ port: 80, protocol: "TCP", error: "Pending" }] }] },
        conditions: [
          { type: "Ready", status: "True", observedGeneration: 1, lastTransitionTime: "2024-01-02T03:04:05Z", reason: "Ok", message: "fine" },
        ],
      },
    };
    assert.deepEqual(decode(serviceDefinition, structuredClone(full)), full);
  });
});
