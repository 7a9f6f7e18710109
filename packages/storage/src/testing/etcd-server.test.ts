import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, describe, it } from "node:test";
import { startEtcdServer, type EtcdServer } from "./etcd-server.js";

// etcd's JSON gateway (base64 keys and values), so this test needs no client.
async function put(server: EtcdServer, key: string, value: string): Promise<void> {
  const body = { key: btoa(key), value: btoa(value) };
  const res = await fetch(`${server.endpoints[0]}/v3/kv/put`, { method: "POST", body: JSON.stringify(body) });
  assert.equal(res.status, 200);
}

async function get(server: EtcdServer, key: string): Promise<string | null> {
  const res = await fetch(`${server.endpoints[0]}/v3/kv/range`, { method: "POST", body: JSON.stringify({ key: btoa(key) }) });
  const body = (await res.json()) as { kvs?: { value: string }[] };
  return body.kvs?.[0] ? atob(body.kvs[0].value) : null;
}

async function answers(server: EtcdServer): Promise<boolean> {
  try {
    await fetch(`${server.endpoints[0]}/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

describe("startEtcdServer", () => {
  let server: EtcdServer | undefined;
  after(() => server?.destroy());

  it("starts etcd on loopback, stops it, and starts it again with its data", async () => {
    server = await startEtcdServer();
    assert.match(server.endpoints[0] ?? "", /^http:\/\/127\.0\.0\.1:\d+$/);
    await put(server, "k", "v1");

    await server.stop();
    assert.equal(await answers(server), false);
    assert.ok(existsSync(server.dataDir), "stop keeps the data");

    await server.start();
    assert.equal(await get(server, "k"), "v1");
  });

  it("pause() freezes etcd and resume() thaws it", async () => {
    assert.ok(server);
    server.pause();
    await assert.rejects(fetch(`${server.endpoints[0]}/health`, { signal: AbortSignal.timeout(300) }));
    server.resume();
    assert.equal(await get(server, "k"), "v1");
  });

  it("destroy() stops etcd and removes its data", async () => {
    assert.ok(server);
    await server.destroy();
    assert.equal(await answers(server), false);
    assert.equal(existsSync(server.dataDir), false);
  });
});
