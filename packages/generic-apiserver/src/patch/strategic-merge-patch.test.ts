import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { StatusError } from "@tskube/apimachinery";
import { z } from "zod";
import { applyStrategicMergePatch } from "./strategic-merge-patch.js";
import type { JsonObject } from "./json.js";
import { UNPROCESSABLE_PATCH_MESSAGE } from "./errors.js";
import { DeploymentSchema, PodSchema } from "./testing/workload-schema.js";

// ---- helpers -------------------------------------------------------------

function pod(): JsonObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", labels: { app: "web", tier: "front" }, finalizers: ["example.com/a", "example.com/b"] },
    spec: {
      containers: [
        {
          name: "app",
          image: "app:1",
          args: ["--port=80", "--verbose"],
          ports: [
            { containerPort: 80, protocol: "TCP" },
            { containerPort: 443, protocol: "TCP" },
          ],
          env: [
            { name: "A", value: "1" },
            { name: "B", value: "2" },
          ],
          volumeMounts: [{ name: "data", mountPath: "/data" }],
        },
        { name: "sidecar", image: "sidecar:1" },
      ],
      volumes: [{ name: "data", emptyDir: {} }],
      tolerations: [{ key: "a", operator: "Exists" }],
      restartPolicy: "Always",
    },
  };
}

/** Applies `patch` to a fresh pod and returns the result. */
function patchPod(patch: unknown): JsonObject {
  return applyStrategicMergePatch(pod(), patch, PodSchema);
}

function spec(obj: JsonObject): JsonObject {
  return obj["spec"] as JsonObject;
}

function containers(obj: JsonObject): JsonObject[] {
  return spec(obj)["containers"] as JsonObject[];
}

function names(list: unknown): unknown[] {
  return (list as JsonObject[]).map((item) => item["name"] ?? item["containerPort"]);
}

/** Expects a StatusError with this code, reason (undefined = none) and message. */
function expectStatus(fn: () => unknown, want: { code: number; reason?: string; message: string }): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof StatusError, `not a StatusError: ${String(err)}`);
    assert.equal(err.status.code, want.code);
    assert.equal(err.status.reason, want.reason);
    assert.equal(err.status.message, want.message);
    return true;
  });
}

// ---- maps ----------------------------------------------------------------

describe("strategic merge patch: maps", () => {
  it("merges maps and replaces scalars, like a JSON merge patch", () => {
    const result = patchPod({ spec: { restartPolicy: "Never", containers: [{ name: "app", image: "app:2" }] } });
    assert.equal(spec(result)["restartPolicy"], "Never");
    assert.equal(containers(result)[0]?.["image"], "app:2");
    assert.deepEqual(containers(result)[0]?.["args"], ["--port=80", "--verbose"]);
  });

  it("merges free-form maps (labels) key by key, null deleting a key", () => {
    const result = patchPod({ metadata: { labels: { tier: null, env: "prod", app: "api" } } });
    assert.deepEqual((result["metadata"] as JsonObject)["labels"], { app: "api", env: "prod" });
  });

  it("adds a new map without its null entries", () => {
    const result = patchPod({ metadata: { annotations: { "example.com/owner": "me", "example.com/gone": null } } });
    assert.deepEqual((result["metadata"] as JsonObject)["annotations"], { "example.com/owner": "me" });
  });

  it("null deletes a field; null for a missing field is ignored", () => {
    const result = patchPod({ spec: { tolerations: null, nodeSelector: null } });
    assert.equal("tolerations" in spec(result), false);
    assert.equal("nodeSelector" in spec(result), false);
  });

  it("$patch: replace on a map keeps only the patch's fields", () => {
    const result = patchPod({ metadata: { labels: { $patch: "replace", only: "this" } } });
    assert.deepEqual((result["metadata"] as JsonObject)["labels"], { only: "this" });
  });

  it("$patch: delete on a map empties it", () => {
    const result = patchPod({ metadata: { labels: { $patch: "delete" } } });
    assert.deepEqual((result["metadata"] as JsonObject)["labels"], {});
  });

  it("$patch: replace at the top replaces the whole object", () => {
    assert.deepEqual(patchPod({ $patch: "replace", kind: "Pod" }), { kind: "Pod" });
  });

  it("does not modify its inputs", () => {
    const doc = pod();
    const patch = { spec: { containers: [{ name: "app", $patch: "delete" }] }, metadata: { labels: null } };
    const patchCopy = structuredClone(patch);
    applyStrategicMergePatch(doc, patch, PodSchema);
    assert.deepEqual(doc, pod());
    assert.deepEqual(patch, patchCopy);
  });

  it("treats __proto__ as an ordinary key", () => {
    const result = patchPod(JSON.parse('{"metadata":{"labels":{"__proto__":"x"}}}'));
    const labels = (result["metadata"] as JsonObject)["labels"] as JsonObject;
    assert.equal(Object.getOwnPropertyDescriptor(labels, "__proto__")?.value, "x");
    assert.equal(Object.getPrototypeOf(labels), Object.prototype);
  });
});

