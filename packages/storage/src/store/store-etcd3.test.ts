// The storage conformance suite on the Store over a real etcd (started by the test).
import { createEtcd3Driver } from "../kv/etcd3/index.js";
import { runStorageConformance, type TestObject } from "../testing/conformance.js";
import { startEtcdServer } from "../testing/etcd-server.js";
import { Store } from "./store.js";

runStorageConformance("Store on etcd3", async () => {
  const etcd = await startEtcdServer();
  const kv = createEtcd3Driver({ endpoints: etcd.endpoints });
  return {
    storage: new Store<TestObject>({ kv }),
    async compact() {
      const rev = await kv.currentRevision();
      await kv.compact(rev);
      return rev;
    },
    async close() {
      await kv.close();
      await etcd.destroy();
    },
  };
});
