// Counts every request in the server's metrics once its response is over,
// whatever answered it: a handler, or a filter that refused it (401, 403,
// 429, 504). Long-running requests are also counted while they are open.

import type { Handler } from "../server/handler-sequence.js";
import { requestLabels } from "../metrics/labels.js";
import type { APIServerMetrics } from "../metrics/metrics.js";
import { requestContext } from "../request/context.js";
import type { LongRunningCheck } from "./long-running.js";
import { queryParams } from "./query.js";

export interface RequestMetricsOptions {
  metrics: APIServerMetrics;
  isLongRunning: LongRunningCheck;
}

export function withRequestMetrics(opts: RequestMetricsOptions): Handler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const info = requestContext(req).requestInfo;
    const labels = requestLabels(req, info, queryParams(req));
    const longRunning = opts.isLongRunning(info);
    const closeLongRunning = longRunning ? opts.metrics.trackLongRunning(labels) : undefined;

    res.once("close", () => {
      closeLongRunning?.();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // A client that left before any answer was written gets code 0, as upstream.
      const code = res.headersSent ? res.statusCode : 0;
      opts.metrics.recordRequest(labels, code, longRunning ? undefined : seconds);
    });
    next();
  };
}
