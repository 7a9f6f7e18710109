// In-flight limits (upstream: server/filters/maxinflight.go): at most N
// read-only (get, list) and M mutating requests at a time, counted
// separately so a burst of writes cannot starve reads or the reverse. Over
// the limit the client gets 429 with `Retry-After: 1`; client-go waits and
// retries on its own.
//
// - Long-running requests (watches, exec, logs) are not counted: they hold a
//   slot for hours and would exhaust the limit.
// - `system:masters` is never refused: the cluster admin must be able to
//   act on an overloaded server.
// - A limit of 0 means no limit.

import type { Handler } from "../server/handler-sequence.js";
import { newTooManyRequests } from "@tskube/apimachinery";
import { SYSTEM_MASTERS } from "../authentication/user.js";
import type { InflightKind } from "../metrics/metrics.js";
import { requestContext } from "../request/context.js";
import type { LongRunningCheck } from "./long-running.js";
import { writeStatusError } from "./write-status.js";

const READ_ONLY_VERBS = new Set(["get", "list", "watch"]);

export interface MaxInFlightOptions {
  maxReadOnly: number;
  maxMutating: number;
  isLongRunning: LongRunningCheck;
  /** Told the new count whenever it changes (for the inflight gauge). */
  onChange?: (kind: InflightKind, count: number) => void;
}

export function withMaxInFlightLimit(opts: MaxInFlightOptions): Handler {
  const inFlight: Record<InflightKind, number> = { readOnly: 0, mutating: 0 };
  const limits: Record<InflightKind, number> = { readOnly: opts.maxReadOnly, mutating: opts.maxMutating };

  return (req, res, next) => {
    const ctx = requestContext(req);
    if (opts.isLongRunning(ctx.requestInfo)) {
      next();
      return;
    }
    const kind: InflightKind = READ_ONLY_VERBS.has(ctx.requestInfo.verb) ? "readOnly" : "mutating";
    const limit = limits[kind];
    if (limit > 0 && inFlight[kind] >= limit && !ctx.user?.groups.includes(SYSTEM_MASTERS)) {
      res.setHeader("Retry-After", "1");
      writeStatusError(res, newTooManyRequests("Too many requests, please try again later.", 1));
      return;
    }

    inFlight[kind]++;
    opts.onChange?.(kind, inFlight[kind]);
    // 'close' comes once, whether the response finished or the client left.
    res.once("close", () => {
      inFlight[kind]--;
      opts.onChange?.(kind, inFlight[kind]);
    });
    next();
  };
}
