// Test fixtures: a StorageFactory on an embedded store in a temporary
// directory, and helpers to call registry stores the way the REST handlers
// do (decode with the schema and defaults first).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KubeObject, type Status, isStatusError } from "@tskube/apimachinery";
import { type RequestScope, type ResourceDefinition, StorageFactory, type UpdatedObjectInfo } from "@tskube/generic-apiserver";
import { type KvDriver, openEmbeddedDriver } from "@tskube/storage";

export interface TestStorage {
  factory: StorageFactory;
  kv: KvDriver;
  close(): Promise<void>;
}

/** Without the watch cache unless `watchCache` is true. */
export function openTestStorage(opts: { watchCache?: boolean } = {}): TestStorage {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-apiextensions-"));
  const kv = openEmbeddedDriver({ dataDir });
  const factory = new StorageFactory({ kv, watchCache: { enabled: opts.watchCache ?? false } });
  return {
    factory,
    kv,
    async close() {
      factory.destroy();
      await kv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function scope(namespace = ""): RequestScope {
  return { namespace, dryRun: false, warnings: [] };
}

/** What the handlers do with a request body: decode with the schema, then apply the kind's defaults. */
export function decode<T extends KubeObject>(def: ResourceDefinition<T>, body: unknown): T {
  const obj = def.schema.parse(structuredClone(body));
  def.strategy.applyDefaults?.(obj);
  return obj;
}

/** A PUT of `body` (decoded first). */
export function put<T extends KubeObject>(def: ResourceDefinition<T>, body: unknown): UpdatedObjectInfo<T> {
  return { updatedObject: () => decode(def, body) };
}

/** The causes of an Invalid Status as `field: message` lines, the way kubectl prints them. */
export function causes(status: Status): string[] {
  return (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
}

/** Runs `call`, expects a StatusError with `code`, and returns its Status. */
export async function rejects(call: Promise<unknown>, code: number): Promise<Status> {
  try {
    await call;
  } catch (err) {
    assert.ok(isStatusError(err), `expected a StatusError, got ${String(err)}`);
    assert.equal(err.status.code, code, `code (message: ${err.status.message})`);
    return err.status;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}
