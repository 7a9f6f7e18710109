import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEndpoints } from "./endpoints.js";

describe("parseEndpoints", () => {
  it("takes a list, or one comma-separated string as --etcd-servers does", () => {
    assert.deepEqual(parseEndpoints(["http://127.0.0.1:2379"]), ["http://127.0.0.1:2379"]);
    assert.deepEqual(parseEndpoints("http://10.0.0.1:2379, https://10.0.0.2:2379/"), [
      "http://10.0.0.1:2379",
      "https://10.0.0.2:2379",
    ]);
    assert.deepEqual(parseEndpoints(["http://a:1,http://b:2", "http://c:3"]), ["http://a:1", "http://b:2", "http://c:3"]);
  });

  it("rejects what the client could not dial", () => {
    assert.throws(() => parseEndpoints(""), /no etcd endpoints/);
    assert.throws(() => parseEndpoints("127.0.0.1:2379"), /invalid etcd endpoint/);
    assert.throws(() => parseEndpoints("unix:///run/etcd.sock"), /invalid etcd endpoint/);
    assert.throws(() => parseEndpoints("http://127.0.0.1"), /host:port/);
    assert.throws(() => parseEndpoints("http://127.0.0.1:2379/v3"), /host:port/);
  });
});
