// The handler chain's own calling convention, and running handlers one after
// another. The filters and the director are handlers `(req, res, next)` over
// Node's request and response, as express middleware is, but they do not
// run inside express: express's app gives every request and response its own
// prototypes (for helpers such as `req.query` or `res.json()`), and after
// that prototype swap V8 finds every property of them the slow way, in Node's
// HTTP code too; with the router's work per layer, that was about a fifth of
// a server's CPU on a small GET. Express serves the non-resource paths
// (discovery, OpenAPI, health, version, metrics), which want its routing
// and helpers, from the director.
//
// The convention is express 5's, so a handler written for one works in the other:
// - `next()` runs the next handler; after the last, the caller's `next`.
// - `next(err)` skips the rest and hands `err` to the caller's `next`.
// - A handler that throws, or returns a promise that rejects, is treated as
//   `next(err)`.

import type { IncomingMessage, ServerResponse } from "node:http";

export type NextFunction = (err?: unknown) => void;

/** A filter or a handler of the chain. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => void | Promise<void>;

/** One handler that runs `handlers` in order, each deciding whether to go on with `next()`. */
export function handlerSequence(handlers: readonly Handler[]): Handler {
  const steps = [...handlers];
  return (req, res, done) => {
    let index = 0;
    const next: NextFunction = (err) => {
      if (err !== undefined && err !== null) {
        done(err);
        return;
      }
      const handler = steps[index++];
      if (handler === undefined) {
        done();
        return;
      }
      try {
        const result = handler(req, res, next);
        if (result instanceof Promise) result.catch((e: unknown) => next(e ?? new Error("Rejected promise")));
      } catch (e) {
        next(e);
      }
    };
    next();
  };
}
