// Post-start hooks (upstream: server/hooks.go): work that runs once the
// server is listening, such as creating the default namespaces or starting
// controllers. Each hook is also a health check, `poststarthook/<name>`,
// that fails until the hook has finished, so /readyz (and /livez, /healthz)
// say "not ready" while start-up work is still going on.

import type { RESTClient } from "../client/rest-client.js";
import type { HealthCheck } from "../health/health-check.js";
import type { Logger } from "./logger.js";

export interface PostStartHookContext {
  /** Aborted when the server shuts down; long-running hooks should stop then. */
  signal: AbortSignal;
  /**
   * A client of the listening server, authenticated as system:apiserver
   * (system:masters): its requests go through the whole handler chain.
   */
  loopbackClient: RESTClient;
}

export type PostStartHook = (ctx: PostStartHookContext) => Promise<void> | void;

type HookState = { state: "pending" } | { state: "done" } | { state: "failed"; error: string };

interface RegisteredHook {
  name: string;
  run: PostStartHook;
  status: HookState;
}

export class PostStartHooks {
  private readonly hooks = new Map<string, RegisteredHook>();
  private started = false;

  add(name: string, run: PostStartHook): void {
    if (this.started) throw new Error(`post-start hook "${name}" added after the server started`);
    if (this.hooks.has(name)) throw new Error(`post-start hook "${name}" is already registered`);
    this.hooks.set(name, { name, run, status: { state: "pending" } });
  }

  /** One health check per hook, healthy once the hook has finished. */
  healthChecks(): HealthCheck[] {
    return [...this.hooks.values()].map((hook) => ({
      name: `poststarthook/${hook.name}`,
      check: () => {
        if (hook.status.state === "pending") throw new Error("not finished");
        if (hook.status.state === "failed") throw new Error(hook.status.error);
      },
    }));
  }

  /** Starts every hook at once; does not wait for them. Only the first call does anything. */
  start(ctx: PostStartHookContext, logger: Logger): void {
    if (this.started) return;
    this.started = true;
    for (const hook of this.hooks.values()) {
      Promise.resolve()
        .then(() => hook.run(ctx))
        .then(
          () => {
            hook.status = { state: "done" };
          },
          (err: unknown) => {
            // Upstream exits the process here. We keep serving, reporting the
            // failure through the hook's health check, so an operator can see it.
            const error = err instanceof Error ? err.message : String(err);
            hook.status = { state: "failed", error };
            logger.error(`post-start hook "${hook.name}" failed`, err);
          },
        );
    }
  }
}
