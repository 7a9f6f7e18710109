import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { StatusError } from "@tskube/apimachinery";
import { applyPatch, patchTypeFromContentType, supportedPatchTypes, type PatchType } from "./patch-type.js";
import { PodSchema } from "./testing/workload-schema.js";

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", labels: { app: "web" } },
  spec: { containers: [{ name: "app", image: "app:1" }, { name: "sidecar" }] },
};

function statusOf(fn: () => unknown): StatusError["status"] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StatusError, `not a StatusError: ${String(err)}`);
    return err.status;
  }
  assert.fail("expected an error");
}

describe("patchTypeFromContentType", () => {
  it("reads the media type and ignores parameters and case", () => {
    assert.equal(patchTypeFromContentType("application/merge-patch+json"), "application/merge-patch+json");
    assert.equal(patchTypeFromContentType("Application/JSON-Patch+JSON; charset=utf-8"), "application/json-patch+json");
    assert.equal(patchTypeFromContentType("application/apply-patch+yaml"), "application/apply-patch+yaml");
    assert.equal(patchTypeFromContentType("application/json"), undefined);
    assert.equal(patchTypeFromContentType(undefined), undefined);
  });
});

describe("applyPatch", () => {
  it("dispatches on the patch type", () => {
    const body = '{"spec":{"containers":[{"name":"app","image":"app:2"}]}}';
    const strategic = applyPatch("application/strategic-merge-patch+json", pod, body, PodSchema) as typeof pod;
    assert.deepEqual(strategic.spec.containers, [{ name: "app", image: "app:2" }, { name: "sidecar" }]);
    const merge = applyPatch("application/merge-patch+json", pod, body) as typeof pod;
    assert.deepEqual(merge.spec.containers, [{ name: "app", image: "app:2" }]);
    const json = applyPatch(
      "application/json-patch+json",
      pod,
      new TextEncoder().encode('[{"op":"replace","path":"/spec/containers/0/image","value":"app:3"}]'),
    ) as typeof pod;
    assert.equal(json.spec.containers[0]?.image, "app:3");
  });

  it("415 for apply-patch+yaml until server-side apply exists", () => {
    assert.deepEqual(statusOf(() => applyPatch("application/apply-patch+yaml", pod, "{}", PodSchema)), {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json",
      reason: "UnsupportedMediaType",
      code: 415,
    });
  });

  it("415 for strategic merge patch without a schema (custom resources)", () => {
    const status = statusOf(() => applyPatch("application/strategic-merge-patch+json", pod, "{}"));
    assert.equal(status.code, 415);
    assert.equal(
      status.message,
      "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json",
    );
  });

  it("400 for a body that is not JSON", () => {
    const cases: [PatchType, string][] = [
      ["application/merge-patch+json", "Invalid JSON Patch"],
      ["application/json-patch+json", ""],
      ["application/strategic-merge-patch+json", ""],
    ];
    for (const [type, message] of cases) {
      const status = statusOf(() => applyPatch(type, pod, "{not json", PodSchema));
      assert.equal(status.code, 400);
      assert.equal(status.reason, "BadRequest");
      if (message) assert.equal(status.message, message);
    }
  });

  it("lists the supported types", () => {
    assert.deepEqual(supportedPatchTypes({ strategicMergePatch: false }), [
      "application/json-patch+json",
      "application/merge-patch+json",
    ]);
  });
});
