import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { storageHealthCheck } from "./storage-check.js";

describe("storageHealthCheck", () => {
  it("is named etcd, as upstream, and passes while the store answers", async () => {
    const check = storageHealthCheck(async () => 42);
    assert.equal(check.name, "etcd");
    await check.check();
  });

  it("fails when the store errors or does not answer in time", async () => {
    await assert.rejects(async () => storageHealthCheck(() => Promise.reject(new Error("down"))).check(), /down/);
    const hanging = storageHealthCheck(() => new Promise(() => {}), { name: "storage", timeoutMs: 50 });
    assert.equal(hanging.name, "storage");
    await assert.rejects(async () => hanging.check(), /storage did not answer within 50ms/);
  });
});
