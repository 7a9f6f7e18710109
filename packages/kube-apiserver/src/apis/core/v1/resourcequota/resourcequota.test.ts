import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { resourceQuotaDefinition } from "./definition.js";
import type { ResourceQuota } from "./schema.js";
import { resourceQuotaColumns } from "./table.js";

const quota = (name: string, spec: Record<string, unknown>, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name, namespace: "default" },
  spec,
  ...more,
});
const ns = scope("default");

describe("core/v1 ResourceQuota", () => {
  let registry: TestCoreRegistry;
  let quotas: ResourceStorage<ResourceQuota>;
  before(() => {
    registry = openTestRegistry();
    quotas = registry.storeFor(resourceQuotaDefinition);
  });
  after(() => registry.close());

  it("stores the caps, resets status and has no generation", async () => {
    const created = await quotas.main.create(
      ns,
      decode(resourceQuotaDefinition, quota("compute", { hard: { "requests.cpu": "4", "limits.memory": "8Gi", pods: "10", "count/deployments.apps": "5" } }, { status: { used: { pods: "3" } } })),
    );
    assert.deepEqual(created.spec?.hard, { "requests.cpu": "4", "limits.memory": "8Gi", pods: "10", "count/deployments.apps": "5" });
    assert.deepEqual(created.status, {});
    assert.equal(created.metadata.generation, undefined);
  });

  it("rejects unknown resources, bad amounts and scopes with upstream's messages", async () => {
    const status = await rejects(
      quotas.main.create(
        ns,
        decode(resourceQuotaDefinition, quota("bad", { hard: { widgets: "1", "requests.storage": "-1Gi", secrets: "1.5", services: "x" }, scopes: ["BestEffort", "NotBestEffort", "Nightly"] })),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified',
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
      'spec.hard[requests.storage]: Invalid value: "-1Gi": must be greater than or equal to 0',
      'spec.hard[secrets]: Invalid value: "1.5": must be an integer',
      "spec.hard[services]: Invalid value: \"x\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      // as upstream, one error per scope and capped resource it does not fit (3 for BestEffort, 3 for NotBestEffort)
      'spec.scopes: Invalid value: ["BestEffort","NotBestEffort","Nightly"]: unsupported scope applied to resource',
      'spec.scopes: Invalid value: ["BestEffort","NotBestEffort","Nightly"]: unsupported scope applied to resource',
      'spec.scopes: Invalid value: ["BestEffort","NotBestEffort","Nightly"]: unsupported scope applied to resource',
      'spec.scopes: Invalid value: ["BestEffort","NotBestEffort","Nightly"]: unsupported scope applied to resource',
      'spec.scopes: Invalid value: ["BestEffort","NotBestEffort","Nightly"]: unsupported scope applied to resource',
      'spec.scopes: Invalid value: ["BestEffort","NotBestEffort","Nightly"]: unsupported scope applied to resource',
      'spec.scopes: Invalid value: ["BestEffort","NotBestEffort","Nightly"]: unsupported scope',
      'spec.scopes: Invalid value: ["BestEffort","NotBestEffort","Nightly"]: conflicting scopes',
    ]);
  });

  it("checks scope selectors", async () => {
    const status = await rejects(
      quotas.main.create(
        ns,
        decode(resourceQuotaDefinition, quota("sel", {
          hard: { pods: "10" },
          scopeSelector: {
            matchExpressions: [
              { scopeName: "PriorityClass", operator: "In", values: [] },
              { scopeName: "Terminating", operator: "DoesNotExist" },
              { scopeName: "NotTerminating", operator: "Exists", values: ["x"] },
              { scopeName: "PriorityClass", operator: "Matches" },
            ],
          },
        })),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      "spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
      "spec.scopeSelector.matchExpressions.operator: Invalid value: \"DoesNotExist\": must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
      "spec.scopeSelector.matchExpressions.values: Invalid value: [\"x\"]: must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector",
      'spec.scopeSelector.matchExpressions.operator: Invalid value: "Matches": not a valid selector operator',
      "spec.scopeSelector.matchExpressions: Invalid value: null: conflicting scopes",
    ]);
    const created = await quotas.main.create(
      ns,
      decode(resourceQuotaDefinition, quota("high", { hard: { pods: "10", "requests.cpu": "8" }, scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }] } })),
    );
    assert.deepEqual(created.spec?.scopeSelector?.matchExpressions?.[0]?.values, ["high"]);
  });

  it("keeps scopes immutable, keeps status on update and spec on /status", async () => {
    await quotas.main.create(ns, decode(resourceQuotaDefinition, quota("imm", { hard: { pods: "5" }, scopes: ["NotTerminating"] })));
    const { object } = await quotas.main.update(ns, "imm", put(resourceQuotaDefinition, quota("imm", { hard: { pods: "6" }, scopes: ["NotTerminating"] }, { status: { hard: { pods: "1" } } })));
    assert.equal(object.spec?.hard?.pods, "6");
    assert.deepEqual(object.status, {});
    const status = await rejects(quotas.main.update(ns, "imm", put(resourceQuotaDefinition, quota("imm", { hard: { pods: "6" }, scopes: ["Terminating"] }))), 422);
    assert.deepEqual(causes(status), ['spec.scopes: Invalid value: ["Terminating"]: field is immutable']);

    const { object: counted } = await quotas.status!.update(
      ns,
      "imm",
      put(resourceQuotaDefinition, quota("imm", { hard: { pods: "100" } }, { status: { hard: { pods: "6" }, used: { pods: "2" } } })),
    );
    assert.deepEqual(counted.status, { hard: { pods: "6" }, used: { pods: "2" } });
    assert.equal(counted.spec?.hard?.pods, "6");
    const bad = await rejects(quotas.status!.update(ns, "imm", put(resourceQuotaDefinition, quota("imm", {}, { status: { used: { pods: "-1" } } }))), 422);
    assert.deepEqual(causes(bad), ['status.used[pods]: Invalid value: "-1": must be greater than or equal to 0']);
  });

  it("prints REQUEST and LIMIT as used/hard from status", () => {
    const q = decode(
      resourceQuotaDefinition,
      quota("t", {}, { status: { hard: { "requests.cpu": "4", pods: "10", "limits.memory": "8Gi", "limits.cpu": "8" }, used: { pods: "3", "limits.cpu": "500m" } } }),
    );
    const cells = Object.fromEntries(resourceQuotaColumns.filter((c) => c.name !== "Age").map((c) => [c.name, c.cell(q)]));
    assert.deepEqual(cells, { Request: "pods: 3/10, requests.cpu: 0/4", Limit: "limits.cpu: 500m/8, limits.memory: 0/8Gi" });
    assert.deepEqual(resourceQuotaColumns.map((c) => c.name), ["Age", "Request", "Limit"]);
    assert.deepEqual(resourceQuotaDefinition.shortNames, ["quota"]);
  });
});
