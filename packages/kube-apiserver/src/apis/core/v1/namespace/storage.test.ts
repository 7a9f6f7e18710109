// Namespace storage: the two-step DELETE and /finalize, without HTTP.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage, UpdatedObjectInfo } from "@tskube/generic-apiserver";
import { type EmbeddedDriver, openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "../../../../registry/storage-factory.js";
import { decode, rejects, scope } from "../../../test-support.js";
import { namespaceDefinition } from "./definition.js";
import type { Namespace } from "./schema.js";
import { namespaceStorage } from "./storage.js";

const ns = (name: string, meta: Partial<Namespace["metadata"]> = {}) =>
  decode(namespaceDefinition, { apiVersion: "v1", kind: "Namespace", metadata: { name, ...meta } });
const withFinalizers = (finalizers: string[]): UpdatedObjectInfo => ({
  updatedObject: (current) => ({ ...current!, spec: { finalizers } }),
});

describe("namespace storage", () => {
  let dataDir: string;
  let kv: EmbeddedDriver;
  let factory: StorageFactory;
  let namespaces: ResourceStorage<Namespace>;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "tskube-namespace-storage-"));
    kv = openEmbeddedDriver({ dataDir });
    factory = new StorageFactory({ kv, watchCache: { enabled: false } });
    namespaces = namespaceStorage(factory);
  });
  after(async () => {
    factory.destroy();
    await kv.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const finalize = (name: string, finalizers: string[]) => namespaces.subresources!["finalize"]!.update!(scope(""), name, withFinalizers(finalizers));

  it("the first DELETE marks; removing the last spec finalizer removes the namespace", async () => {
    await namespaces.main.create(scope(""), ns("a"));
    const first = await namespaces.main.delete(scope(""), "a", {});
    assert.equal(first.deleted, false);
    assert.equal(first.object.status?.phase, "Terminating");
    assert.ok(first.object.metadata.deletionTimestamp);
    assert.equal(first.object.metadata.deletionGracePeriodSeconds, undefined, "unlike the generic marking");

    const again = await namespaces.main.delete(scope(""), "a", {});
    assert.deepEqual(again, { object: first.object, deleted: false });

    await finalize("a", []);
    await rejects(namespaces.main.get(scope(""), "a"), 404);
  });

  it("waits for metadata.finalizers too", async () => {
    await namespaces.main.create(scope(""), ns("b", { finalizers: ["example.com/x"] }));
    await namespaces.main.delete(scope(""), "b", {});
    await finalize("b", []);
    const kept = await namespaces.main.get(scope(""), "b");
    assert.deepEqual(kept.spec?.finalizers, []);
    // A DELETE now is the generic one: still marked while metadata.finalizers remain.
    assert.equal((await namespaces.main.delete(scope(""), "b", {})).deleted, false);
    await namespaces.main.update(scope(""), "b", { updatedObject: (c) => ({ ...c!, metadata: { ...c!.metadata, finalizers: [] } }) });
    await rejects(namespaces.main.get(scope(""), "b"), 404);
  });

  it("checks preconditions with upstream's words; a dry run marks nothing", async () => {
    const c = await namespaces.main.create(scope(""), ns("c"));
    const uid = await rejects(namespaces.main.delete(scope(""), "c", { preconditions: { uid: "other" } }), 409);
    assert.equal(uid.message, `Operation cannot be fulfilled on namespaces "c": Precondition failed: UID in precondition: other, UID in object meta: ${c.metadata.uid}`);
    const rv = await rejects(namespaces.main.delete(scope(""), "c", { preconditions: { resourceVersion: "1" } }), 409);
    assert.match(rv.message ?? "", /Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: \d+$/);
    const dry = await namespaces.main.delete(scope(""), "c", { dryRun: ["All"] });
    assert.equal(dry.object.status?.phase, "Terminating");
    assert.equal((await namespaces.main.get(scope(""), "c")).status?.phase, "Active");
  });

  it("/finalize keeps status and validates each finalizer", async () => {
    await namespaces.main.create(scope(""), ns("d"));
    const { object } = await namespaces.subresources!["finalize"]!.update!(scope(""), "d", {
      updatedObject: (current) => ({ ...current!, spec: { finalizers: ["example.com/y"] }, status: { phase: "Terminating" } }),
    });
    assert.deepEqual((object as Namespace).spec?.finalizers, ["example.com/y"]);
    assert.equal((object as Namespace).status?.phase, "Active");
    const status = await rejects(finalize("d", ["example.com/y", "bad"]), 422);
    assert.equal(status.details?.causes?.[0]?.field, "spec.finalizers[1]");
  });
});
