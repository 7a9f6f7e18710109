import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import { type ResourceStorage, applyStrategicMergePatch } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { deploymentDefinition } from "./definition.js";
import { type Deployment, DeploymentSchema } from "./schema.js";

const deployment = (name: string, spec: Record<string, unknown>, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, ...more },
  spec,
});
const nginxSpec = (more: Record<string, unknown> = {}) => ({
  selector: { matchLabels: { app: "web" } },
  template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } },
  ...more,
});
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("apps/v1 Deployment", () => {
  let registry: TestCoreRegistry;
  let deployments: ResourceStorage<Deployment>;
  before(() => {
    registry = openTestRegistry();
    deployments = registry.storeFor(deploymentDefinition);
  });
  after(() => registry.close());
  const create = (body: unknown) => deployments.main.create(scope("default"), decode(deploymentDefinition, body));

  it("gets upstream's defaults on create (as kubectl get -o yaml shows them)", async () => {
    const created = await create(deployment("web", nginxSpec()));
    assert.deepEqual(created.spec, {
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "nginx",
              imagePullPolicy: "Always",
              resources: {},
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "File",
            },
          ],
          dnsPolicy: "ClusterFirst",
          restartPolicy: "Always",
          schedulerName: "default-scheduler",
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    assert.deepEqual(created.status, {});
    assert.equal(created.metadata.generation, 1);
  });

  it("keeps a template's ports and resources as given (no Pod-only defaults)", () => {
    const d = decode(
      deploymentDefinition,
      deployment("hn", nginxSpec({
        template: {
          metadata: { labels: { app: "web" } },
          spec: { hostNetwork: true, containers: [{ name: "a", image: "a:1", ports: [{ containerPort: 80 }], resources: { limits: { cpu: "1" } } }] },
        },
      })),
    );
    const c = d.spec?.template?.spec?.containers[0];
    assert.deepEqual(c?.ports, [{ containerPort: 80, protocol: "TCP" }]);
    assert.deepEqual(c?.resources, { limits: { cpu: "1" } });
    assert.equal(c?.imagePullPolicy, "IfNotPresent");
    assert.equal(d.spec?.template?.spec?.enableServiceLinks, undefined);
  });

  it("defaults Recreate without rolling update parameters", () => {
    const d = decode(deploymentDefinition, deployment("r", nginxSpec({ strategy: { type: "Recreate" }, replicas: 0 })));
    assert.deepEqual(d.spec?.strategy, { type: "Recreate" });
    assert.equal(d.spec?.replicas, 0);
  });

  it("rejects a selector that does not match the template, with upstream's path and message", async () => {
    const status = await rejects(create(deployment("mismatch", nginxSpec({ selector: { matchLabels: { app: "other" } } }))), 422);
    assert.equal(status.details?.kind, "Deployment");
    assert.equal(status.details?.group, "apps");
    assert.deepEqual(causes(status), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    assert.equal(
      status.message,
      'Deployment.apps "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it("rejects invalid specs with upstream's paths and messages", async () => {
    const noSelector = await rejects(create(deployment("nosel", { template: nginxSpec().template })), 422);
    assert.deepEqual(causes(noSelector), [
      "spec.selector: Required value",
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);

    const bad = await rejects(
      create(
        deployment("bad", {
          replicas: -1,
          selector: {},
          template: { metadata: { labels: { app: "web" } }, spec: { restartPolicy: "OnFailure", activeDeadlineSeconds: 5, containers: [{ name: "c", image: "" }] } },
          strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: "0%" } },
          minReadySeconds: 700,
          revisionHistoryLimit: -2,
        }),
      ),
      422,
    );
    assert.deepEqual(causes(bad), [
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
      "spec.template.spec.containers[0].image: Required value",
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
      "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
      "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
    ]);

    const strategies = await rejects(
      create(deployment("strat", nginxSpec({ strategy: { type: "Recreate", rollingUpdate: { maxSurge: 1 } } }))),
      422,
    );
    assert.deepEqual(causes(strategies), ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
    const unknown = await rejects(create(deployment("strat2", nginxSpec({ strategy: { type: "BlueGreen" } }))), 422);
    assert.deepEqual(causes(unknown), [
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
    const percents = await rejects(create(deployment("pct", nginxSpec({ strategy: { rollingUpdate: { maxUnavailable: "120%", maxSurge: "lots" } } }))), 422);
    assert.deepEqual(causes(percents), [
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"lots"}: a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    ]);
  });

  it("warns about names that are not DNS labels", async () => {
    const s = scope("default");
    await deployments.main.create(s, decode(deploymentDefinition, deployment("web.v1", nginxSpec())));
    assert.deepEqual(s.warnings, [
      "metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
    ]);
  });

  it("keeps the selector immutable", async () => {
    await create(deployment("imm", nginxSpec()));
    const status = await rejects(
      deployments.main.update(
        scope("default"),
        "imm",
        put(deploymentDefinition, deployment("imm", nginxSpec({ selector: { matchLabels: { app: "web", tier: "fe" } }, template: { metadata: { labels: { app: "web", tier: "fe" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } } }))),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    // The same selector written differently (an empty expression list) is no change of it.
    const { object } = await deployments.main.update(
      scope("default"),
      "imm",
      put(deploymentDefinition, deployment("imm", nginxSpec({ replicas: 2, selector: { matchLabels: { app: "web" }, matchExpressions: [] } }))),
    );
    assert.equal(object.spec?.replicas, 2);
  });

  it("bumps generation on spec and annotation changes, not on label changes or status writes", async () => {
    const created = await create(deployment("gen", nginxSpec()));
    assert.equal(created.metadata.generation, 1);
    const update = async (body: unknown) => (await deployments.main.update(scope("default"), "gen", put(deploymentDefinition, body))).object;
    assert.equal((await update(deployment("gen", nginxSpec({ replicas: 3 })))).metadata.generation, 2);
    assert.equal((await update(deployment("gen", nginxSpec({ replicas: 3 }), { labels: { a: "b" } }))).metadata.generation, 2);
    assert.equal((await update(deployment("gen", nginxSpec({ replicas: 3 }), { labels: { a: "b" }, annotations: { note: "x" } }))).metadata.generation, 3);

    const { object } = await deployments.status!.update(
      scope("default"),
      "gen",
      put(deploymentDefinition, { ...(deployment("gen", nginxSpec({ replicas: 9 })) as object), status: { replicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 } }),
    );
    assert.equal(object.metadata.generation, 3);
    assert.equal(object.spec?.replicas, 3);
    assert.deepEqual(object.status, { replicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 });
    // The main resource cannot write status.
    const again = await update({ ...(deployment("gen", nginxSpec({ replicas: 3 }), { labels: { a: "b" }, annotations: { note: "x" } }) as object), status: {} });
    assert.equal(again.status?.replicas, 3);
  });

  it("checks status writes", async () => {
    await create(deployment("st", nginxSpec()));
    const write = (status: unknown) =>
      deployments.status!.update(scope("default"), "st", put(deploymentDefinition, { ...(deployment("st", nginxSpec()) as object), status }));
    await write({ replicas: 2, collisionCount: 2 });
    const status = await rejects(write({ replicas: 1, readyReplicas: 2, availableReplicas: 3, updatedReplicas: -1, collisionCount: 1 }), 422);
    assert.deepEqual(causes(status), [
      "status.updatedReplicas: Invalid value: -1: must be greater than or equal to 0",
      "status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas",
      "status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas",
      "status.availableReplicas: Invalid value: 3: cannot be greater than readyReplicas",
      "status.collisionCount: Invalid value: 1: cannot be decremented",
    ]);
  });

  it("serves the scale subresource as an autoscaling/v1 Scale", async () => {
    await create(deployment("sc", nginxSpec({ selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "NotIn", values: ["db"] }] } })));
    const scale = await deployments.scale!.get(scope("default"), "sc");
    assert.equal(scale.apiVersion, "autoscaling/v1");
    assert.equal(scale.kind, "Scale");
    assert.deepEqual(scale.spec, { replicas: 1 });
    assert.deepEqual(scale.status, { replicas: 0, selector: "app=web,tier notin (db)" });

    const { object } = await deployments.scale!.update(scope("default"), "sc", {
      updatedObject: (current: KubeObject | null) => ({ ...current!, spec: { replicas: 4 } }),
    });
    assert.deepEqual(object.spec, { replicas: 4 });
    const stored = await deployments.main.get(scope("default"), "sc");
    assert.equal(stored.spec?.replicas, 4);
    assert.equal(stored.metadata.generation, 2);

    const negative = await rejects(
      deployments.scale!.update(scope("default"), "sc", { updatedObject: (current: KubeObject | null) => ({ ...current!, spec: { replicas: -1 } }) }),
      422,
    );
    assert.deepEqual(causes(negative), ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]);
  });

  it("prints READY, UP-TO-DATE, AVAILABLE and, wide, CONTAINERS, IMAGES, SELECTOR", () => {
    const d = DeploymentSchema.parse({
      metadata: { name: "p" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: { spec: { containers: [{ name: "a", image: "nginx:1" }, { name: "b", image: "busybox" }] } },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 1 },
    });
    const cells = Object.fromEntries(deploymentDefinition.tableColumns!.filter((c) => c.name !== "Age").map((c) => [c.name, c.cell(d)]));
    assert.deepEqual(cells, { Ready: "2/3", "Up-to-date": 3, Available: 1, Containers: "a,b", Images: "nginx:1,busybox", Selector: "app=web" });
    assert.deepEqual(deploymentDefinition.tableColumns!.map((c) => `${c.name}:${c.priority ?? 0}`), [
      "Ready:0", "Up-to-date:0", "Available:0", "Age:0", "Containers:1", "Images:1", "Selector:1",
    ]);
  });

  it("merges containers by name and replaces the strategy's keys in strategic merge patch", () => {
    const base = decode(deploymentDefinition, deployment("smp", nginxSpec()));
    const patched = applyStrategicMergePatch(
      base,
      { spec: { strategy: { type: "Recreate", $retainKeys: ["type"] }, template: { spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } } },
      DeploymentSchema,
    ) as unknown as Deployment;
    assert.deepEqual(patched.spec?.strategy, { type: "Recreate" });
    assert.deepEqual(patched.spec?.template?.spec?.containers.map((c) => `${c.name}=${c.image}:${c.imagePullPolicy}`), ["nginx=nginx:1.27:Always"]);
  });
});
