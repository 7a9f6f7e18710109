// The wire reader, the envelope, the table-driven decoder and the types with
// a JSON form of their own, on bytes built here; and garbage, which must
// only ever produce a ProtobufError.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readEnvelope } from "./envelope.js";
import { META_PROTOBUF } from "./index.js";
import { META_V1 } from "./meta-v1.js";
import { ProtobufScheme } from "./scheme.js";
import type { ProtobufPackage } from "./table.js";
import { formatGoDuration } from "../util/go-duration.js";
import { ProtobufError, readFields } from "./wire.js";
import { bytes, entry, envelope, fixed, message, str, varint } from "./writer.js";

const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ""), "hex");

/** A package exercising every part of the table form. */
const TEST_V1: ProtobufPackage = {
  name: "test/v1",
  group: "test.example",
  version: "v1",
  messages: {
    Thing: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["name", "string", "required"],
      3: ["note", "string"],
      4: ["count", "int32"],
      5: ["replicas", "*int32"],
      6: ["big", "int64"],
      7: ["on", "bool"],
      8: ["tags", "[]string"],
      9: ["ports", "[]int32"],
      10: ["labels", "map[string]string"],
      11: ["blobs", "map[string][]byte"],
      12: ["data", "[]byte"],
      13: ["child", "Child"],
      14: ["maybe", "*Child"],
      15: ["children", "[]Child"],
      16: ["byName", "map[string]Child"],
      17: ["", "Embedded", "inline"],
      18: ["must", "[]string", "required"],
      19: ["mustPtr", "*Child", "required"],
      20: ["port", "IntOrString"],
      21: ["size", "Quantity"],
      22: ["at", "*Time"],
      23: ["when", "MicroTime"],
      24: ["every", "Duration"],
      25: ["raw", "RawExtension"],
      26: ["extra", "map[string]StringList"],
      27: ["ratio", "float64"],
      28: ["weight", "float32"],
    },
    Child: {
      1: ["a", "string"],
      2: ["b", "int32"],
      3: ["always", "string", "required"],
    },
    Embedded: {
      1: ["embeddedField", "string"],
    },
  },
};

const scheme = new ProtobufScheme([META_V1, TEST_V1]);
const thing = (fields: Uint8Array[]) => scheme.decode("test/v1.Thing", message(fields));

/** What an empty Thing decodes to: struct values and required fields. */
const EMPTY_THING = {
  metadata: { creationTimestamp: null },
  name: "",
  child: { always: "" },
  must: null,
  mustPtr: null,
  port: 0,
  size: "0",
  when: null,
  every: "0s",
  raw: null,
};

describe("wire format", () => {
  it("reads varints, length-delimited, fixed fields, in order", () => {
    const fields = readFields(message([varint(1, 150), str(2, "hi"), fixed(3, 1.5, 8), fixed(4, 2.5, 4), varint(5, -1)]));
    assert.deepEqual(
      fields.map((f) => [f.number, f.wireType]),
      [[1, 0], [2, 2], [3, 1], [4, 5], [5, 0]],
    );
    assert.equal(fields[0]?.varint, 150n);
    assert.equal(Buffer.from(fields[1]?.bytes ?? []).toString(), "hi");
    assert.equal(fields[4]?.varint, 2n ** 64n - 1n);
  });

  it("skips groups, nested ones too", () => {
    // field 1 start group { field 2 varint, field 3 group { } } end group, field 4 varint
    const fields = readFields(hex("0b 10 01 1b 1c 0c 20 07"));
    assert.deepEqual(fields.map((f) => [f.number, f.wireType]), [[1, 3], [4, 0]]);
  });

  it("rejects malformed input with gogo's words", () => {
    const cases: [string, string][] = [
      ["08", "unexpected EOF"], // varint missing
      ["0a05616263", "unexpected EOF"], // 5 bytes announced, 3 given
      ["08ffffffffffffffffffff01", "proto: integer overflow"],
      ["0affffffffffffffffff01", "proto: negative length found during unmarshaling"],
      ["00", "proto: message: illegal tag 0 (wire type 0)"],
      ["0c", "proto: message: wiretype end group for non-group"],
      ["0e", "proto: illegal wireType 6"],
      ["0b10", "unexpected EOF"], // unterminated group
      ["09010203", "unexpected EOF"], // fixed64 cut short
    ];
    for (const [input, msg] of cases) assert.throws(() => readFields(hex(input)), { name: "ProtobufError", message: msg }, input);
  });
});