// ---- lists merged by key -------------------------------------------------

describe("strategic merge patch: lists merged by key", () => {
  it("updates the element with the same merge key and appends new ones", () => {
    const result = patchPod({
      spec: {
        containers: [
          { name: "app", image: "app:2" },
          { name: "debug", image: "busybox" },
        ],
      },
    });
    // Without $setElementOrder a new element goes before server-only ones it does not follow (upstream's order rules).
    assert.deepEqual(names(containers(result)), ["app", "debug", "sidecar"]);
    assert.equal(containers(result)[0]?.["image"], "app:2");
    assert.deepEqual(containers(result)[0]?.["ports"], containers(pod())[0]?.["ports"]);
    assert.deepEqual(containers(result)[1], { name: "debug", image: "busybox" });
  });

  it("$patch: delete removes the element with that key", () => {
    const result = patchPod({ spec: { containers: [{ name: "sidecar", $patch: "delete" }] } });
    assert.deepEqual(names(containers(result)), ["app"]);
  });

  it("$patch: delete removes every element with that key, and ignores keys not present", () => {
    const doc = pod();
    spec(doc)["containers"] = [{ name: "a" }, { name: "a" }, { name: "b" }];
    const result = applyStrategicMergePatch(
      doc,
      { spec: { containers: [{ name: "a", $patch: "delete" }, { name: "zzz", $patch: "delete" }] } },
      PodSchema,
    );
    assert.deepEqual(containers(result), [{ name: "b" }]);
  });

  it("$patch: replace in a list makes the list exactly the patch's elements", () => {
    const result = patchPod({ spec: { containers: [{ name: "only", image: "x" }, { $patch: "replace" }] } });
    assert.deepEqual(containers(result), [{ name: "only", image: "x" }]);
    const emptied = patchPod({ spec: { containers: [{ $patch: "replace" }] } });
    assert.deepEqual(containers(emptied), []);
  });

  it("merges nested lists: ports by containerPort, env by name", () => {
    const result = patchPod({
      spec: {
        containers: [
          {
            name: "app",
            ports: [{ containerPort: 443, name: "https" }, { containerPort: 8080 }],
            env: [
              { name: "B", value: "20" },
              { name: "C", value: "3" },
              { name: "A", $patch: "delete" },
            ],
          },
        ],
      },
    });
    const app = containers(result)[0] as JsonObject;
    assert.deepEqual(app["ports"], [
      { containerPort: 80, protocol: "TCP" },
      { containerPort: 443, protocol: "TCP", name: "https" },
      { containerPort: 8080 },
    ]);
    assert.deepEqual(app["env"], [
      { name: "B", value: "20" },
      { name: "C", value: "3" },
    ]);
  });

  it("a null inside an element deletes that field of the element", () => {
    const result = patchPod({ spec: { containers: [{ name: "app", args: null, env: [{ name: "A", value: null }] }] } });
    const app = containers(result)[0] as JsonObject;
    assert.equal("args" in app, false);
    assert.deepEqual(app["env"], [{ name: "A" }, { name: "B", value: "2" }]);
  });

  it("orders merged elements by the patch, keeping server-only ones in place", () => {
    // Upstream's "preserve the order from the patch" cases.
    const doc = pod();
    spec(doc)["containers"] = [{ name: "1" }, { name: "2", image: "b" }, { name: "3" }];
    const all = applyStrategicMergePatch(doc, { spec: { containers: [{ name: "3", image: "c" }, { name: "1", image: "a" }, { name: "2", args: ["x"] }] } }, PodSchema);
    assert.deepEqual(containers(all), [
      { name: "3", image: "c" },
      { name: "1", image: "a" },
      { name: "2", image: "b", args: ["x"] },
    ]);
    const some = applyStrategicMergePatch(doc, { spec: { containers: [{ name: "3", image: "c" }, { name: "1", image: "a" }] } }, PodSchema);
    assert.deepEqual(containers(some), [{ name: "2", image: "b" }, { name: "3", image: "c" }, { name: "1", image: "a" }]);
  });

  it("500 when an element lacks the merge key", () => {
    expectStatus(() => patchPod({ spec: { containers: [{ image: "nginx" }] } }), {
      code: 500,
      message: "map: map[image:nginx] does not contain declared merge key: name",
    });
    expectStatus(() => patchPod({ spec: { containers: [{ image: "nginx", $patch: "delete" }] } }), {
      code: 500,
      message: "map: map[$patch:delete image:nginx] does not contain declared merge key: name",
    });
  });

  it("500 for $patch: merge and unknown $patch values on elements, as upstream", () => {
    expectStatus(() => patchPod({ spec: { containers: [{ name: "app", $patch: "merge" }] } }), {
      code: 500,
      message: "merging lists cannot yet be specified in the patch",
    });
    expectStatus(() => patchPod({ spec: { containers: [{ name: "app", $patch: "bogus" }] } }), {
      code: 500,
      message: "unknown patch type: bogus in map: map[$patch:bogus name:app]",
    });
  });

  it("500 for $patch values other than replace and delete on maps, merge included (as upstream)", () => {
    expectStatus(() => patchPod({ metadata: { labels: { $patch: "merge", a: "b" } } }), {
      code: 500,
      message: "unknown patch type: merge in map: map[$patch:merge a:b]",
    });
  });

  it("merges an element list of a list that is new to the object, dropping directives", () => {
    const result = patchPod({ spec: { imagePullSecrets: [{ name: "regcred" }, { name: "old", $patch: "delete" }] } });
    assert.deepEqual(spec(result)["imagePullSecrets"], [{ name: "regcred" }]);
  });
});

