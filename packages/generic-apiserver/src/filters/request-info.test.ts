import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, it } from "node:test";
import { type RequestContext, requestContext } from "../request/context.js";
import { withRequestInfo } from "./request-info.js";

/** Runs the filter on a request with `headers`; the response is an emitter that records headers. */
function run(url: string, headers: Record<string, string> = {}) {
  const req = { method: "GET", url, headers } as unknown as IncomingMessage;
  const sent = new Map<string, string>();
  const res = Object.assign(new EventEmitter(), {
    writableFinished: false,
    setHeader: (name: string, value: string) => sent.set(name, value),
  });
  let nextCalled = false;
  void withRequestInfo()(req, res as unknown as ServerResponse, () => (nextCalled = true));
  assert.equal(nextCalled, true);
  return { ctx: requestContext(req), res, sent };
}

describe("withRequestInfo", () => {
  it("gives the request its RequestInfo and echoes the client's Audit-ID, or a new one", () => {
    const given = run("/api/v1/namespaces/ns/pods/p?limit=1", { "audit-id": "from-client" });
    assert.equal(given.ctx.auditID, "from-client");
    assert.equal(given.sent.get("Audit-ID"), "from-client");
    assert.equal(given.ctx.requestInfo.resource, "pods");
    assert.equal(given.ctx.requestInfo.namespace, "ns");
    assert.equal(given.ctx.requestInfo.verb, "get");

    const made = run("/version");
    assert.match(made.ctx.auditID, /^[0-9a-f-]{36}$/);
    assert.equal(made.sent.get("Audit-ID"), made.ctx.auditID);
  });

  it("aborts the signal with the reason, whether the signal was read before or after abort()", () => {
    const reason = new Error("deadline");
    const readFirst: RequestContext = run("/api/v1/pods").ctx;
    const signal = readFirst.signal;
    assert.equal(signal.aborted, false);
    readFirst.abort(reason);
    assert.equal(signal.aborted, true);
    assert.equal(signal.reason, reason);
    assert.equal(readFirst.aborted, true);

    const readAfter = run("/api/v1/pods").ctx;
    assert.equal(readAfter.aborted, false);
    readAfter.abort(reason);
    readAfter.abort(new Error("a second reason is ignored"));
    assert.equal(readAfter.aborted, true);
    assert.equal(readAfter.signal.aborted, true);
    assert.equal(readAfter.signal.reason, reason);
    // The same signal on every read.
    assert.equal(readAfter.signal, readAfter.signal);
  });

  it("aborts when the connection closes before the response finished, not after", () => {
    const cut = run("/api/v1/pods");
    cut.res.emit("close");
    assert.equal(cut.ctx.aborted, true);
    assert.match(String((cut.ctx.signal.reason as Error).message), /client closed the connection/);

    const answered = run("/api/v1/pods");
    answered.res.writableFinished = true;
    answered.res.emit("close");
    assert.equal(answered.ctx.aborted, false);
    assert.equal(answered.ctx.signal.aborted, false);
  });
});
