// /healthz, /livez and /readyz (upstream: server/healthz/healthz.go).
//
//   GET /readyz                  "ok", or 500 listing every check when one fails
//   GET /readyz?verbose          one line per check, then "readyz check passed"
//   GET /readyz?exclude=etcd     skip a check (repeatable, or comma-separated)
//   GET /readyz/etcd             one check: "ok", or 500 with its error
//
// Failures in the list say only "reason withheld": these endpoints are public,
// while a single check's own endpoint (readable only with permission, unless
// opened up) gives the error.
//
//   [+]ping ok
//   [-]etcd failed: reason withheld
//   [+]poststarthook/start-informers excluded: ok
//   readyz check failed

import type { RequestHandler, Response } from "express";
import type { HealthCheck } from "./health-check.js";

export type HealthEndpoint = "healthz" | "livez" | "readyz";

/** Serves `/<endpoint>` and `/<endpoint>/<check name>`; other paths go on to `next`. */
export function healthHandler(endpoint: HealthEndpoint, checks: () => readonly HealthCheck[]): RequestHandler {
  const root = `/${endpoint}`;
  return async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      next();
      return;
    }
    if (req.path === root) {
      await serveAll(endpoint, checks(), req.query, res);
      return;
    }
    if (req.path.startsWith(`${root}/`)) {
      const name = req.path.slice(root.length + 1);
      const check = checks().find((c) => c.name === name);
      if (!check) {
        next();
        return;
      }
      await serveOne(check, res);
      return;
    }
    next();
  };
}

type Query = Record<string, unknown>;

async function serveAll(endpoint: HealthEndpoint, checks: readonly HealthCheck[], query: Query, res: Response): Promise<void> {
  const excluded = new Set(queryValues(query, "exclude").flatMap((v) => v.split(",")).filter((v) => v !== ""));
  const outcomes = await Promise.all(
    checks.map(async (check) => {
      if (excluded.delete(check.name)) return `[+]${check.name} excluded: ok`;
      return (await runCheck(check)) === undefined ? `[+]${check.name} ok` : `[-]${check.name} failed: reason withheld`;
    }),
  );
  const failed = outcomes.some((line) => line.startsWith("[-]"));
  const lines = [...outcomes];
  if (excluded.size > 0) {
    const names = [...excluded].map((name) => JSON.stringify(name)).join(",");
    lines.push(`warn: some health checks cannot be excluded: no matches for ${names}`);
  }

  if (failed) {
    // Always verbose on failure, so a probe's log says which check failed.
    sendText(res, 500, `${lines.join("\n")}\n${endpoint} check failed\n`);
  } else if ("verbose" in query) {
    sendText(res, 200, `${lines.join("\n")}\n${endpoint} check passed\n`);
  } else {
    sendText(res, 200, "ok");
  }
}

async function serveOne(check: HealthCheck, res: Response): Promise<void> {
  const error = await runCheck(check);
  if (error === undefined) sendText(res, 200, "ok");
  else sendText(res, 500, `internal server error: ${error}\n`);
}

/** undefined when healthy, else the reason. */
async function runCheck(check: HealthCheck): Promise<string | undefined> {
  try {
    await check.check();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function queryValues(query: Query, name: string): string[] {
  const value = query[name];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

function sendText(res: Response, code: number, body: string): void {
  res.status(code);
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.end(body);
}