// ---- lists of scalars and replaced lists --------------------------------

describe("strategic merge patch: other lists", () => {
  it("replaces lists without a merge strategy (args, tolerations)", () => {
    const result = patchPod({ spec: { tolerations: [{ key: "b" }], containers: [{ name: "app", args: ["--port=81"] }] } });
    assert.deepEqual(spec(result)["tolerations"], [{ key: "b" }]);
    assert.deepEqual(containers(result)[0]?.["args"], ["--port=81"]);
  });

  it("merges lists of scalars with strategy merge as sets", () => {
    const result = patchPod({ metadata: { finalizers: ["example.com/b", "example.com/c"] } });
    assert.deepEqual((result["metadata"] as JsonObject)["finalizers"], ["example.com/a", "example.com/b", "example.com/c"]);
  });

  it("a new scalar goes before server-only values it does not follow (upstream's order rules)", () => {
    const result = patchPod({ metadata: { finalizers: ["example.com/z"] } });
    assert.deepEqual((result["metadata"] as JsonObject)["finalizers"], ["example.com/z", "example.com/a", "example.com/b"]);
  });

  it("$deleteFromPrimitiveList removes values", () => {
    const result = patchPod({ metadata: { "$deleteFromPrimitiveList/finalizers": ["example.com/a", "example.com/nope"] } });
    assert.deepEqual((result["metadata"] as JsonObject)["finalizers"], ["example.com/b"]);
  });

  it("$deleteFromPrimitiveList together with additions", () => {
    const result = patchPod({
      metadata: { "$deleteFromPrimitiveList/finalizers": ["example.com/a"], finalizers: ["example.com/c"] },
    });
    assert.deepEqual((result["metadata"] as JsonObject)["finalizers"], ["example.com/c", "example.com/b"]);
  });

  it("$deleteFromPrimitiveList works on a list without merge strategy and never creates a list", () => {
    const args = patchPod({ spec: { containers: [{ name: "app", "$deleteFromPrimitiveList/args": ["--verbose"] }] } });
    assert.deepEqual(containers(args)[0]?.["args"], ["--port=80"]);
    const none = patchPod({ spec: { containers: [{ name: "sidecar", "$deleteFromPrimitiveList/args": ["x"] }] } });
    assert.equal("args" in (containers(none)[1] as JsonObject), false);
  });

  it("400 for a malformed $deleteFromPrimitiveList", () => {
    const message = "invalid patch format of primitive list";
    expectStatus(() => patchPod({ metadata: { $deleteFromPrimitiveList: ["a"] } }), { code: 400, reason: "BadRequest", message });
    expectStatus(() => patchPod({ metadata: { "$deleteFromPrimitiveList/finalizers": "a" } }), { code: 400, reason: "BadRequest", message });
  });

  it("422 for lists of lists, 500 for mixed element types", () => {
    const doc = pod();
    (doc["metadata"] as JsonObject)["finalizers"] = [];
    expectStatus(() => applyStrategicMergePatch(doc, { metadata: { finalizers: [["a"]] } }, PodSchema), {
      code: 422,
      reason: "Invalid",
      message: UNPROCESSABLE_PATCH_MESSAGE,
    });
    expectStatus(() => patchPod({ metadata: { finalizers: [1] } }), {
      code: 500,
      message: "list element types are not identical: [[example.com/a example.com/b] [1]]",
    });
  });
});

