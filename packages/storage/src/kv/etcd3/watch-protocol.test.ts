// EtcdWatch against a scripted stream: where a reconnect resumes, that
// nothing is delivered twice, and how the watch ends. (watch.test.ts and
// faults.test.ts run the same code against a real etcd.)

import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import type { IEvent, IKeyValue, IWatchRequest, IWatchResponse } from "etcd3";
import { CompactedError, UnavailableError } from "../errors.js";
import { recorder, sleep, waitFor } from "./test-util.js";
import { EtcdWatch, type EtcdWatchOptions, type WatchStream } from "./watch.js";

class FakeStream extends EventEmitter {
  readonly requests: IWatchRequest[] = [];
  closed = false;
  write(req: IWatchRequest): void {
    this.requests.push(req);
  }
  end(): void {
    this.closed = true;
  }
  cancel(): void {
    this.closed = true;
  }
  startRevision(): number {
    return Number(this.requests[0]?.create_request?.start_revision);
  }
  send(res: Partial<IWatchResponse>): void {
    this.emit("data", { ...emptyResponse(), ...res });
  }
}

function emptyResponse(): IWatchResponse {
  return {
    header: { cluster_id: "1", member_id: "1", revision: "100", raft_term: "2" },
    watch_id: "0",
    created: false,
    canceled: false,
    compact_revision: "0",
    cancel_reason: "",
    fragment: false,
    events: [],
  };
}

function kv(key: string, modRevision: number, value: string): IKeyValue {
  return {
    key: Buffer.from(key),
    value: Buffer.from(value),
    create_revision: "1",
    mod_revision: String(modRevision),
    version: "1",
    lease: "0",
  };
}

function put(key: string, rev: number, prev?: number): IEvent {
  return { type: "Put", kv: kv(key, rev, `v${rev}`), prev_kv: prev ? kv(key, prev, `v${prev}`) : (null as unknown as IKeyValue) };
}

/** An EtcdWatch whose streams the test controls. */
function setup(overrides: Partial<EtcdWatchOptions> = {}) {
  const streams: FakeStream[] = [];
  const callbacks = recorder();
  let ended = 0;
  const watch = new EtcdWatch({
    prefix: "/p/",
    fromRevision: 10,
    callbacks,
    openStream: async () => {
      const s = new FakeStream();
      streams.push(s);
      return s as unknown as WatchStream;
    },
    currentRevision: async () => 41,
    reconnectTimeoutMs: 2_000,
    onCompacted: () => {},
    onEnded: () => void ended++,
    ...overrides,
  });
  const stream = async (n: number): Promise<FakeStream> => {
    await waitFor(`stream ${n}`, () => streams.length >= n + 1 && (streams[n]?.requests.length ?? 0) > 0);
    return streams[n] as FakeStream;
  };
  return { watch, callbacks, stream, streams, ended: () => ended };
}

describe("EtcdWatch", () => {
  it("resumes after the last delivered event and drops anything before it", async () => {
    const { callbacks, stream } = setup();
    const first = await stream(0);
    assert.equal(first.startRevision(), 10);
    assert.equal(first.requests[0]?.create_request?.prev_kv, true);
    first.send({ created: true });
    // A catch-up batch whose header is ahead of its events (header 100, events 10-11).
    first.send({ events: [put("/p/a", 10), put("/p/a", 11, 10)] });
    first.emit("error", new Error("connection reset"));

    const second = await stream(1);
    assert.equal(second.startRevision(), 12, "resume from one past the last event, not from the header");
    assert.ok(first.closed);
    second.send({ created: true });
    second.send({ events: [put("/p/a", 11, 10), put("/p/a", 12, 11)] }); // 11 again: a replay
    second.send({ events: [put("/p/b", 13)] });

    assert.deepEqual(callbacks.events.map((e) => e.kv.modRevision), [10, 11, 12, 13]);
    assert.equal(callbacks.events[1]?.prevKv?.modRevision, 10);
    assert.equal(callbacks.events[0]?.prevKv, undefined);
    assert.deepEqual(callbacks.errors, []);
  });

  it("resolves 'from now' once, so a reconnect does not skip or repeat", async () => {
    const { stream } = setup({ fromRevision: 0 });
    const first = await stream(0);
    assert.equal(first.startRevision(), 42, "current revision 41, plus one");
    first.emit("end");
    assert.equal((await stream(1)).startRevision(), 42);
  });

  it("ends with CompactedError when etcd cancels for compaction", async () => {
    let compacted = 0;
    const { callbacks, stream, ended } = setup({ onCompacted: (r) => void (compacted = r) });
    const s = await stream(0);
    s.send({ created: true });
    s.send({ canceled: true, compact_revision: "25" });
    assert.equal(callbacks.errors.length, 1);
    const err = callbacks.errors[0];
    assert.ok(err instanceof CompactedError);
    assert.equal(err.requestedRevision, 10);
    assert.equal(err.compactedRevision, 25);
    assert.equal(compacted, 25);
    assert.equal(ended(), 1);
    assert.ok(s.closed);
    s.send({ events: [put("/p/a", 30)] });
    assert.equal(callbacks.events.length, 0, "nothing after onError");
  });

  it("ends with UnavailableError when it has no stream for longer than the reconnect timeout", async () => {
    const { callbacks, stream, streams } = setup({ reconnectTimeoutMs: 400 });
    const s = await stream(0);
    s.send({ created: true });
    s.emit("error", new Error("gone"));
    // Reconnects keep failing.
    const started = Date.now();
    while (callbacks.errors.length === 0 && Date.now() - started < 2_000) {
      streams.at(-1)?.emit("error", new Error("still gone"));
      await sleep(20);
    }
    assert.ok(callbacks.errors[0] instanceof UnavailableError, String(callbacks.errors[0]));
    assert.equal(callbacks.errors.length, 1);
    const count = streams.length;
    await sleep(1_200);
    assert.equal(streams.length, count, "no reconnects after giving up");
  });

  it("gives up when etcd never answers the create request", async () => {
    const { callbacks, stream } = setup({ reconnectTimeoutMs: 300 });
    await stream(0); // open, but no "created"
    await waitFor("the error", () => callbacks.errors.length > 0, 2_000);
    assert.ok(callbacks.errors[0] instanceof UnavailableError);
  });

  it("stays quiet after cancel()", async () => {
    const { watch, callbacks, stream, ended } = setup({ reconnectTimeoutMs: 200 });
    const s = await stream(0);
    s.send({ created: true });
    watch.cancel();
    s.send({ events: [put("/p/a", 10)] });
    s.emit("error", new Error("cancelled"));
    await sleep(400);
    assert.deepEqual(callbacks.events, []);
    assert.deepEqual(callbacks.errors, []);
    assert.equal(ended(), 1);
  });
});
