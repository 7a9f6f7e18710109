// The server's Prometheus metrics, served at /metrics (upstream:
// endpoints/metrics/metrics.go). Names and labels follow upstream, so
// existing dashboards and alerts work:
//
//   apiserver_request_total{verb,dry_run,group,version,resource,subresource,scope,component,code}
//   apiserver_request_duration_seconds{verb,dry_run,group,version,resource,subresource,scope,component}
//   apiserver_current_inflight_requests{request_kind="readOnly"|"mutating"}
//   apiserver_longrunning_requests{verb,group,version,resource,subresource,scope,component}
//
// plus Node's process metrics (CPU, memory, event loop lag). Each server owns
// its registry, so several servers (or tests) in one process do not mix.

import type { RequestHandler } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const REQUEST_LABELS = ["verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component"] as const;
const LONG_RUNNING_LABELS = ["verb", "group", "version", "resource", "subresource", "scope", "component"] as const;

export type RequestLabelName = (typeof REQUEST_LABELS)[number];
export type RequestLabels = Record<RequestLabelName, string>;

/** Upstream's buckets: fine below a second, coarse up to the 60 s request timeout. */
const DURATION_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

export type InflightKind = "readOnly" | "mutating";

export interface APIServerMetricsOptions {
  /** Also export Node's process metrics (default true). */
  processMetrics?: boolean;
}

export class APIServerMetrics {
  readonly registry = new Registry();

  private readonly requestTotal = new Counter({
    name: "apiserver_request_total",
    help: "Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.",
    labelNames: [...REQUEST_LABELS, "code"],
    registers: [this.registry],
  });

  private readonly requestDuration = new Histogram({
    name: "apiserver_request_duration_seconds",
    help: "Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.",
    labelNames: REQUEST_LABELS,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly inflightRequests = new Gauge({
    name: "apiserver_current_inflight_requests",
    help: "Number of requests currently being served, by kind (readOnly or mutating); long-running requests are not counted.",
    labelNames: ["request_kind"],
    registers: [this.registry],
  });

  private readonly longRunningRequests = new Gauge({
    name: "apiserver_longrunning_requests",
    help: "Number of long-running requests (watches, exec, logs, ...) currently open.",
    labelNames: LONG_RUNNING_LABELS,
    registers: [this.registry],
  });

  constructor(opts: APIServerMetricsOptions = {}) {
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    // Show both kinds from the start, at zero.
    this.inflightRequests.set({ request_kind: "readOnly" }, 0);
    this.inflightRequests.set({ request_kind: "mutating" }, 0);
  }

  /** One finished request. `durationSeconds` is left out for long-running requests, which would drown the histogram. */
  recordRequest(labels: RequestLabels, code: number, durationSeconds?: number): void {
    this.requestTotal.inc({ ...labels, code: String(code) });
    if (durationSeconds !== undefined) this.requestDuration.observe(labels, durationSeconds);
  }

  setInflight(kind: InflightKind, count: number): void {
    this.inflightRequests.set({ request_kind: kind }, count);
  }

  /** Counts a long-running request as open; the returned function counts it closed. */
  trackLongRunning(labels: RequestLabels): () => void {
    const { dry_run: _dryRun, ...rest } = labels;
    this.longRunningRequests.inc(rest);
    return () => this.longRunningRequests.dec(rest);
  }

  /** GET /metrics in the Prometheus text format. */
  handler(): RequestHandler {
    return async (_req, res) => {
      const body = await this.registry.metrics();
      res.setHeader("Content-Type", this.registry.contentType);
      res.end(body);
    };
  }
}
