import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isStatusError } from "@tskube/apimachinery";
import { negotiateInput, negotiateOutput, parseAccept } from "./negotiation.js";

const KUBECTL_GET =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
const resource = { allowTransforms: true, stream: false };

function rejectsWith(fn: () => unknown, code: number, message: string) {
  assert.throws(fn, (err) => isStatusError(err) && err.code === code && err.status.message === message);
}

describe("parseAccept", () => {
  it("keeps the client's order among equal weights and sorts by q", () => {
    const ranges = parseAccept("text/html;q=0.5, application/json;as=Table;g=meta.k8s.io;v=v1, */*;q=0.8");
    assert.deepEqual(
      ranges.map((r) => `${r.type}/${r.subtype}`),
      ["application/json", "*/*", "text/html"],
    );
    assert.deepEqual(ranges[0]!.params, { as: "Table", g: "meta.k8s.io", v: "v1" });
  });

  it("reads quoted parameters and drops malformed entries", () => {
    const ranges = parseAccept('application/json;profile="a,b", nonsense, *');
    assert.equal(ranges.length, 2);
    assert.equal(ranges[0]!.params.profile, "a,b");
    assert.equal(ranges[1]!.type, "*");
  });
});

describe("negotiateOutput", () => {
  it("answers JSON without an Accept header or for */*", () => {
    assert.deepEqual(negotiateOutput(undefined, resource), { format: "json", pretty: false });
    assert.deepEqual(negotiateOutput("*/*", resource), { format: "json", pretty: false });
    assert.deepEqual(negotiateOutput("application/*", resource), { format: "json", pretty: false });
  });

  it("gives kubectl get the v1 Table it asks for first", () => {
    assert.deepEqual(negotiateOutput(KUBECTL_GET, resource), {
      format: "json",
      pretty: false,
      convert: { kind: "Table", version: "v1" },
    });
  });

  it("honours v1beta1 Tables and PartialObjectMetadata(List)", () => {
    assert.deepEqual(negotiateOutput("application/json;as=Table;v=v1beta1;g=meta.k8s.io", resource).convert, {
      kind: "Table",
      version: "v1beta1",
    });
    assert.deepEqual(
      negotiateOutput("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", resource).convert,
      { kind: "PartialObjectMetadataList", version: "v1" },
    );
  });

  it("skips protobuf when JSON is also acceptable", () => {
    const accept = "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    assert.deepEqual(negotiateOutput(accept, resource), { format: "json", pretty: false });
  });

  it("skips transforms it does not know and transforms where none are allowed", () => {
    assert.deepEqual(negotiateOutput("application/json;as=Foo;g=meta.k8s.io;v=v1,application/yaml", resource), {
      format: "yaml",
      pretty: false,
    });
    assert.equal(negotiateOutput("application/json;as=Table;g=example.com;v=v1,application/json", resource).convert, undefined);
    const errorsOnly = { allowTransforms: false, stream: false };
    assert.equal(negotiateOutput(KUBECTL_GET, errorsOnly).convert, undefined);
  });

  it("reads pretty=1 from the media type", () => {
    assert.equal(negotiateOutput("application/json;pretty=1", resource).pretty, true);
  });

  it("answers 406 when nothing can be satisfied", () => {
    rejectsWith(
      () => negotiateOutput("application/vnd.kubernetes.protobuf", resource),
      406,
      "only the following media types are accepted: application/json, application/yaml",
    );
    rejectsWith(() => negotiateOutput("text/html;q=1,application/json;q=0", resource), 406, "only the following media types are accepted: application/json, application/yaml");
  });

  it("streams only JSON", () => {
    const stream = { allowTransforms: true, stream: true };
    assert.equal(negotiateOutput("application/yaml,application/json;stream=watch", stream).format, "json");
    rejectsWith(() => negotiateOutput("application/yaml", stream), 406, "only the following media types are accepted: application/json");
  });
});

describe("negotiateInput", () => {
  it("reads JSON (the default) and YAML, ignoring parameters", () => {
    assert.equal(negotiateInput(undefined), "json");
    assert.equal(negotiateInput("application/json; charset=utf-8"), "json");
    assert.equal(negotiateInput("application/yaml"), "yaml");
  });

  it("answers 415 for anything else", () => {
    rejectsWith(
      () => negotiateInput("application/vnd.kubernetes.protobuf"),
      415,
      "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
    );
  });

  it("reads protobuf only where the endpoint has a decoder, and then lists it among the accepted types", () => {
    assert.equal(negotiateInput("application/vnd.kubernetes.protobuf", true), "protobuf");
    assert.equal(negotiateInput("application/json", true), "json");
    rejectsWith(
      () => negotiateInput("application/cbor", true),
      415,
      "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
    );
  });
});