// ---- $retainKeys ---------------------------------------------------------

describe("strategic merge patch: $retainKeys", () => {
  it("clears the fields of a list element that are not retained (volume source switch)", () => {
    const result = patchPod({
      spec: {
        "$setElementOrder/volumes": [{ name: "data" }],
        volumes: [{ $retainKeys: ["configMap", "name"], name: "data", configMap: { name: "settings" } }],
      },
    });
    assert.deepEqual(spec(result)["volumes"], [{ name: "data", configMap: { name: "settings" } }]);
  });

  it("clears the fields of a map that are not retained (deployment strategy)", () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: { spec: { containers: [{ name: "app" }] } },
      },
    };
    const result = applyStrategicMergePatch(
      deployment,
      { spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null } } },
      DeploymentSchema,
    );
    assert.deepEqual(spec(result)["strategy"], { type: "Recreate" });
  });

  it("without $retainKeys a retainKeys field merges normally", () => {
    const result = applyStrategicMergePatch(
      { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } },
      { spec: { strategy: { rollingUpdate: { maxUnavailable: 2 } } } },
      DeploymentSchema,
    );
    assert.deepEqual(spec(result)["strategy"], { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 2 } });
  });

  it("400 when $retainKeys is not a list or misses a field of the patch", () => {
    const message = "invalid patch format of retainKeys";
    expectStatus(() => patchPod({ spec: { $retainKeys: "containers" } }), { code: 400, reason: "BadRequest", message });
    expectStatus(() => patchPod({ spec: { $retainKeys: ["containers"], restartPolicy: "Never" } }), {
      code: 400,
      reason: "BadRequest",
      message,
    });
  });
});