describe("the envelope", () => {
  it("reads apiVersion, kind and the raw message", () => {
    const env = readEnvelope(envelope("apps/v1", "Deployment", Uint8Array.from([1, 2, 3])));
    assert.deepEqual({ ...env, raw: [...env.raw] }, { apiVersion: "apps/v1", kind: "Deployment", raw: [1, 2, 3] });
  });

  it("says what is wrong, as upstream's serializer does", () => {
    assert.throws(() => readEnvelope(new Uint8Array()), { message: "empty data" });
    assert.throws(() => readEnvelope(Buffer.from("{}")), {
      message: "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
    });
    assert.throws(() => readEnvelope(Buffer.from("k8s\0", "latin1")), { message: "empty body" });
    assert.throws(() => readEnvelope(Buffer.from("k8s\0\x0a\x05", "latin1")), { message: "unexpected EOF" });
    assert.throws(() => readEnvelope(Buffer.concat([Buffer.from("k8s\0", "latin1"), varint(1, 3)])), {
      message: "proto: wrong wireType = 0 for field TypeMeta",
    });
  });
});

describe("table-driven decoding", () => {
  it("an empty message: struct values and required fields as Go writes them, nothing else", () => {
    assert.deepEqual(thing([]), EMPTY_THING);
  });

  it("zero values: left out under omitempty, kept for pointers and required fields", () => {
    const out = thing([str(2, ""), str(3, ""), varint(4, 0), varint(5, 0), varint(6, 0), varint(7, false)]);
    assert.deepEqual(out, { ...EMPTY_THING, replicas: 0 });
  });

  it("scalars: int32 wraps as Go's does, int64, bool, floats, strings with invalid UTF-8 as U+FFFD", () => {
    const out = thing([
      str(2, "x"),
      bytes(3, Uint8Array.from([0x61, 0xff])),
      varint(4, -5),
      varint(6, 2 ** 40),
      varint(7, true),
      fixed(27, 0.25, 8),
      fixed(28, 1.5, 4),
    ]);
    assert.equal(out["name"], "x");
    assert.equal(out["note"], "a\ufffd");
    assert.equal(out["count"], -5);
    assert.equal(out["big"], 2 ** 40);
    assert.equal(out["on"], true);
    assert.equal(out["ratio"], 0.25);
    assert.equal(out["weight"], 1.5);
  });

  it("repeated fields: strings, numbers unpacked and packed, messages", () => {
    const out = thing([
      str(8, "a"),
      str(8, "b"),
      varint(9, 80),
      bytes(9, Uint8Array.from([0x90, 0x03, 0x01])), // packed: 400, 1
      bytes(15, message([str(1, "first")])),
      bytes(15, message([])),
    ]);
    assert.deepEqual(out["tags"], ["a", "b"]);
    assert.deepEqual(out["ports"], [80, 400, 1]);
    assert.deepEqual(out["children"], [{ a: "first", always: "" }, { always: "" }]);
  });

  it("maps: string, bytes (base64) and message values; a missing value is its zero value", () => {
    const out = thing([
      entry(10, "app", "web"),
      entry(10, "tier", ""),
      bytes(10, message([str(1, "novalue")])),
      entry(11, "bin", Uint8Array.from([0, 1, 255])),
      bytes(11, message([str(1, "nil")])),
      bytes(16, message([str(1, "k"), bytes(2, message([varint(2, 7)]))])),
    ]);
    assert.deepEqual(out["labels"], { app: "web", tier: "", novalue: "" });
    assert.deepEqual(out["blobs"], { bin: "AAH/", nil: null });
    assert.deepEqual(out["byName"], { k: { b: 7, always: "" } });
  });

  it("bytes, pointers to messages, inline fields, required lists and pointers", () => {
    const out = thing([bytes(12, Buffer.from("hello")), bytes(14, message([])), bytes(17, message([str(1, "flat")])), str(18, "m"), bytes(19, message([str(1, "p")]))]);
    assert.equal(out["data"], Buffer.from("hello").toString("base64"));
    assert.deepEqual(out["maybe"], { always: "" });
    assert.equal(out["embeddedField"], "flat");
    assert.deepEqual(out["must"], ["m"]);
    assert.deepEqual(out["mustPtr"], { a: "p", always: "" });
  });

  it("the last scalar wins; a message given twice is merged", () => {
    const out = thing([str(2, "first"), str(2, "second"), bytes(13, message([str(1, "a")])), bytes(13, message([varint(2, 2)]))]);
    assert.equal(out["name"], "second");
    assert.deepEqual(out["child"], { a: "a", b: 2, always: "" });
  });

  it("unknown field numbers are skipped, whatever their wire type", () => {
    const out = thing([varint(99, 1), str(100, "x"), fixed(101, 1, 8), fixed(102, 1, 4), ...[hex("cb06 08 01 cc06")], str(2, "kept")]);
    assert.deepEqual(out, { ...EMPTY_THING, name: "kept" });
  });

  it("a known field with the wrong wire type is an error naming the field", () => {
    assert.throws(() => thing([varint(2, 1)]), { name: "ProtobufError", message: "proto: wrong wireType = 0 for field Name" });
    assert.throws(() => thing([str(4, "x")]), { message: "proto: wrong wireType = 2 for field Count" });
    assert.throws(() => thing([varint(13, 1)]), { message: "proto: wrong wireType = 0 for field Child" });
    assert.throws(() => thing([bytes(13, message([varint(1, 1)]))]), { message: "proto: wrong wireType = 0 for field A" });
  });

  it("ObjectMeta: timestamps, labels, owner references, managed fields", () => {
    const meta = message([
      str(1, "cm"),
      str(3, "team"),
      varint(7, 3),
      bytes(8, message([varint(1, 1700000000), varint(2, 999)])),
      bytes(9, message([])), // a present but zero *Time: null, as Go writes it
      varint(10, 30),
      entry(11, "app", "web"),
      entry(12, "note", "x"),
      bytes(13, message([str(1, "Deployment"), str(3, "web"), str(4, "u-1"), str(5, "apps/v1"), varint(6, true)])),
      str(14, "example.com/f"),
      bytes(17, message([str(1, "kubectl"), str(2, "Update"), str(3, "v1"), bytes(4, message([varint(1, 1700000000)])), str(6, "FieldsV1"), bytes(7, message([str(1, '{"f:data":{}}')]))])),
    ]);
    assert.deepEqual(thing([bytes(1, meta)])["metadata"], {
      name: "cm",
      namespace: "team",
      generation: 3,
      creationTimestamp: "2023-11-14T22:13:20Z",
      deletionTimestamp: null,
      deletionGracePeriodSeconds: 30,
      labels: { app: "web" },
      annotations: { note: "x" },
      ownerReferences: [{ kind: "Deployment", name: "web", uid: "u-1", apiVersion: "apps/v1", controller: true }],
      finalizers: ["example.com/f"],
      managedFields: [{ manager: "kubectl", operation: "Update", apiVersion: "v1", time: "2023-11-14T22:13:20Z", fieldsType: "FieldsV1", fieldsV1: { "f:data": {} } }],
    });
  });

  it("DeleteOptions, as every server decodes them", () => {
    const decode = META_PROTOBUF.decoderFor({ group: "meta.k8s.io", version: "v1", kind: "DeleteOptions" });
    assert.ok(decode);
    const raw = message([varint(1, 0), bytes(2, message([str(1, "u-1")])), str(4, "Foreground"), str(5, "All")]);
    assert.deepEqual(decode(raw), { gracePeriodSeconds: 0, preconditions: { uid: "u-1" }, propagationPolicy: "Foreground", dryRun: ["All"] });
    assert.equal(META_PROTOBUF.decoderFor({ group: "meta.k8s.io", version: "v1", kind: "Nope" }), undefined);
  });

  it("a table that refers to a missing message is refused when the scheme is built", () => {
    const broken: ProtobufPackage = { name: "x/v1", group: "x", version: "v1", messages: { A: { 1: ["b", "*Missing"] } } };
    assert.throws(() => new ProtobufScheme([broken]), /x\/v1\.A\.b: unknown message x\/v1\.Missing/);
    const badType: ProtobufPackage = { name: "x/v1", group: "x", version: "v1", messages: { A: { 1: ["b", "map[Foo]int32"] } } };
    assert.throws(() => new ProtobufScheme([badType]), /x\/v1\.A field 1: not a type: "map\[Foo\]int32"/);
  });

  it("nesting deeper than any object is refused, not a stack overflow", () => {
    const deep: ProtobufPackage = { name: "x/v1", group: "x", version: "v1", messages: { Node: { 1: ["next", "*Node"] } } };
    const s = new ProtobufScheme([deep]);
    let bytesOf: Uint8Array = message([]);
    for (let i = 0; i < 200; i++) bytesOf = message([bytes(1, bytesOf)]);
    assert.throws(() => s.decode("x/v1.Node", bytesOf), { message: "proto: exceeded maximum nesting depth" });
  });
});

