import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startCompactor } from "./compactor.js";
import { CompactedError } from "./kv/errors.js";
import { type EmbeddedDriver, openEmbeddedDriver } from "./kv/embedded/index.js";

describe("compactor", () => {
  let dataDir: string;
  let kv: EmbeddedDriver;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "tskube-compactor-"));
    kv = openEmbeddedDriver({ dataDir });
  });
  after(async () => {
    await kv.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps one interval of history: each tick compacts to the revision seen at the tick before", async () => {
    const put = async (i: number) => (await kv.create(`/registry/k/${i}`, new TextEncoder().encode(`${i}`))).revision;
    const compactor = startCompactor(kv, { intervalMs: 0 });
    try {
      await put(0); // so that r1 - 1 is a real, older revision (revision 0 would mean "latest")
      const r1 = await put(1);
      await compactor.tick(); // remembers r1, compacts nothing yet
      assert.equal(await kv.compactedRevision(), 0);
      const r2 = await put(2);
      await compactor.tick(); // compacts to r1
      assert.equal(await kv.compactedRevision(), r1);
      await assert.rejects(kv.range("/registry/k/", "/registry/k0", { revision: r1 - 1 }), CompactedError);
      // history since the previous tick is still readable
      const atR1 = await kv.range("/registry/k/", "/registry/k0", { revision: r1 });
      assert.equal(atR1.kvs.length, 2);
      await compactor.tick(); // compacts to r2
      assert.equal(await kv.compactedRevision(), r2);
      assert.equal((await kv.range("/registry/k/", "/registry/k0")).kvs.length, 3);
    } finally {
      compactor.stop();
    }
  });

  it("runs on its interval and reports failures without stopping", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const failing = Object.create(kv) as EmbeddedDriver;
    failing.currentRevision = async () => {
      calls++;
      throw new Error("store down");
    };
    const compactor = startCompactor(failing, { intervalMs: 20, onError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 120));
    compactor.stop();
    assert.ok(calls >= 2, `ticked ${calls} times`);
    assert.equal(errors.length, calls);
  });
});
