// Request bodies in Kubernetes' protobuf encoding, through the server's
// protobuf hook: the example group's Widget (and the Scale of its scale
// subresource) get decoders; Gadget does not, like a custom resource. A
// protobuf body becomes the JSON value of the same object and then goes
// through the same decoding, fieldValidation, defaulting and validation as
// a JSON body; responses stay JSON.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type KubeObject, META_V1, ProtobufScheme, type ProtobufPackage, protobufWriter as pb } from "@tskube/apimachinery";
import { EXAMPLE_GROUP, type Widget } from "./example-group.js";
import { type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import { expectCode, expectStatus, gadgetsPath, widgetsPath } from "./objects.js";

const T = { timeout: 20_000 };
const PROTOBUF = "application/vnd.kubernetes.protobuf";
/** What kubectl's typed clients send. */
const HEADERS = { "Content-Type": PROTOBUF, Accept: `${PROTOBUF},application/json` };

/** Tables for the example group, in the form the built-in kinds' are written in. */
const EXAMPLE_V1: ProtobufPackage = {
  name: "example/v1",
  group: EXAMPLE_GROUP,
  version: "v1",
  messages: {
    Widget: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "*WidgetSpec"],
      3: ["status", "*WidgetStatus"],
    },
    WidgetSpec: {
      1: ["replicas", "*int32"],
      2: ["selector", "*meta/v1.LabelSelector"],
      3: ["parts", "[]Part"],
    },
    Part: {
      1: ["name", "string", "required"],
      2: ["material", "string"],
      3: ["count", "int32"],
    },
    WidgetStatus: {
      1: ["replicas", "int32"],
    },
  },
};
const AUTOSCALING_V1: ProtobufPackage = {
  name: "autoscaling/v1",
  group: "autoscaling",
  version: "v1",
  messages: {
    Scale: { 1: ["metadata", "meta/v1.ObjectMeta"], 2: ["spec", "ScaleSpec"], 3: ["status", "ScaleStatus"] },
    ScaleSpec: { 1: ["replicas", "int32"] },
    ScaleStatus: { 1: ["replicas", "int32", "required"], 2: ["selector", "string"] },
  },
};

/** ObjectMeta with a name (and, for updates, a resourceVersion), as Go's encoder writes it. */
function meta(name: string, resourceVersion = ""): Uint8Array {
  return pb.message([pb.str(1, name), pb.str(2, ""), pb.str(3, ""), pb.str(6, resourceVersion), pb.bytes(8, new Uint8Array())]);
}

function widgetBody(name: string, spec: Uint8Array[] | undefined, extra: Uint8Array[] = [], resourceVersion = ""): Buffer {
  const fields = [pb.bytes(1, meta(name, resourceVersion)), ...(spec ? [pb.bytes(2, pb.message(spec))] : []), ...extra];
  return pb.envelope(`${EXAMPLE_GROUP}/v1`, "Widget", pb.message(fields));
}

