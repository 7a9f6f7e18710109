import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, it } from "node:test";
import { type Handler, type NextFunction, handlerSequence } from "./handler-sequence.js";

// The sequence never looks at the request or response; plain objects stand in for them.
const req = {} as IncomingMessage;
const res = {} as ServerResponse;

/** Runs `handler` and resolves with what it passed to its own `next` (undefined: went on without error). */
function runToEnd(handler: Handler): Promise<{ err: unknown }> {
  return new Promise((resolve) => {
    const done: NextFunction = (err) => resolve({ err });
    void handler(req, res, done);
  });
}

describe("handlerSequence", () => {
  it("runs the handlers in order while each calls next, then the caller's next", async () => {
    const ran: string[] = [];
    const step = (name: string): Handler => (_req, _res, next) => {
      ran.push(name);
      next();
    };
    const result = await runToEnd(handlerSequence([step("a"), step("b"), step("c")]));
    assert.deepEqual(ran, ["a", "b", "c"]);
    assert.equal(result.err, undefined);
  });

  it("stops where a handler answers without calling next", () => {
    const ran: string[] = [];
    let outerNext = false;
    handlerSequence([
      (_req, _res, next) => {
        ran.push("a");
        next();
      },
      () => {
        ran.push("answers");
      },
      () => {
        ran.push("never");
      },
    ])(req, res, () => (outerNext = true));
    assert.deepEqual(ran, ["a", "answers"]);
    assert.equal(outerNext, false);
  });

  it("hands next(err), a throw and a rejected promise to the caller's next, skipping the rest", async () => {
    const failure = new Error("boom");
    const never: Handler = () => assert.fail("a handler after the failure ran");
    const cases: Handler[] = [
      (_req, _res, next) => next(failure),
      () => {
        throw failure;
      },
      async () => {
        await Promise.resolve();
        throw failure;
      },
    ];
    for (const failing of cases) {
      const result = await runToEnd(handlerSequence([(_req, _res, next) => next(), failing, never]));
      assert.equal(result.err, failure);
    }
  });

  it("goes on after an async handler calls next later", async () => {
    const ran: string[] = [];
    const result = await runToEnd(
      handlerSequence([
        async (_req, _res, next) => {
          await new Promise((resolve) => setImmediate(resolve));
          ran.push("async");
          next();
        },
        (_req, _res, next) => {
          ran.push("after");
          next();
        },
      ]),
    );
    assert.deepEqual(ran, ["async", "after"]);
    assert.equal(result.err, undefined);
  });

  it("nests: a sequence is a handler of another", async () => {
    const ran: string[] = [];
    const step = (name: string): Handler => (_req, _res, next) => {
      ran.push(name);
      next();
    };
    await runToEnd(handlerSequence([step("a"), handlerSequence([step("b1"), step("b2")]), step("c")]));
    assert.deepEqual(ran, ["a", "b1", "b2", "c"]);
  });
});
