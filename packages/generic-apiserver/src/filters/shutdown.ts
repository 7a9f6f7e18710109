// The handler chain's part in graceful shutdown (upstream: server/filters/
// waitgroup.go and watch_termination.go). It keeps track of the requests in
// progress so the server can wait for them before it exits:
//
// - ordinary requests are waited for (up to the shutdown timeout);
// - long-running requests (watches) would never finish on their own, so
//   their signal is aborted when draining starts: a watch handler then ends
//   its stream cleanly and the client reconnects to another server;
// - once draining has started, new requests (on connections that were
//   already open) are refused with 503 and `Retry-After: 1`.

import { setMaxListeners } from "node:events";
import type { Handler } from "../server/handler-sequence.js";
import { newServiceUnavailable } from "@tskube/apimachinery";
import { requestContext } from "../request/context.js";
import type { LongRunningCheck } from "./long-running.js";
import { writeStatusError } from "./write-status.js";

export class InFlightRequests {
  private active = 0;
  private draining = false;
  /** Aborted to end the open watches; each one listens, so it takes any number of listeners. */
  private readonly endLongRunning = new AbortController();

  constructor() {
    setMaxListeners(0, this.endLongRunning.signal);
  }
  private onIdle: (() => void)[] = [];

  /** The filter: counts each request from its start to the end of its response. */
  filter(isLongRunning: LongRunningCheck): Handler {
    return (req, res, next) => {
      const ctx = requestContext(req);
      if (this.draining) {
        res.setHeader("Retry-After", "1");
        res.setHeader("Connection", "close");
        writeStatusError(res, newServiceUnavailable("apiserver is shutting down"));
        return;
      }
      let endOnShutdown: (() => void) | undefined;
      if (isLongRunning(ctx.requestInfo)) {
        endOnShutdown = () => ctx.abort(this.endLongRunning.signal.reason);
        this.endLongRunning.signal.addEventListener("abort", endOnShutdown, { once: true });
      }

      this.active++;
      res.once("close", () => {
        if (endOnShutdown) this.endLongRunning.signal.removeEventListener("abort", endOnShutdown);
        this.active--;
        if (this.active === 0) for (const resolve of this.onIdle.splice(0)) resolve();
      });
      next();
    };
  }

  /** Refuse new requests and tell long-running ones to end. */
  startDraining(): void {
    this.draining = true;
    this.endLongRunning.abort(new Error("the server is shutting down"));
  }

  get count(): number {
    return this.active;
  }

  /** Resolves true once no request is in progress, or false when `timeoutMs` passes first. */
  waitUntilIdle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.onIdle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