// ---- $setElementOrder ----------------------------------------------------

describe("strategic merge patch: $setElementOrder", () => {
  it("reorders a list the patch does not otherwise touch", () => {
    const result = patchPod({ spec: { "$setElementOrder/containers": [{ name: "sidecar" }, { name: "app" }] } });
    assert.deepEqual(names(containers(result)), ["sidecar", "app"]);
    assert.deepEqual(containers(result)[1], containers(pod())[0]);
  });

  it("places new elements where the order says", () => {
    const result = patchPod({
      spec: {
        "$setElementOrder/containers": [{ name: "app" }, { name: "debug" }, { name: "sidecar" }],
        containers: [{ name: "debug", image: "busybox" }],
      },
    });
    assert.deepEqual(names(containers(result)), ["app", "debug", "sidecar"]);
  });

  it("keeps elements only the server has next to their server neighbours", () => {
    const doc = pod();
    spec(doc)["containers"] = [{ name: "app" }, { name: "injected" }, { name: "sidecar" }];
    const result = applyStrategicMergePatch(
      doc,
      { spec: { "$setElementOrder/containers": [{ name: "app" }, { name: "sidecar" }], containers: [{ name: "app", image: "2" }] } },
      PodSchema,
    );
    assert.deepEqual(containers(result), [{ name: "app", image: "2" }, { name: "injected" }, { name: "sidecar" }]);
  });

  it("orders lists of scalars", () => {
    const result = patchPod({ metadata: { "$setElementOrder/finalizers": ["example.com/b", "example.com/a"] } });
    assert.deepEqual((result["metadata"] as JsonObject)["finalizers"], ["example.com/b", "example.com/a"]);
  });

  it("may name elements the list does not have (deleted meanwhile)", () => {
    const result = patchPod({ spec: { "$setElementOrder/containers": [{ name: "sidecar" }, { name: "gone" }, { name: "app" }] } });
    assert.deepEqual(names(containers(result)), ["sidecar", "app"]);
  });

  it("orders a list that is new to the object", () => {
    const result = patchPod({
      spec: { "$setElementOrder/imagePullSecrets": [{ name: "b" }, { name: "a" }], imagePullSecrets: [{ name: "b" }, { name: "a" }] },
    });
    assert.deepEqual(spec(result)["imagePullSecrets"], [{ name: "b" }, { name: "a" }]);
  });

  it("orders a replaced list too", () => {
    const result = patchPod({ spec: { "$setElementOrder/tolerations": [{ key: "b" }, { key: "a" }], tolerations: [{ key: "b" }, { key: "a" }] } });
    assert.deepEqual(spec(result)["tolerations"], [{ key: "b" }, { key: "a" }]);
  });

  it("500 when the patch list disagrees with the order", () => {
    expectStatus(
      () => patchPod({ spec: { "$setElementOrder/containers": [{ name: "app" }, { name: "sidecar" }], containers: [{ name: "sidecar" }, { name: "app" }] } }),
      {
        code: 500,
        message:
          "The order in patch list:\n[map[name:sidecar] map[name:app]]\n doesn't match $setElementOrder list:\n[map[name:app] map[name:sidecar]]\n",
      },
    );
  });

  it("400 for a $setElementOrder key without a field", () => {
    expectStatus(() => patchPod({ spec: { $setElementOrder: [] } }), {
      code: 400,
      reason: "BadRequest",
      message: "invalid patch format of setElementOrder list",
    });
  });

  it("500 when an order element lacks the merge key", () => {
    expectStatus(() => patchPod({ spec: { "$setElementOrder/containers": [{ image: "x" }] } }), {
      code: 500,
      message: "map: map[image:x] does not contain declared merge key: name",
    });
  });
});

