import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { secretDefinition } from "./definition.js";
import type { Secret } from "./schema.js";

const secret = (name: string, more: Partial<Secret> = {}): unknown => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name, namespace: "default" },
  ...more,
});
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("core/v1 Secret", () => {
  let registry: TestCoreRegistry;
  let secrets: ResourceStorage<Secret>;
  before(() => {
    registry = openTestRegistry();
    secrets = registry.storeFor(secretDefinition);
  });
  after(() => registry.close());

  it("defaults the type to Opaque and merges stringData into data", async () => {
    const body = secret("s1", { data: { a: b64("old"), b: b64("keep") }, stringData: { a: "new", c: "plain" } });
    const created = await secrets.main.create(scope("default"), decode(secretDefinition, body));
    assert.equal(created.type, "Opaque");
    assert.deepEqual(created.data, { a: b64("new"), b: b64("keep"), c: b64("plain") });
    assert.equal(created.stringData, undefined);
    assert.equal(created.metadata.generation, undefined);
  });

  it("never stores stringData, even from inside the server", async () => {
    const created = await secrets.main.create(scope("default"), { metadata: { name: "internal" }, stringData: { k: "v" } } as Secret);
    assert.deepEqual(created.data, { k: b64("v") });
    assert.equal(created.stringData, undefined);
  });

  it("rejects data that is not base64 when decoding", () => {
    assert.throws(() => decode(secretDefinition, secret("bad", { data: { a: "a*b" } })), /illegal base64 data at input byte 1/);
  });

  it("checks the keys each well-known type needs", async () => {
    const status = await rejects(secrets.main.create(scope("default"), decode(secretDefinition, secret("tls", { type: "kubernetes.io/tls", data: { "tls.crt": b64("x") } }))), 422);
    assert.deepEqual(
      (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`),
      ["data[tls.key]: Required value"],
    );
    const sa = await rejects(
      secrets.main.create(scope("default"), decode(secretDefinition, secret("sa", { type: "kubernetes.io/service-account-token" }))),
      422,
    );
    assert.equal(sa.details?.causes?.[0]?.field, "metadata.annotations[kubernetes.io/service-account.name]");
  });

  it("does not let the type change, nor the data of an immutable secret", async () => {
    await secrets.main.create(scope("default"), decode(secretDefinition, secret("frozen", { data: { a: b64("1") }, immutable: true })));
    const status = await rejects(
      secrets.main.update(
        scope("default"),
        "frozen",
        put(secretDefinition, secret("frozen", { type: "kubernetes.io/basic-auth", data: { username: b64("u") }, immutable: true })),
      ),
      422,
    );
    assert.deepEqual(
      (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`),
      ['type: Invalid value: "kubernetes.io/basic-auth": field is immutable', "data: Forbidden: field is immutable when `immutable` is set"],
    );
    // stringData is merged before the comparison, so this changes the data too.
    await rejects(secrets.main.update(scope("default"), "frozen", put(secretDefinition, secret("frozen", { stringData: { a: "2" }, immutable: true }))), 422);
  });

  it("can be selected by type", () => {
    assert.equal(secretDefinition.selectableFields?.type?.({ metadata: {}, type: "Opaque" }), "Opaque");
  });
});
