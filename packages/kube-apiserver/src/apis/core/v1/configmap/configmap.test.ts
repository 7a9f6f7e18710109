import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { configMapDefinition } from "./definition.js";
import type { ConfigMap } from "./schema.js";

const cm = (name: string, more: Partial<ConfigMap> = {}): unknown => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  ...more,
});

describe("core/v1 ConfigMap", () => {
  let registry: TestCoreRegistry;
  let configMaps: ResourceStorage<ConfigMap>;
  before(() => {
    registry = openTestRegistry();
    configMaps = registry.storeFor(configMapDefinition);
  });
  after(() => registry.close());

  it("stores data and binaryData as given, without a generation", async () => {
    const created = await configMaps.main.create(scope("default"), decode(configMapDefinition, cm("plain", { data: { a: "1" }, binaryData: { b: "AAE=" } })));
    assert.deepEqual(created.data, { a: "1" });
    assert.deepEqual(created.binaryData, { b: "AAE=" });
    assert.equal(created.metadata.generation, undefined);
    assert.ok(created.metadata.uid);
  });

  it("rejects invalid keys and keys in both maps, with upstream's messages", async () => {
    const status = await rejects(
      configMaps.main.create(scope("default"), decode(configMapDefinition, cm("bad-keys", { data: { "a b": "x", "..x": "y", dup: "z" }, binaryData: { dup: "AA==" } }))),
      422,
    );
    const messages = (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    assert.ok(
      messages.includes(
        "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ),
      messages.join("\n"),
    );
    assert.ok(messages.includes("data[..x]: Invalid value: \"..x\": must not start with '..'"), messages.join("\n"));
    assert.ok(messages.includes("data[dup]: Invalid value: \"dup\": duplicate of key present in binaryData"), messages.join("\n"));
    assert.match(status.message ?? "", /^ConfigMap "bad-keys" is invalid: /);
  });

  it("rejects names that are not DNS subdomains", async () => {
    await rejects(configMaps.main.create(scope("default"), decode(configMapDefinition, cm("Not_OK"))), 422);
  });

  it("limits the data to 1 MiB in all", async () => {
    const half = "x".repeat(512 * 1024);
    const status = await rejects(
      configMaps.main.create(scope("default"), decode(configMapDefinition, cm("big", { data: { a: half, b: half, c: "x" } }))),
      422,
    );
    assert.match(status.message ?? "", /Too long: may not be more than 1048576 bytes/);
  });

  it("rejects binaryData that is not base64 when decoding", () => {
    assert.throws(() => decode(configMapDefinition, cm("b64", { binaryData: { a: "not base64!" } })), /illegal base64 data at input byte 3/);
  });

  it("keeps the data of an immutable ConfigMap", async () => {
    await configMaps.main.create(scope("default"), decode(configMapDefinition, cm("frozen", { data: { a: "1" }, immutable: true })));
    const status = await rejects(
      configMaps.main.update(scope("default"), "frozen", put(configMapDefinition, cm("frozen", { data: { a: "2" }, immutable: true }))),
      422,
    );
    assert.deepEqual(
      (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`),
      ["data: Forbidden: field is immutable when `immutable` is set"],
    );
    const unfreeze = await rejects(
      configMaps.main.update(scope("default"), "frozen", put(configMapDefinition, cm("frozen", { data: { a: "1" }, immutable: false }))),
      422,
    );
    assert.match(unfreeze.message ?? "", /immutable: Forbidden: field is immutable when `immutable` is set/);
    // Metadata stays writable.
    const labelled = await configMaps.main.update(
      scope("default"),
      "frozen",
      put(configMapDefinition, { ...(cm("frozen", { data: { a: "1" }, immutable: true }) as object), metadata: { name: "frozen", labels: { x: "y" } } }),
    );
    assert.deepEqual(labelled.object.metadata.labels, { x: "y" });
    assert.equal(labelled.object.metadata.generation, undefined);
  });

  it("counts data and binaryData keys in the Data column", () => {
    const column = configMapDefinition.tableColumns?.find((c) => c.name === "Data");
    assert.equal(column?.cell({ metadata: {}, data: { a: "1" }, binaryData: { b: "AA==" } }), 2);
  });
});