// ---- what kubectl apply sends -------------------------------------------

describe("strategic merge patch: kubectl apply", () => {
  it("applies a three-way patch removing an env var, an annotation and a field", () => {
    // Live object: what the last apply created, plus what others added since
    // (a sidecar injected by a webhook, an annotation set by a controller).
    const live = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "web",
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration": "{old}",
          "deployment.kubernetes.io/revision": "3",
          team: "blue",
        },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            containers: [
              {
                name: "app",
                image: "app:1",
                env: [
                  { name: "A", value: "1" },
                  { name: "B", value: "2" },
                ],
                resources: { limits: { cpu: "1" } },
              },
              { name: "istio-proxy", image: "proxy:1" },
            ],
          },
        },
      },
    };
    // The manifest dropped env B, the team annotation and the resources, and changed the image:
    // the patch kubectl computes from last-applied, the manifest and the live object.
    const patch = {
      metadata: {
        annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{new}", team: null },
      },
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "app" }],
            containers: [
              {
                "$setElementOrder/env": [{ name: "A" }],
                env: [{ $patch: "delete", name: "B" }],
                image: "app:2",
                name: "app",
                resources: null,
              },
            ],
          },
        },
      },
    };
    const result = applyStrategicMergePatch(live, patch, DeploymentSchema);
    assert.deepEqual(result, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "web",
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration": "{new}",
          "deployment.kubernetes.io/revision": "3",
        },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            containers: [
              { name: "app", image: "app:2", env: [{ name: "A", value: "1" }] },
              { name: "istio-proxy", image: "proxy:1" },
            ],
          },
        },
      },
    });
  });

  it("applies a patch that reorders containers and adds a port", () => {
    const patch = {
      spec: {
        "$setElementOrder/containers": [{ name: "sidecar" }, { name: "app" }],
        containers: [{ name: "app", "$setElementOrder/ports": [{ containerPort: 80 }, { containerPort: 443 }, { containerPort: 9090 }], ports: [{ containerPort: 9090 }] }],
      },
    };
    const result = patchPod(patch);
    assert.deepEqual(names(containers(result)), ["sidecar", "app"]);
    assert.deepEqual(names(containers(result)[1]?.["ports"]), [80, 443, 9090]);
  });
});

// ---- without schema information -----------------------------------------

describe("strategic merge patch: fields the schema does not describe", () => {
  it("merges a free-form subtree like a JSON merge patch (status is a record of unknown)", () => {
    const result = applyStrategicMergePatch(
      { status: { conditions: [{ type: "A" }], observedGeneration: 1, nested: { a: 1, b: 2 } } },
      { status: { conditions: [{ type: "B" }], nested: { b: null, c: 3 } } },
      DeploymentSchema,
    );
    assert.deepEqual(result["status"], { conditions: [{ type: "B" }], observedGeneration: 1, nested: { a: 1, c: 3 } });
  });

  it("replaces lists of an undeclared field", () => {
    const doc = pod();
    spec(doc)["extraList"] = [{ name: "a" }];
    const result = applyStrategicMergePatch(doc, { spec: { extraList: [{ name: "b" }] } }, PodSchema);
    assert.deepEqual(spec(result)["extraList"], [{ name: "b" }]);
  });

  it("without any schema, every list is replaced but directives still work", () => {
    const result = applyStrategicMergePatch(pod(), { spec: { containers: [{ name: "x" }] }, metadata: { labels: { $patch: "delete" } } }, undefined);
    assert.deepEqual(containers(result), [{ name: "x" }]);
    assert.deepEqual((result["metadata"] as JsonObject)["labels"], {});
  });
});

// ---- the body ------------------------------------------------------------

