// PATCH over HTTP: each patch type, the 415s, strict field validation of the
// patched object, and the errors of a patch that does not apply.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type TestAPI, request, startTestAPI } from "../test-support.js";

let api: TestAPI;
const WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
const GADGETS = "/apis/example.com/v1/gadgets";

const JSON_PATCH = "application/json-patch+json";
const MERGE_PATCH = "application/merge-patch+json";
const SMP = "application/strategic-merge-patch+json";

function patch(path: string, contentType: string, body: unknown) {
  return request(api.url, path, {
    method: "PATCH",
    headers: { "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function createWidget(name: string, spec: Record<string, unknown>) {
  const res = await request(api.url, WIDGETS, { method: "POST", body: { apiVersion: "example.com/v1", kind: "Widget", metadata: { name }, spec } });
  assert.equal(res.status, 201, res.text);
}

async function expectError(res: Promise<Awaited<ReturnType<typeof request>>>, code: number, reason: string): Promise<string> {
  const r = await res;
  assert.equal(r.status, code, r.text);
  assert.equal(r.json().reason, reason, r.text);
  return r.json().message;
}

before(async () => {
  api = await startTestAPI();
  await createWidget("w", { replicas: 1, containers: [{ name: "a", image: "a:1" }, { name: "b", image: "b:1" }] });
  const gadget = { apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "g" }, spec: { color: "red", tags: ["x"] } };
  assert.equal((await request(api.url, GADGETS, { method: "POST", body: gadget })).status, 201);
});
after(async () => {
  await api.close();
});

describe("patch types", () => {
  it("applies a JSON merge patch", async () => {
    const res = await patch(`${WIDGETS}/w`, MERGE_PATCH, { metadata: { labels: { merged: "yes" } }, spec: { replicas: 2 } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json().spec.replicas, 2);
    assert.deepEqual(res.json().metadata.labels, { merged: "yes" });
    assert.equal(res.json().spec.containers.length, 2, "a merge patch leaves unnamed fields alone");
  });

  it("applies a JSON patch", async () => {
    const res = await patch(`${WIDGETS}/w`, JSON_PATCH, [
      { op: "test", path: "/spec/replicas", value: 2 },
      { op: "replace", path: "/spec/replicas", value: 3 },
    ]);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json().spec.replicas, 3);
  });

  it("applies a strategic merge patch, merging lists by their key", async () => {
    const res = await patch(`${WIDGETS}/w`, SMP, { spec: { containers: [{ name: "b", image: "b:2" }] } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json().spec.containers, [
      { name: "a", image: "a:1" },
      { name: "b", image: "b:2" },
    ]);
  });

  it("answers 415 for strategic merge patch where the kind has none, and for apply and unknown types", async () => {
    assert.equal(
      await expectError(patch(`${GADGETS}/g`, SMP, { spec: { color: "blue" } }), 415, "UnsupportedMediaType"),
      "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json",
    );
    await expectError(patch(`${WIDGETS}/w`, "application/apply-patch+yaml", "spec: {}"), 415, "UnsupportedMediaType");
    await expectError(patch(`${WIDGETS}/w`, "application/json", {}), 415, "UnsupportedMediaType");
    const ok = await patch(`${GADGETS}/g`, MERGE_PATCH, { spec: { color: "blue" } });
    assert.equal(ok.json().spec.color, "blue");
  });
});

describe("patch errors", () => {
  it("answers 404 for a missing object", async () => {
    assert.equal(await expectError(patch(`${WIDGETS}/nope`, MERGE_PATCH, {}), 404, "NotFound"), 'widgets.example.com "nope" not found');
  });

  it("answers 400 for a malformed patch and 422 for a JSON patch that does not apply", async () => {
    await expectError(patch(`${WIDGETS}/w`, MERGE_PATCH, "{nope"), 400, "BadRequest");
    await expectError(patch(`${WIDGETS}/w`, JSON_PATCH, '{"op":"add"}'), 400, "BadRequest");
    assert.equal(
      await expectError(patch(`${WIDGETS}/w`, JSON_PATCH, [{ op: "test", path: "/spec/replicas", value: 99 }]), 422, "Invalid"),
      "the server rejected our request due to an error in our request",
    );
  });

  it("refuses a patch that renames the object", async () => {
    assert.equal(
      await expectError(patch(`${WIDGETS}/w`, MERGE_PATCH, { metadata: { name: "renamed" } }), 400, "BadRequest"),
      "the name of the object (renamed) does not match the name on the URL (w)",
    );
  });

  it("answers 422 Invalid on the patch when the result does not decode", async () => {
    const message = await expectError(patch(`${WIDGETS}/w`, MERGE_PATCH, { spec: { replicas: "many" } }), 422, "Invalid");
    assert.match(message, /^ "" is invalid: patch: Invalid value: "\{.*\}": spec\.replicas: /);
  });

  it("rejects force on a patch that is not an apply", async () => {
    assert.equal(
      await expectError(patch(`${WIDGETS}/w?force=true`, MERGE_PATCH, {}), 422, "Invalid"),
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });
});

describe("patch field validation", () => {
  it("Strict: unknown fields in the result and duplicate fields in the patch are a 422", async () => {
    const body = '{"spec": {"replicas": 4, "replicas": 5, "colour": "red"}}';
    const message = await expectError(patch(`${WIDGETS}/w?fieldValidation=Strict`, MERGE_PATCH, body), 422, "Invalid");
    assert.match(message, /^ "" is invalid: patch: Invalid value: ".*": strict decoding error: duplicate field "spec.replicas", unknown field "spec.colour"$/);
  });

  it("Warn (the default): warns and applies the rest", async () => {
    const res = await patch(`${WIDGETS}/w`, MERGE_PATCH, '{"spec": {"replicas": 4, "replicas": 5, "colour": "red"}}');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.warnings, ['duplicate field "spec.replicas"', 'unknown field "spec.colour"']);
    assert.equal(res.json().spec.replicas, 5);
    assert.equal(res.json().spec.colour, undefined);
  });

  it("Ignore: drops unknown fields silently; dryRun stores nothing", async () => {
    const res = await patch(`${WIDGETS}/w?fieldValidation=Ignore&dryRun=All`, MERGE_PATCH, { spec: { replicas: 42, colour: "red" } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.warnings, []);
    assert.equal(res.json().spec.replicas, 42);
    assert.equal((await request(api.url, `${WIDGETS}/w`)).json().spec.replicas, 5);
  });

  it("reports JSON patch operations given a key twice", async () => {
    const res = await patch(`${WIDGETS}/w`, JSON_PATCH, '[{"op": "replace", "path": "/spec/replicas", "value": 6, "value": 7}]');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.warnings, ['json patch duplicate field "[0].value"']);
    assert.equal(res.json().spec.replicas, 7);
  });
});
