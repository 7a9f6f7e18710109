// The storage conformance suite on the Store over the embedded (SQLite) driver.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openEmbeddedDriver } from "../kv/embedded/index.js";
import { runStorageConformance, type TestObject } from "../testing/conformance.js";
import { Store } from "./store.js";

runStorageConformance("Store on the embedded driver", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-store-embedded-"));
  const kv = openEmbeddedDriver({ dataDir });
  return {
    storage: new Store<TestObject>({ kv }),
    async compact() {
      const rev = await kv.currentRevision();
      await kv.compact(rev);
      return rev;
    },
    async close() {
      await kv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