describe("strategic merge patch: the patch body", () => {
  it("null is an empty patch", () => {
    assert.deepEqual(applyStrategicMergePatch(pod(), null, PodSchema), pod());
  });

  it("400 when the body is not an object", () => {
    expectStatus(() => applyStrategicMergePatch(pod(), [{ op: "add" }], PodSchema), {
      code: 400,
      reason: "BadRequest",
      message: "json: cannot unmarshal array into Go value of type map[string]interface {}",
    });
    expectStatus(() => applyStrategicMergePatch(pod(), "x", PodSchema), {
      code: 400,
      reason: "BadRequest",
      message: "json: cannot unmarshal string into Go value of type map[string]interface {}",
    });
  });

  it("500 for a schema whose strategies cannot be combined or a merge list without merge key", () => {
    const schema = z.object({
      a: z.array(z.string()).meta({ "x-kubernetes-patch-strategy": "merge,replace" }),
      b: z.array(z.object({ k: z.string() })).meta({ "x-kubernetes-patch-strategy": "merge" }),
    });
    expectStatus(() => applyStrategicMergePatch({ a: ["x"] }, { a: ["y"] }, schema), {
      code: 500,
      message: "unexpected patch strategy: [merge replace]",
    });
    expectStatus(() => applyStrategicMergePatch({ b: [{ k: "x" }] }, { b: [{ k: "y" }] }, schema), {
      code: 500,
      message: "cannot merge lists without merge key for type struct",
    });
  });
});

// ---- upstream's directive cases, with our own data ------------------------

// A recursive item in the spirit of upstream's test type: one field per strategy.
const merge = { "x-kubernetes-patch-strategy": "merge" };
const mergeByName = { ...merge, "x-kubernetes-patch-merge-key": "name" };
const ItemSchema: z.ZodType = z.lazy(() =>
  z.object({
    name: z.string().optional(),
    value: z.string().optional(),
    other: z.string().optional(),
    mergingList: z.array(ItemSchema).meta(mergeByName).optional(),
    nonMergingList: z.array(ItemSchema).optional(),
    mergingIntList: z.array(z.number()).meta(merge).optional(),
    nonMergingIntList: z.array(z.number()).optional(),
    simpleMap: z.record(z.string(), z.string()).optional(),
    replacingMap: z.record(z.string(), z.unknown()).meta({ "x-kubernetes-patch-strategy": "replace" }).optional(),
    retainKeysMap: z.object({ name: z.string(), value: z.string(), other: z.string() }).partial().meta({ "x-kubernetes-patch-strategy": "retainKeys" }).optional(),
    retainKeysMergingList: z.array(ItemSchema).meta({ "x-kubernetes-patch-strategy": "merge,retainKeys", "x-kubernetes-patch-merge-key": "name" }).optional(),
  }),
);

