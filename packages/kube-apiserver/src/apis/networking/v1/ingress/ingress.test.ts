import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { ingressDefinition } from "./definition.js";
import type { Ingress } from "./schema.js";
import { formatAddress, formatHosts, ingressColumns } from "./table.js";


const backend = (name = "web", port: Record<string, unknown> = { number: 80 }) => ({ service: { name, port } });
const ing = (name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): unknown => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name, namespace: "default", ...meta },
  spec,
});
const rule = (host: string | undefined, paths: unknown[]) => ({ ...(host !== undefined ? { host } : {}), http: { paths } });
const path = (p: string | undefined, pathType: string | undefined, b: unknown = backend()) => ({
  ...(p !== undefined ? { path: p } : {}),
  ...(pathType !== undefined ? { pathType } : {}),
  backend: b,
});

describe("networking.k8s.io/v1 Ingress", () => {
  let registry: TestCoreRegistry;
  let ingresses: ResourceStorage<Ingress>;
  before(() => {
    registry = openTestRegistry();
    ingresses = registry.storeFor(ingressDefinition);
  });
  after(() => registry.close());

  it("stores an ingress with an empty load balancer status and generation 1", async () => {
    const body = ing("web", { ingressClassName: "nginx", rules: [rule("example.com", [path("/", "Prefix")])] });
    const created = await ingresses.main.create(scope("default"), decode(ingressDefinition, { ...(body as object), status: { loadBalancer: { ingress: [{ ip: "1.2.3.4" }] } } }));
    assert.deepEqual(created.status, { loadBalancer: {} });
    assert.equal(created.metadata.generation, 1);
    assert.deepEqual(created.spec?.rules?.[0]?.http?.paths[0]?.backend, { service: { name: "web", port: { number: 80 } } });
    // A status write changes only status; a spec change bumps the generation.
    const { object } = await ingresses.status?.update(scope("default"), "web", {
      updatedObject: (cur) => ({ ...(cur as Ingress), status: { loadBalancer: { ingress: [{ ip: "10.0.0.2" }, { hostname: "lb.example.com" }] } } }),
    }) ?? assert.fail("status subresource");
    assert.equal(object.metadata.generation, 1);
    const updated = await ingresses.main.update(scope("default"), "web", put(ingressDefinition, ing("web", { ingressClassName: "other", rules: [rule("example.com", [path("/", "Prefix")])] })));
    assert.equal(updated.object.metadata.generation, 2);
    assert.equal(updated.object.status?.loadBalancer?.ingress?.length, 2);
  });

  it("needs rules or a default backend", async () => {
    const status = await rejects(ingresses.main.create(scope("default"), decode(ingressDefinition, ing("empty", {}))), 422);
    assert.equal(status.details?.kind, "Ingress");
    assert.equal(status.details?.group, "networking.k8s.io");
    assert.deepEqual(causes(status), ["spec: Invalid value: null: either `defaultBackend` or `rules` must be specified"]);
  });

  it("checks hosts, paths and path types as upstream", async () => {
    const spec = {
      rules: [
        rule("10.0.0.1", [path("/", "Prefix")]),
        rule("*.example.com", [path("relative", "Exact"), path("/a//b/..", "Prefix"), path(undefined, "ImplementationSpecific"), path("/x", "Regex")]),
        rule("bad_host", [path("/", undefined)]),
        rule("*.*.example.com", []),
      ],
    };
    const status = await rejects(ingresses.main.create(scope("default"), decode(ingressDefinition, ing("paths", spec))), 422);
    assert.deepEqual(causes(status), [
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      'spec.rules[1].http.paths[0].path: Invalid value: "relative": must be an absolute path',
      `spec.rules[1].http.paths[1].path: Invalid value: "/a//b/..": must not contain '//'`,
      `spec.rules[1].http.paths[1].path: Invalid value: "/a//b/..": cannot end with '/..'`,
      'spec.rules[1].http.paths[3].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      `spec.rules[2].host: Invalid value: "bad_host": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      "spec.rules[2].http.paths[0].pathType: Required value: pathType must be specified",
      `spec.rules[3].host: Invalid value: "*.*.example.com": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      "spec.rules[3].http.paths: Required value",
    ]);
  });

  it("takes a service or a resource backend, never both", async () => {
    const resource = { apiGroup: "storage.example.com", kind: "Bucket", name: "static" };
    const spec = {
      defaultBackend: { ...backend(), resource },
      rules: [
        rule("a.example.com", [
          path("/", "Prefix", { resource: { kind: "", name: "x/y" } }),
          path("/b", "Prefix", {}),
          path("/c", "Prefix", backend("Web", { name: "http", number: 80 })),
          path("/d", "Prefix", backend("web", {})),
          path("/e", "Prefix", backend("web", { number: 70000 })),
          path("/f", "Prefix", backend("", { name: "HTTP" })),
        ]),
      ],
    };
    const status = await rejects(ingresses.main.create(scope("default"), decode(ingressDefinition, ing("backends", spec))), 422);
    assert.deepEqual(causes(status), [
      'spec.defaultBackend: Invalid value: "": cannot set both resource and service backends',
      "spec.rules[0].http.paths[0].backend.resource.kind: Required value: kind is required",
      `spec.rules[0].http.paths[0].backend.resource.name: Invalid value: "x/y": may not contain '/'`,
      'spec.rules[0].http.paths[1].backend: Invalid value: "": resource or service backend is required',
      `spec.rules[0].http.paths[2].backend.service.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      'spec.rules[0].http.paths[2].backend: Invalid value: "": cannot set both port name & port number',
      "spec.rules[0].http.paths[3].backend: Required value: port name or number is required",
      "spec.rules[0].http.paths[4].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive",
      "spec.rules[0].http.paths[5].backend.service.name: Required value",
      'spec.rules[0].http.paths[5].backend.service.port.name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.rules[0].http.paths[5].backend.service.port.name: Invalid value: "HTTP": must contain at least one letter (a-z)',
    ]);
    const ok = await ingresses.main.create(scope("default"), decode(ingressDefinition, ing("bucket", { defaultBackend: { resource } })));
    assert.deepEqual(ok.spec?.defaultBackend, { resource });
  });

  it("checks TLS hosts and secret names, the class name, and the class annotation", async () => {
    const spec = {
      ingressClassName: "Nginx",
      defaultBackend: backend(),
      tls: [{ hosts: ["*.example.com", "Bad.example.com"], secretName: "tls_secret" }],
    };
    const status = await rejects(
      ingresses.main.create(scope("default"), decode(ingressDefinition, ing("tls", spec, { annotations: { "kubernetes.io/ingress.class": "nginx" } }))),
      422,
    );
    assert.deepEqual(
      causes(status).map((c) => c.replace(/ \(e\.g\..*$/, "")),
      [
        `spec.tls[0].hosts[1]: Invalid value: "Bad.example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        `spec.tls[0].secretName: Invalid value: "tls_secret": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        `spec.ingressClassName: Invalid value: "Nginx": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        'annotations.kubernetes.io/ingress.class: Invalid value: "nginx": must match `ingressClassName` when both are specified',
      ],
    );
  });

  it("warns about the deprecated class annotation", async () => {
    const s = scope("default");
    await ingresses.main.create(s, decode(ingressDefinition, ing("annotated", { defaultBackend: backend() }, { annotations: { "kubernetes.io/ingress.class": "nginx" } })));
    assert.deepEqual(s.warnings, [`annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`]);
  });

  it("checks the load balancer status", async () => {
    await ingresses.main.create(scope("default"), decode(ingressDefinition, ing("lb", { defaultBackend: backend() })));
    const status = await rejects(
      ingresses.status?.update(scope("default"), "lb", {
        updatedObject: (cur) => ({ ...(cur as Ingress), status: { loadBalancer: { ingress: [{ ip: "300.1.1.1" }, { hostname: "10.0.0.1" }] } } }),
      }) ?? Promise.resolve(),
      422,
    );
    assert.deepEqual(causes(status), [
      'status.loadBalancer.ingress[0].ip: Invalid value: "300.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'status.loadBalancer.ingress[1].hostname: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    ]);
  });

  it("prints CLASS HOSTS ADDRESS PORTS as upstream's printer", () => {
    const base = decode(ingressDefinition, ing("t", { defaultBackend: backend() }));
    const cells = (i: Ingress) => Object.fromEntries(ingressColumns.map((c) => [c.name, c.cell(i)]));
    assert.deepEqual(cells(base), { Class: "<none>", Hosts: "*", Address: "", Ports: "80" });
    const hosts = (...names: (string | undefined)[]) =>
      decode(ingressDefinition, ing("h", { rules: names.map((h) => rule(h, [path("/", "Prefix")])) }));
    assert.equal(formatHosts(hosts("a", "b")), "a,b");
    assert.equal(formatHosts(hosts("a", "b", "c", "d", "e")), "a,b,c + 2 more...");
    assert.equal(formatHosts(hosts(undefined, "a", "b", "c")), "a,b,c");
    assert.equal(formatHosts(hosts("a", "b", "c", undefined)), "a,b,c + 1 more...");
    const withTLS = decode(ingressDefinition, ing("s", { ingressClassName: "nginx", defaultBackend: backend(), tls: [{ secretName: "x" }] }));
    withTLS.status = { loadBalancer: { ingress: [{ ip: "10.0.0.9" }, { hostname: "lb.example.com" }, { ip: "10.0.0.10" }, { ip: "10.0.0.9" }] } };
    assert.deepEqual(cells(withTLS), { Class: "nginx", Hosts: "*", Address: "10.0.0.10,10.0.0.9,lb.example.com", Ports: "80, 443" });
    assert.equal(formatAddress(withTLS).length > 16, true);
  });

  it("keeps every field through decoding", () => {
    const full = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "full", namespace: "default" },
      spec: {
        ingressClassName: "nginx",
        defaultBackend: { resource: { apiGroup: "g.example.com", kind: "K", name: "n" } },
        tls: [{ hosts: ["a.example.com"], secretName: "s" }],
        rules: [{ host: "a.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } }],
      },
      status: { loadBalancer: { ingress: [{ ip: "1.2.3.4", hostname: "lb", ports: [{ port: 443, protocol: "TCP", error: "Pending" }] }] } },
    };
    assert.deepEqual(decode(ingressDefinition, structuredClone(full)), full);
  });
});
