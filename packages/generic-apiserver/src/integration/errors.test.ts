// Every error path a client can reach, over real HTTPS: each answers a
// Status with upstream's code and reason, changes nothing, and leaves the
// server healthy. A resource whose strategy throws stands for a bug in a
// handler: it costs its requests a 500, not the server.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type KubeObject, ObjectMetaSchema, TypeMetaSchema, type Status } from "@tskube/apimachinery";
import { Store, openEmbeddedDriver } from "@tskube/storage";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { createRegistryStore } from "../registry/create-registry-store.js";
import { ALL_VERBS, type ResourceDefinition } from "../registry/resource.js";
import type { APIGroupInfo } from "../server/api-group.js";
import type { Widget } from "./example-group.js";
import { type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import { type List, expectCode, expectStatus, gadget, gadgetsPath, widget, widgetsPath } from "./objects.js";

const T = { timeout: 20_000 };
const MiB = 1024 * 1024;

// ---- a resource with a bug ----------------------------------------------------

const FaultySchema = TypeMetaSchema.extend({ metadata: ObjectMetaSchema.default({}), spec: z.object({ crash: z.boolean() }).optional() });
type Faulty = z.infer<typeof FaultySchema>;

/** faulty.tskube.dev/v1 Faulty: validation throws when spec.crash is set; its Table column always throws. */
const faultyDefinition: ResourceDefinition<Faulty> = {
  group: "faulty.tskube.dev",
  version: "v1",
  kind: "Faulty",
  resource: "faulties",
  singular: "faulty",
  namespaced: false,
  verbs: ALL_VERBS,
  schema: FaultySchema,
  strategy: {
    validate(obj) {
      if (obj.spec?.crash) throw new Error("the validator crashed");
      return [];
    },
  },
  tableColumns: [
    {
      name: "Broken",
      type: "string",
      description: "A column whose cell cannot be computed.",
      cell: () => {
        throw new TypeError("cannot read the cell");
      },
    },
  ],
};

let s: IntegrationServer;
let faultyDir: string;
let closeFaultyStore: () => Promise<void>;
before(async () => {
  faultyDir = mkdtempSync(join(tmpdir(), "tskube-faulty-"));
  const kv = openEmbeddedDriver({ dataDir: faultyDir });
  closeFaultyStore = () => kv.close();
  const faulty: APIGroupInfo = {
    name: "faulty.tskube.dev",
    versions: [{ version: "v1", resources: [createRegistryStore(faultyDefinition, { storage: new Store<Faulty>({ kv }) })] }],
  };
  // A short watch-cache history, so that a watch can fall out of it.
  s = await startIntegrationServer(await createPKI(), {
    extraGroups: [faulty],
    cacher: { history: { minEvents: 8, maxEvents: 8, minAgeMs: 0 } },
  });
  expectCode(await s.request(widgetsPath("err"), { method: "POST", body: widget("w1", { spec: { replicas: 1 } }) }), 201);
});
after(async () => {
  await s.close();
  await closeFaultyStore();
  rmSync(faultyDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => s.request(path, { method: "POST", body, headers });

describe("bodies that do not decode", () => {
  it("malformed JSON: 400 BadRequest", T, async () => {
    const JSON_TYPE = { "Content-Type": "application/json" };
    const status = expectStatus(await post(widgetsPath("err"), '{"metadata": {"name": "x"', JSON_TYPE), 400, "BadRequest");
    assert.match(
      status.message ?? "",
      /^the object provided is unrecognized \(must be of type Widget\): couldn't get version\/kind; json parse error: .+ \(\{"metadata": \{"name": "x"\)$/,
    );
    const empty = expectStatus(await post(widgetsPath("err"), "", JSON_TYPE), 400, "BadRequest");
    assert.equal(
      empty.message,
      "the object provided is unrecognized (must be of type Widget): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)",
    );
    const current = (await s.request(widgetsPath("err", "w1"))).text;
    const truncated = await s.request(widgetsPath("err", "w1"), { method: "PUT", body: current.slice(0, -2), headers: JSON_TYPE });
    expectStatus(truncated, 400, "BadRequest");
  });

  it("malformed YAML: 400 BadRequest", T, async () => {
    const res = await post(widgetsPath("err"), "metadata: [unclosed", { "Content-Type": "application/yaml" });
    const status = expectStatus(res, 400, "BadRequest");
    assert.match(status.message ?? "", /couldn't get version\/kind; error converting YAML to JSON: yaml: /);
  });

  it("a field of the wrong type: 400 BadRequest", T, async () => {
    const status = expectStatus(await post(widgetsPath("err"), { ...widget("x"), spec: { replicas: "three" } }), 400, "BadRequest");
    assert.match(status.message ?? "", /^Widget in version "v1" cannot be handled as a Widget: spec\.replicas: /);
  });

  it("the wrong kind for the URL: 400 BadRequest", T, async () => {
    const kind = expectStatus(await post(widgetsPath("err"), gadget("x")), 400, "BadRequest");
    assert.equal(
      kind.message,
      'Gadget in version "v1" cannot be handled as a Widget: the kind in the data (Gadget) does not match the expected kind (Widget)',
    );
    const version = expectStatus(await post(widgetsPath("err"), { ...widget("x"), apiVersion: "example.tskube.dev/v2" }), 400, "BadRequest");
    assert.equal(
      version.message,
      "the API version in the data (example.tskube.dev/v2) does not match the expected API version (example.tskube.dev/v1)",
    );
  });

  it("a name or namespace that contradicts the URL: 400 BadRequest", T, async () => {
    const current = (await s.request(widgetsPath("err", "w1"))).json<Widget>();
    const renamed = expectStatus(
      await s.request(widgetsPath("err", "w1"), { method: "PUT", body: { ...current, metadata: { ...current.metadata, name: "w2" } } }),
      400,
      "BadRequest",
    );
    assert.equal(renamed.message, "the name of the object (w2) does not match the name on the URL (w1)");
    const elsewhere = widget("x", { metadata: { name: "x", namespace: "elsewhere" } });
    const moved = expectStatus(await post(widgetsPath("err"), elsewhere), 400, "BadRequest");
    assert.equal(moved.message, "the namespace of the provided object does not match the namespace sent on the request");
  });

  it("unknown fields with fieldValidation=Strict: 400; Warn and Ignore accept the object", T, async () => {
    const body = { ...widget("fv"), spec: { replicas: 1, colour: "red" } };
    const strict = expectStatus(await post(`${widgetsPath("err")}?fieldValidation=Strict&dryRun=All`, body), 400, "BadRequest");
    assert.equal(strict.message, 'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour"');
    const warn = await post(`${widgetsPath("err")}?fieldValidation=Warn&dryRun=All`, body);
    expectCode(warn, 201);
    assert.deepEqual(warn.warnings, ['unknown field "spec.colour"']);
    const ignore = await post(`${widgetsPath("err")}?fieldValidation=Ignore&dryRun=All`, body);
    expectCode(ignore, 201);
    assert.deepEqual(ignore.warnings, []);
  });
});

describe("objects the kind's rules reject", () => {
  it("validation: 422 Invalid with a cause per field", T, async () => {
    const status = expectStatus(
      await post(widgetsPath("err"), widget("bad", { spec: { replicas: -1, parts: [{ name: "a" }, { name: "a" }] } })),
      422,
      "Invalid",
    );
    assert.equal(
      status.message,
      'Widget.example.tskube.dev "bad" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.parts[1].name: Duplicate value: "a"]',
    );
    assert.deepEqual(status.details, {
      name: "bad",
      group: "example.tskube.dev",
      kind: "Widget",
      causes: [
        { reason: "FieldValueInvalid", message: "Invalid value: -1: must be greater than or equal to 0", field: "spec.replicas" },
        { reason: "FieldValueDuplicate", message: 'Duplicate value: "a"', field: "spec.parts[1].name" },
      ],
    });
    const color = expectStatus(await post(gadgetsPath(), gadget("g", { color: "mauve" })), 422, "Invalid");
    assert.equal(
      color.message,
      'Gadget.example.tskube.dev "g" is invalid: spec.color: Unsupported value: "mauve": supported values: "red", "green", "blue"',
    );
  });

  it("a name that is taken: 409 AlreadyExists; a missing object: 404 NotFound", T, async () => {
    const exists = expectStatus(await post(widgetsPath("err"), widget("w1")), 409, "AlreadyExists");
    assert.equal(exists.message, 'widgets.example.tskube.dev "w1" already exists');
    assert.deepEqual(exists.details, { name: "w1", group: "example.tskube.dev", kind: "widgets" });
    const missing = expectStatus(await s.request(widgetsPath("err", "nope")), 404, "NotFound");
    assert.equal(missing.message, 'widgets.example.tskube.dev "nope" not found');
    expectStatus(await s.request(widgetsPath("err", "nope"), { method: "DELETE" }), 404, "NotFound");
  });
});

describe("bodies that are too large", () => {
  it("413 RequestEntityTooLarge beyond 3 MiB, with or without a Content-Length", T, async () => {
    const big = Buffer.alloc(3 * MiB + 1, " ");
    const declared = expectStatus(await post(widgetsPath("err"), big, { "Content-Type": "application/json" }), 413, "RequestEntityTooLarge");
    assert.equal(declared.message, "Request entity too large: limit is 3145728");
    const chunked = await s.request(widgetsPath("err", "w1"), {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json", "Transfer-Encoding": "chunked" },
      body: big,
    });
    expectStatus(chunked, 413, "RequestEntityTooLarge");
    // The connection of a body cut short is closed, and the answer says so:
    // the client's next request goes out on a new connection.
    assert.equal(chunked.headers.connection, "close");
    expectCode(await s.request(widgetsPath("err", "w1")), 200);
  });
});

describe("paths nobody serves", () => {
  it("an unknown group, version or resource: 404 NotFound", T, async () => {
    const paths = ["/apis/nope.example.com/v1/namespaces/err/things", "/apis/example.tskube.dev/v9/gadgets", "/apis/example.tskube.dev/v1/things"];
    for (const path of paths) {
      const status = expectStatus(await s.request(path), 404, "NotFound");
      assert.equal(status.message, "the server could not find the requested resource");
    }
  });

  it("a subresource the kind does not have: 404; a verb it does not offer: 405", T, async () => {
    expectStatus(await s.request(`${gadgetsPath("g")}/status`), 404, "NotFound");
    expectStatus(await s.request(widgetsPath("err", "w1", "status"), { method: "DELETE" }), 405, "MethodNotAllowed");
  });
});

describe("stale and future resource versions", () => {
  it("an update from a stale resourceVersion: 409 Conflict", T, async () => {
    const current = (await s.request(widgetsPath("err", "w1"))).json<Widget>();
    expectCode(await s.request(widgetsPath("err", "w1"), { method: "PUT", body: { ...current, spec: { replicas: 2 } } }), 200);
    const res = await s.request(widgetsPath("err", "w1"), { method: "PUT", body: { ...current, spec: { replicas: 3 } } });
    const stale = expectStatus(res, 409, "Conflict");
    assert.equal(
      stale.message,
      'Operation cannot be fulfilled on widgets.example.tskube.dev "w1": the object has been modified; please apply your changes to the latest version and try again',
    );
    assert.equal((await s.request(widgetsPath("err", "w1"))).json<Widget>().spec?.replicas, 2, "the stale write changed nothing");
  });

  it("a watch from before the cache's history: HTTP 200, then an ERROR event with 410 Expired", T, async () => {
    const created = (await post(widgetsPath("err"), widget("churn"))).json<Widget>();
    for (let i = 0; i < 10; i++) {
      await s.request(widgetsPath("err", "churn"), {
        method: "PATCH",
        headers: { "Content-Type": "application/merge-patch+json" },
        body: JSON.stringify({ spec: { replicas: i } }),
      });
    }
    const w = await s.openStream(`${widgetsPath("err")}?watch=true&resourceVersion=${created.metadata.resourceVersion}`);
    assert.equal(w.status, 200);
    const event = await w.next();
    assert.equal(event.type, "ERROR");
    const status = event.object as unknown as Status;
    assert.equal(status.code, 410);
    assert.equal(status.reason, "Expired");
    assert.equal(status.message, "The resourceVersion for the provided watch is too old.");
    await w.ended;
  });

  it("a continue token from before a compaction: 410 Expired, carrying a token to go on with", T, async () => {
    for (const name of ["c1", "c2", "c3"]) expectCode(await post(gadgetsPath(), gadget(name)), 201);
    const first = (await s.request(`${gadgetsPath()}?limit=1`)).json<List>();
    expectCode(await post(gadgetsPath(), gadget("c4")), 201);
    await s.kv.compact(await s.kv.currentRevision());
    const res = await s.request(`${gadgetsPath()}?limit=1&continue=${encodeURIComponent(first.metadata.continue ?? "")}`);
    const status = expectStatus(res, 410, "Expired");
    assert.match(status.message ?? "", /^The provided continue parameter is too old to display a consistent list result\./);
    const fresh = (status.metadata as { continue?: string } | undefined)?.continue;
    assert.ok(fresh, "a fresh, inconsistent continue token");
    expectCode(await s.request(`${gadgetsPath()}?limit=1&continue=${encodeURIComponent(fresh)}`), 200);
  });

  it("a resourceVersion the server has not reached: 504 Timeout with cause ResourceVersionTooLarge", T, async () => {
    const ahead = (await s.kv.currentRevision()) + 1000;
    const status = expectStatus(await s.request(`${widgetsPath("err")}?resourceVersion=${ahead}`), 504, "Timeout");
    assert.deepEqual(status.details?.causes?.map((c) => c.reason), ["ResourceVersionTooLarge"]);
    assert.match(status.message ?? "", new RegExp(`^Timeout: Too large resource version: ${ahead}, current: \\d+$`));
  });
});

describe("media types", () => {
  it("an Accept the server cannot produce: 406 NotAcceptable (in JSON)", T, async () => {
    const status = expectStatus(
      await s.request(widgetsPath("err", "w1"), { headers: { Accept: "application/vnd.kubernetes.protobuf" } }),
      406,
      "NotAcceptable",
    );
    assert.equal(status.message, "only the following media types are accepted: application/json, application/yaml");
    // Protobuf first, then JSON: JSON.
    expectCode(await s.request(widgetsPath("err", "w1"), { headers: { Accept: "application/vnd.kubernetes.protobuf,application/json" } }), 200);
    // YAML has no framing for a stream: not for watches. (The error itself
    // follows the Accept header, as upstream's does.)
    const yaml = await s.request(`${widgetsPath("err")}?watch=true`, { headers: { Accept: "application/yaml" } });
    expectCode(yaml, 406);
    assert.equal(yaml.headers["content-type"], "application/yaml");
    assert.match(yaml.text, /^reason: NotAcceptable$/m);
  });

  it("a Content-Type the server cannot read: 415 UnsupportedMediaType", T, async () => {
    const form = await post(widgetsPath("err"), "name=x", { "Content-Type": "application/x-www-form-urlencoded" });
    assert.equal(
      expectStatus(form, 415, "UnsupportedMediaType").message,
      "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
    );
    const protobuf = await post(widgetsPath("err"), JSON.stringify(widget("x")), { "Content-Type": "application/vnd.kubernetes.protobuf" });
    expectStatus(protobuf, 415, "UnsupportedMediaType");
  });
});

describe("a handler that throws", () => {
  it("costs the request a 500 InternalError Status, and nothing else", T, async () => {
    const path = "/apis/faulty.tskube.dev/v1/faulties";
    const body = { apiVersion: "faulty.tskube.dev/v1", kind: "Faulty", metadata: { name: "f1" }, spec: { crash: true } };
    const status = expectStatus(await post(path, body), 500, "InternalError");
    assert.equal(status.message, "Internal error occurred: the validator crashed");
    assert.deepEqual(status.details?.causes, [{ message: "the validator crashed" }]);
    expectStatus(await s.request(`${path}/f1`), 404, "NotFound");

    // The same resource still serves what does not hit the bug...
    expectCode(await post(path, { ...body, spec: { crash: false } }), 201);
    expectCode(await s.request(`${path}/f1`), 200);
    // ... and a failure while writing the response is a 500 too.
    const asTable = await s.request(path, { headers: { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" } });
    const table = expectStatus(asTable, 500, "InternalError");
    assert.equal(table.message, "Internal error occurred: cannot read the cell");
  });
});

describe("afterwards", () => {
  it("the server is healthy, serves requests, and has nothing left in flight", T, async () => {
    const readyz = await s.request("/readyz?verbose");
    expectCode(readyz, 200);
    assert.equal(readyz.text, "[+]ping ok\n[+]etcd ok\n[+]shutdown ok\nreadyz check passed\n");
    expectCode(await s.request("/livez"), 200);
    expectCode(await post(widgetsPath("err"), widget("after")), 201);
    assert.equal((await s.request(widgetsPath("err", "after"))).json<KubeObject>().metadata.name, "after");

    const metrics = (await s.request("/metrics")).text;
    // This /metrics request is the only one in flight.
    assert.match(metrics, /^apiserver_current_inflight_requests\{request_kind="readOnly"\} 1$/m);
    assert.match(metrics, /^apiserver_current_inflight_requests\{request_kind="mutating"\} 0$/m);
    const faultyPOSTs =
      'apiserver_request_total{verb="POST",dry_run="",group="faulty.tskube.dev",version="v1",resource="faulties",' +
      'subresource="",scope="resource",component="apiserver",code="500"} 1';
    assert.ok(metrics.split("\n").includes(faultyPOSTs), "the 500 was counted");
  });
});