const itemCases: { name: string; original: JsonObject; patch: JsonObject; want: JsonObject }[] = [
  { name: "merging int list keeps values unique", original: { mergingIntList: [7, 8] }, patch: { mergingIntList: [8, 9] }, want: { mergingIntList: [7, 8, 9] } },
  { name: "non-merging int list is replaced", original: { nonMergingIntList: [7, 8] }, patch: { nonMergingIntList: [9] }, want: { nonMergingIntList: [9] } },
  { name: "non-merging list of maps is replaced", original: { nonMergingList: [{ name: "x", value: "1" }] }, patch: { nonMergingList: [{ name: "x" }] }, want: { nonMergingList: [{ name: "x" }] } },
  { name: "$patch: delete on a nested map", original: { simpleMap: { k1: "v1", k2: "v2" } }, patch: { simpleMap: { $patch: "delete" } }, want: { simpleMap: {} } },
  { name: "replace strategy replaces a map whole", original: { replacingMap: { a: 1, b: 2 } }, patch: { replacingMap: { c: 3 } }, want: { replacingMap: { c: 3 } } },
  { name: "empty patch list keeps an empty list", original: { mergingList: [] }, patch: { mergingList: [] }, want: { mergingList: [] } },
  { name: "$patch: replace on the item with new fields", original: { name: "n", value: "v" }, patch: { other: "o", $patch: "replace" }, want: { other: "o" } },
  {
    name: "patch order wins over server order",
    original: { mergingIntList: [7, 8, 9] },
    patch: { mergingIntList: [9, 7] },
    want: { mergingIntList: [8, 9, 7] },
  },
  {
    name: "$setElementOrder alone reorders ints",
    original: { mergingIntList: [7, 9] },
    patch: { "$setElementOrder/mergingIntList": [9, 8, 7] },
    want: { mergingIntList: [9, 7] },
  },
  {
    name: "$setElementOrder with additions and server-only elements",
    original: { mergingList: [{ name: "s1" }, { name: "p1", value: "1" }] },
    patch: {
      "$setElementOrder/mergingList": [{ name: "p2" }, { name: "p1" }, { name: "p3" }],
      mergingList: [{ name: "p2", value: "2" }, { name: "p3", value: "3" }],
    },
    // s1 (server-only) stays in front of p1, which it preceded on the server; p2 has no server position.
    want: { mergingList: [{ name: "p2", value: "2" }, { name: "s1" }, { name: "p1", value: "1" }, { name: "p3", value: "3" }] },
  },
  {
    name: "delete in one list, reorder another",
    original: { mergingList: [{ name: "a" }, { name: "b" }], retainKeysMergingList: [{ name: "c" }, { name: "d" }] },
    patch: {
      "$setElementOrder/mergingList": [{ name: "b" }],
      "$setElementOrder/retainKeysMergingList": [{ name: "d" }, { name: "c" }],
      mergingList: [{ $patch: "delete", name: "a" }],
    },
    want: { mergingList: [{ name: "b" }], retainKeysMergingList: [{ name: "d" }, { name: "c" }] },
  },
  {
    name: "$retainKeys in an element of a merge,retainKeys list",
    original: { retainKeysMergingList: [{ name: "a" }, { name: "b", value: "old", other: "x" }] },
    patch: { retainKeysMergingList: [{ $retainKeys: ["name", "value"], name: "b", value: "new" }] },
    want: { retainKeysMergingList: [{ name: "a" }, { name: "b", value: "new" }] },
  },
  {
    name: "$retainKeys in a retainKeys map, with a deletion",
    original: { retainKeysMap: { name: "n", value: "v", other: "o" } },
    patch: { retainKeysMap: { $retainKeys: ["name"], value: null } },
    want: { retainKeysMap: { name: "n" } },
  },
  {
    name: "deletion patch element for an element that is not there",
    original: { name: "hi", mergingList: [{ name: "hello2" }] },
    patch: {
      "$setElementOrder/mergingList": [{ name: "hello" }, { name: "doesntexist" }],
      mergingList: [{ name: "hello" }, { $patch: "delete", name: "doesntexist" }],
    },
    want: { name: "hi", mergingList: [{ name: "hello" }, { name: "hello2" }] },
  },
  {
    name: "delete and add scalars with an order",
    original: { mergingIntList: [1, 2, 3, 4] },
    patch: { "$setElementOrder/mergingIntList": [1, 2, 5], "$deleteFromPrimitiveList/mergingIntList": [3], mergingIntList: [5] },
    want: { mergingIntList: [1, 2, 5, 4] },
  },
  {
    name: "nested merging lists merge at every level",
    original: { mergingList: [{ name: "a", mergingList: [{ name: "x", value: "1" }] }] },
    patch: { mergingList: [{ name: "a", mergingList: [{ name: "x", other: "2" }, { name: "y" }] }] },
    want: { mergingList: [{ name: "a", mergingList: [{ name: "x", value: "1", other: "2" }, { name: "y" }] }] },
  },
];

describe("strategic merge patch: directive cases", () => {
  for (const c of itemCases) {
    it(c.name, () => {
      assert.deepEqual(applyStrategicMergePatch(c.original, c.patch, ItemSchema), c.want);
    });
  }
});
