// A named health check: resolves when healthy, throws (or rejects) with the
// reason when not. The server runs them for /healthz, /livez and /readyz.

export interface HealthCheck {
  /** Shown in `?verbose` output and served at `/readyz/<name>`; may contain `/` (`poststarthook/x`). */
  readonly name: string;
  check(): Promise<void> | void;
}

/** Always healthy: proves the server answers at all. */
export const pingCheck: HealthCheck = { name: "ping", check: () => {} };

/** A check from a name and a function. */
export function namedCheck(name: string, check: () => Promise<void> | void): HealthCheck {
  return { name, check };
}
