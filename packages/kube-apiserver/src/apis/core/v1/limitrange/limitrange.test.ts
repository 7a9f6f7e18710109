import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { limitRangeDefinition } from "./definition.js";
import type { LimitRange } from "./schema.js";

const lr = (name: string, limits: unknown[]): unknown => ({ apiVersion: "v1", kind: "LimitRange", metadata: { name, namespace: "default" }, spec: { limits } });
const ns = scope("default");

describe("core/v1 LimitRange", () => {
  let registry: TestCoreRegistry;
  let ranges: ResourceStorage<LimitRange>;
  before(() => {
    registry = openTestRegistry();
    ranges = registry.storeFor(limitRangeDefinition);
  });
  after(() => registry.close());

  it("defaults a container's limits to max and its requests to the limits, else to min", async () => {
    const created = await ranges.main.create(
      ns,
      decode(limitRangeDefinition, lr("defaults", [
        { type: "Container", max: { cpu: "2", memory: "1Gi" }, min: { cpu: "100m", "ephemeral-storage": "1Gi" }, default: { memory: "512Mi" } },
        { type: "Pod", max: { cpu: "4" } },
      ])),
    );
    assert.deepEqual(created.spec?.limits, [
      {
        type: "Container",
        max: { cpu: "2", memory: "1Gi" },
        min: { cpu: "100m", "ephemeral-storage": "1Gi" },
        default: { memory: "512Mi", cpu: "2" },
        defaultRequest: { memory: "512Mi", cpu: "2", "ephemeral-storage": "1Gi" },
      },
      { type: "Pod", max: { cpu: "4" } },
    ]);
    assert.equal(created.metadata.generation, undefined);
  });

  it("rejects inconsistent bounds with upstream's messages", async () => {
    const status = await rejects(
      ranges.main.create(
        ns,
        decode(limitRangeDefinition, lr("bad", [
          { type: "Container", min: { cpu: "2" }, max: { cpu: "1" }, default: { cpu: "1500m" }, defaultRequest: { cpu: "3" }, maxLimitRequestRatio: { memory: "0.5" } },
          { type: "Pod", default: { cpu: "1" }, max: { pods: "1" } },
          { type: "Container" },
          { type: "PersistentVolumeClaim", max: { cpu: "1" } },
          { type: "Gadget" },
        ])),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
      'spec.limits[0].defaultRequest[cpu]: Invalid value: "3": default request value 3 is greater than max value 1',
      'spec.limits[0].defaultRequest[cpu]: Invalid value: "3": default request value 3 is greater than default limit value 1500m',
      'spec.limits[0].default[cpu]: Invalid value: "2": min value 2 is greater than default value 1500m',
      'spec.limits[0].default[cpu]: Invalid value: "1": default value 1500m is greater than max value 1',
      'spec.limits[0].maxLimitRequestRatio[memory]: Invalid value: "0.5": ratio 0.5 is less than 1',
      'spec.limits[1].max[pods]: Invalid value: "pods": must be a standard resource for containers',
      "spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod'",
      'spec.limits[2].type: Duplicate value: "Container"',
      "spec.limits[3].limits: Required value: either minimum or maximum storage value is required, but neither was provided",
      'spec.limits[4].type: Invalid value: "Gadget": must be a standard limit type or fully qualified',
    ]);
  });

  it("checks resource names for the type and ratios against max/min", async () => {
    const status = await rejects(
      ranges.main.create(
        ns,
        decode(limitRangeDefinition, lr("names", [
          { type: "Container", max: { gpus: "1", "example.com/gpu": "2", cpu: "4" }, min: { cpu: "1" }, maxLimitRequestRatio: { cpu: "5" }, default: { "example.com/gpu": "2" }, defaultRequest: { "example.com/gpu": "1" } },
        ])),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.limits[0].max[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified',
      'spec.limits[0].max[gpus]: Invalid value: "gpus": must be a standard resource for containers',
      // defaulting copied the max into default and defaultRequest, which are checked too
      'spec.limits[0].default[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified',
      'spec.limits[0].default[gpus]: Invalid value: "gpus": must be a standard resource for containers',
      'spec.limits[0].defaultRequest[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified',
      'spec.limits[0].defaultRequest[gpus]: Invalid value: "gpus": must be a standard resource for containers',
      'spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: "5": ratio 5 is greater than max/min = 4.000000',
      'spec.limits[0].defaultRequest[example.com/gpu]: Invalid value: "1": default value 2 must equal to defaultRequest value 1 in example.com/gpu',
    ]);
  });

  it("applies the same rules on update", async () => {
    await ranges.main.create(ns, decode(limitRangeDefinition, lr("upd", [{ type: "PersistentVolumeClaim", max: { storage: "10Gi" } }])));
    const { object } = await ranges.main.update(ns, "upd", put(limitRangeDefinition, lr("upd", [{ type: "PersistentVolumeClaim", min: { storage: "1Gi" } }])));
    assert.deepEqual(object.spec?.limits, [{ type: "PersistentVolumeClaim", min: { storage: "1Gi" } }]);
    await rejects(ranges.main.update(ns, "upd", put(limitRangeDefinition, lr("upd", [{ type: "PersistentVolumeClaim" }]))), 422);
  });

  it("prints NAME and CREATED AT, without AGE", () => {
    const columns = limitRangeDefinition.tableColumns ?? [];
    assert.deepEqual(columns.map((c) => [c.name, c.type]), [["Created At", "date"]]);
    assert.equal(limitRangeDefinition.ageColumn, false, "the library adds no Age column");
    const created = { metadata: { name: "x", creationTimestamp: "2024-05-06T07:08:09Z" } };
    assert.equal(columns[0]?.cell(created), "2024-05-06T07:08:09Z");
    assert.equal(columns[0]?.cell({ metadata: { name: "y" } }), "0001-01-01T00:00:00Z");
    assert.deepEqual(limitRangeDefinition.shortNames, ["limits"]);
  });
});