describe("types with a JSON form of their own", () => {
  const one = (fields: Uint8Array[]) => thing(fields);

  it("IntOrString: a number or a string", () => {
    assert.equal(one([bytes(20, message([varint(1, 0), varint(2, 8080)]))])["port"], 8080);
    assert.equal(one([bytes(20, message([varint(1, 1), str(3, "http")]))])["port"], "http");
    assert.throws(() => one([bytes(20, message([varint(1, 2)]))]), { message: "impossible IntOrString.Type" });
  });

  it("Quantity: the string as sent; a malformed one is refused", () => {
    assert.equal(one([bytes(21, message([str(1, "500m")]))])["size"], "500m");
    assert.throws(() => one([bytes(21, message([str(1, "lots")]))]), /quantities must match the regular expression/);
  });

  it("Time to the second, MicroTime to the microsecond, zero as null", () => {
    const out = one([bytes(22, message([varint(1, 0)])), bytes(23, message([varint(1, 1700000000), varint(2, 123456789)]))]);
    assert.equal(out["at"], "1970-01-01T00:00:00Z"); // present, not Go's zero time
    assert.equal(out["when"], "2023-11-14T22:13:20.123456Z");
    assert.throws(() => one([bytes(22, message([varint(1, 2n ** 62n)]))]), /year outside of range/);
  });

  it("Duration as Go prints it", () => {
    assert.equal(one([bytes(24, message([varint(1, 3_600_000_000_000)]))])["every"], "1h0m0s");
    const cases: [bigint, string][] = [
      [0n, "0s"],
      [1n, "1ns"],
      [1_500n, "1.5µs"],
      [100_000_000n, "100ms"],
      [1_500_000_000n, "1.5s"],
      [90_000_000_000n, "1m30s"],
      [-2_000_000_000n, "-2s"],
      [93_784_000_000_000n, "26h3m4s"],
    ];
    for (const [ns, text] of cases) assert.equal(formatGoDuration(ns), text);
  });

  it("RawExtension holds JSON; anything else is refused", () => {
    assert.deepEqual(one([bytes(25, message([str(1, '{"kind":"X"}')]))])["raw"], { kind: "X" });
    assert.throws(() => one([bytes(25, message([str(1, "k8s\0")]))]), { message: "RawExtension: raw bytes are not JSON" });
  });

  it("a string list wrapped in a message (ExtraValue) is a plain array", () => {
    const out = one([bytes(26, message([str(1, "scopes"), bytes(2, message([str(1, "a"), str(1, "b")]))]))]);
    assert.deepEqual(out["extra"], { scopes: ["a", "b"] });
  });
});

describe("garbage", () => {
  it("random bytes only ever give a ProtobufError, or a value", () => {
    // A fixed-seed generator, so a failure can be replayed.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const valid = message([str(2, "x"), bytes(13, message([str(1, "a")])), entry(10, "k", "v"), bytes(20, message([varint(1, 1), str(3, "p")]))]);
    for (let i = 0; i < 3000; i++) {
      const input =
        i % 2 === 0
          ? Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256))
          : valid.map((b) => (random() < 0.1 ? Math.floor(random() * 256) : b)).subarray(0, Math.floor(random() * (valid.length + 1)));
      try {
        thing([input]);
        scheme.decode("test/v1.Thing", input);
        readEnvelope(Buffer.concat([Buffer.from("k8s\0", "latin1"), input]));
      } catch (err) {
        assert.ok(err instanceof ProtobufError, `${Buffer.from(input).toString("hex")}: ${String(err)}`);
      }
    }
  });
});
