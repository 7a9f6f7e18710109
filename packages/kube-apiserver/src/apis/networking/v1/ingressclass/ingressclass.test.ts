import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { ingressClassDefinition } from "./definition.js";
import type { IngressClass } from "./schema.js";
import { ingressClassColumns } from "./table.js";

const ic = (name: string, spec: Record<string, unknown>): unknown => ({ apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name }, spec });

describe("networking.k8s.io/v1 IngressClass", () => {
  let registry: TestCoreRegistry;
  let classes: ResourceStorage<IngressClass>;
  before(() => {
    registry = openTestRegistry();
    classes = registry.storeFor(ingressClassDefinition);
  });
  after(() => registry.close());

  it("is cluster-scoped, defaults the parameters' scope, and keeps the controller", async () => {
    const params = { apiGroup: "k8s.example.com", kind: "IngressParameters", name: "external-lb" };
    const created = await classes.main.create(scope(""), decode(ingressClassDefinition, ic("nginx", { controller: "example.com/ingress-controller", parameters: params })));
    assert.equal(created.metadata.namespace, undefined);
    assert.equal(created.metadata.generation, 1);
    assert.deepEqual(created.spec?.parameters, { ...params, scope: "Cluster" });
    const status = await rejects(
      classes.main.update(scope(""), "nginx", put(ingressClassDefinition, ic("nginx", { controller: "example.com/other" }))),
      422,
    );
    assert.deepEqual(causes(status), ['spec.controller: Invalid value: "example.com/other": field is immutable']);
    const updated = await classes.main.update(
      scope(""),
      "nginx",
      put(ingressClassDefinition, ic("nginx", { controller: "example.com/ingress-controller" })),
    );
    assert.equal(updated.object.metadata.generation, 2);
  });

  it("checks the controller and the parameters as upstream", async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{}, ["spec.controller: Required value"]],
      [{ controller: "no-slash" }, ['spec.controller: Invalid value: "no-slash": must be a domain-prefixed path (such as "acme.io/foo")']],
      [{ controller: `example.com/${"x".repeat(250)}` }, ["spec.controller: Too long: may not be more than 250 bytes"]],
      [
        { controller: "example.com/a b" },
        [`spec.controller: Invalid value: "a b": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')`],
      ],
      [
        { controller: "example.com/c", parameters: { kind: "", name: "p", scope: "Namespace" } },
        ["spec.parameters.kind: Required value: kind is required", "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"],
      ],
      [
        { controller: "example.com/c", parameters: { kind: "K", name: "p", namespace: "x" } },
        ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"],
      ],
      [
        { controller: "example.com/c", parameters: { kind: "K", name: "p", scope: "Global" } },
        ['spec.parameters.scope: Unsupported value: "Global": supported values: "Cluster", "Namespace"'],
      ],
    ];
    for (const [spec, expected] of cases) {
      const status = await rejects(classes.main.create(scope(""), decode(ingressClassDefinition, ic("bad", spec))), 422);
      assert.deepEqual(causes(status), expected, JSON.stringify(spec));
    }
    const namespaced = await classes.main.create(
      scope(""),
      decode(ingressClassDefinition, ic("ns-params", { controller: "example.com/c", parameters: { kind: "K", name: "p", scope: "Namespace", namespace: "ingress" } })),
    );
    assert.equal(namespaced.spec?.parameters?.namespace, "ingress");
  });

  it("prints CONTROLLER and PARAMETERS", () => {
    const cells = (body: unknown) => ingressClassColumns.map((c) => c.cell(decode(ingressClassDefinition, body)));
    assert.deepEqual(cells(ic("a", { controller: "example.com/c" })), ["example.com/c", "<none>"]);
    assert.deepEqual(cells(ic("b", { controller: "example.com/c", parameters: { apiGroup: "k8s.example.com", kind: "P", name: "n" } })), [
      "example.com/c",
      "P.k8s.example.com/n",
    ]);
    assert.deepEqual(cells(ic("c", { controller: "example.com/c", parameters: { kind: "ConfigMap", name: "n" } })), ["example.com/c", "ConfigMap/n"]);
  });
});