describe("protobuf request bodies", () => {
  let s: IntegrationServer;
  before(async () => {
    s = await startIntegrationServer(await createPKI(), { protobuf: new ProtobufScheme([META_V1, EXAMPLE_V1, AUTOSCALING_V1]) });
  });
  after(() => s.close());

  const send = (method: string, path: string, body: Buffer, headers: Record<string, string> = HEADERS) =>
    s.request(path, { method, body, headers });

  it("POST: 201 with the object as JSON; defaults applied as for JSON", T, async () => {
    const res = await send("POST", widgetsPath("default"), widgetBody("pb1", [pb.bytes(3, pb.message([pb.str(1, "axle"), pb.str(2, "steel")]))]));
    expectCode(res, 201);
    assert.equal(res.headers["content-type"], "application/json");
    const created = res.json<Widget>();
    assert.equal(created.apiVersion, `${EXAMPLE_GROUP}/v1`);
    assert.equal(created.kind, "Widget");
    assert.equal(created.metadata.namespace, "default");
    assert.deepEqual(created.spec, { replicas: 1, parts: [{ name: "axle", material: "steel" }] });
    const stored = (await s.request(widgetsPath("default", "pb1"))).json<Widget>();
    assert.deepEqual(stored.spec, created.spec);
  });

  it("a pointer's zero is kept: replicas 0 is not defaulted", T, async () => {
    const res = await send("POST", widgetsPath("default"), widgetBody("pb-zero", [pb.varint(1, 0)]));
    expectCode(res, 201);
    assert.equal(res.json<Widget>().spec?.replicas, 0);
  });

  it("unknown field numbers are skipped, even with fieldValidation=Strict (as upstream's protobuf decoder)", T, async () => {
    const res = await send("POST", `${widgetsPath("default")}?fieldValidation=Strict`, widgetBody("pb-unknown", [pb.str(99, "x")], [pb.varint(42, 1)]));
    expectCode(res, 201);
    assert.deepEqual(res.warnings, []);
  });

  it("validation runs as for JSON: a negative replicas is 422", T, async () => {
    const res = await send("POST", widgetsPath("default"), widgetBody("pb-bad", [pb.varint(1, -1)]));
    assert.equal(
      expectStatus(res, 422, "Invalid").message,
      'Widget.example.tskube.dev "pb-bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it("PUT of the object, of /status and of /scale (an autoscaling/v1 Scale)", T, async () => {
    const created = (await send("POST", widgetsPath("default"), widgetBody("pb-put", [pb.varint(1, 2)]))).json<Widget>();
    const rv = created.metadata.resourceVersion ?? "";
    const updated = await send("PUT", widgetsPath("default", "pb-put"), widgetBody("pb-put", [pb.varint(1, 3)], [], rv));
    expectCode(updated, 200);
    assert.equal(updated.json<Widget>().spec?.replicas, 3);

    const rv2 = updated.json<Widget>().metadata.resourceVersion ?? "";
    const status = await send("PUT", widgetsPath("default", "pb-put", "status"), widgetBody("pb-put", [pb.varint(1, 3)], [pb.bytes(3, pb.message([pb.varint(1, 3)]))], rv2));
    expectCode(status, 200);
    assert.deepEqual(status.json<Widget>().status, { replicas: 3 });

    const scale = pb.envelope("autoscaling/v1", "Scale", pb.message([pb.bytes(1, meta("pb-put")), pb.bytes(2, pb.message([pb.varint(1, 5)]))]));
    const scaled = await send("PUT", widgetsPath("default", "pb-put", "scale"), scale);
    expectCode(scaled, 200);
    assert.equal(scaled.json<KubeObject & { spec: { replicas: number } }>().spec.replicas, 5);
    assert.equal((await s.request(widgetsPath("default", "pb-put"))).json<Widget>().spec?.replicas, 5);
  });

  it("DELETE with a protobuf DeleteOptions body (what typed clients send)", T, async () => {
    const created = (await send("POST", widgetsPath("default"), widgetBody("pb-del", [pb.varint(1, 1)]))).json<Widget>();
    const options = (fields: Uint8Array[]) => pb.envelope("v1", "DeleteOptions", pb.message(fields));
    const wrongUID = await send("DELETE", widgetsPath("default", "pb-del"), options([pb.bytes(2, pb.message([pb.str(1, "00000000-0000-0000-0000-000000000000")]))]));
    expectStatus(wrongUID, 409, "Conflict");
    const dryRun = await send("DELETE", widgetsPath("default", "pb-del"), options([pb.str(5, "All")]));
    expectCode(dryRun, 200);
    expectCode(await s.request(widgetsPath("default", "pb-del")), 200);
    const deleted = await send("DELETE", widgetsPath("default", "pb-del"), options([pb.bytes(2, pb.message([pb.str(1, created.metadata.uid ?? "")])), pb.str(4, "Background")]));
    expectCode(deleted, 200);
    expectCode(await s.request(widgetsPath("default", "pb-del")), 404);
    const bad = await send("DELETE", widgetsPath("default", "x"), options([pb.varint(4, 1)]));
    assert.equal(expectStatus(bad, 400, "BadRequest").message, "unable to decode DeleteOptions: proto: wrong wireType = 0 for field PropagationPolicy");
  });

  it("415 where no decoder exists (Gadget), and the accepted types listed per endpoint", T, async () => {
    const gadget = await send("POST", gadgetsPath(), pb.envelope(`${EXAMPLE_GROUP}/v1`, "Gadget", pb.message([pb.bytes(1, meta("g"))])));
    assert.equal(
      expectStatus(gadget, 415, "UnsupportedMediaType").message,
      "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
    );
    const text = await send("POST", widgetsPath("default"), Buffer.from("name=x"), { "Content-Type": "text/plain" });
    assert.equal(
      expectStatus(text, 415, "UnsupportedMediaType").message,
      "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
    );
  });

  it("garbage, truncated or mistyped bodies are 400s worded as upstream's, and change nothing", T, async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from("{}"), "the object provided is unrecognized (must be of type Widget): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({})"],
      [Buffer.from("k8s\0", "latin1"), "the object provided is unrecognized (must be of type Widget): empty body (6b387300)"],
      [Buffer.from("k8s\0\x0a\x09", "latin1"), "the object provided is unrecognized (must be of type Widget): unexpected EOF (6b3873000a09)"],
      // The envelope cut short: nothing can be read, not even the kind.
      [widgetBody("pb-cut", [pb.varint(1, 1)]).subarray(0, 12), "the object provided is unrecognized (must be of type Widget): unexpected EOF (6b3873000a1f0a156578616d)"],
      // The object's own message cut short, in a whole envelope.
      [pb.envelope(`${EXAMPLE_GROUP}/v1`, "Widget", pb.message([pb.bytes(1, meta("pb-cut")), pb.bytes(2, pb.message([pb.varint(1, 1)]))]).subarray(0, -1)), 'Widget in version "v1" cannot be handled as a Widget: unexpected EOF'],
      [widgetBody("pb-wire", [pb.str(1, "three")]), 'Widget in version "v1" cannot be handled as a Widget: proto: wrong wireType = 2 for field Replicas'],
      [pb.envelope(`${EXAMPLE_GROUP}/v1`, "Gadget", new Uint8Array()), 'Gadget in version "v1" cannot be handled as a Widget: the kind in the data (Gadget) does not match the expected kind (Widget)'],
      [pb.envelope(`${EXAMPLE_GROUP}/v2`, "Widget", pb.message([pb.bytes(1, meta("pb-v2"))])), `the API version in the data (${EXAMPLE_GROUP}/v2) does not match the expected API version (${EXAMPLE_GROUP}/v1)`],
    ];
    for (const [body, message] of cases) {
      const res = await send("POST", widgetsPath("default"), body);
      assert.equal(expectStatus(res, 400, "BadRequest").message, message);
    }
    for (const name of ["pb-cut", "pb-wire", "pb-v2"]) expectCode(await s.request(widgetsPath("default", name)), 404);
    expectCode(await s.request("/readyz"), 200);
  });

  it("an envelope without apiVersion and kind takes the endpoint's, as a JSON body does", T, async () => {
    const body = Buffer.concat([Buffer.from("k8s\0", "latin1"), pb.message([pb.bytes(2, pb.message([pb.bytes(1, meta("pb-bare"))]))])]);
    const res = await send("POST", widgetsPath("default"), body);
    expectCode(res, 201);
    assert.equal(res.json<Widget>().metadata.name, "pb-bare");
  });
});
