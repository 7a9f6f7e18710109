// Bodies captured from kubectl 1.32 (`kubectl create configmap|secret|namespace`),
// decoded into the JSON objects they stand for.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProtobufError, decodeProtobufObject } from "./index.js";

const body = (hex: string) => Buffer.from(hex, "hex");

describe("protobuf request bodies", () => {
  it("kubectl create configmap cm1 --from-literal=a=b --from-literal=c=d -n team", () => {
    const obj = decodeProtobufObject(
      body(
        "6b3873000a0f0a0276311209436f6e6669674d617012290a170a03636d3112001a047465616d22002a0032003800420012060a016112016212060a01631201641a002200",
      ),
    );
    assert.deepEqual(obj, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm1", namespace: "team" }, data: { a: "b", c: "d" } });
  });

  it("kubectl create configmap cm2 --from-file=bin.dat (binary content)", () => {
    const obj = decodeProtobufObject(
      body("6b3873000a0f0a0276311209436f6e6669674d617012280a130a03636d3212001a0022002a003200380042001a110a0762696e2e646174120662696e0001ff1a002200"),
    );
    assert.deepEqual(obj["binaryData"], { "bin.dat": Buffer.from([0x62, 0x69, 0x6e, 0x00, 0x01, 0xff]).toString("base64") });
    assert.equal(obj["data"], undefined);
  });

  it("kubectl create secret generic s1 --from-literal=user=admin --type=Opaque", () => {
    const obj = decodeProtobufObject(
      body("6b3873000a0c0a0276311206536563726574122b0a120a02733112001a0022002a00320038004200120d0a0475736572120561646d696e1a064f70617175651a002200"),
    );
    assert.deepEqual(obj, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s1" },
      data: { user: Buffer.from("admin").toString("base64") },
      type: "Opaque",
    });
  });

  it("kubectl create namespace ns1", () => {
    const obj = decodeProtobufObject(body("6b3873000a0f0a02763112094e616d657370616365121b0a130a036e733112001a0022002a0032003800420012001a020a001a002200"));
    assert.deepEqual(obj, { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns1" }, spec: {}, status: {} });
  });

  it("rejects what it cannot read", () => {
    assert.throws(() => decodeProtobufObject(body("7b7d")), ProtobufError);
    assert.throws(() => decodeProtobufObject(body("6b387300ff")), ProtobufError);
    // A Pod envelope: a kind without a decoder here.
    assert.throws(() => decodeProtobufObject(body("6b3873000a090a0276311203506f64")), /no protobuf decoding for v1, Kind=Pod/);
  });
});
