// The storage check (upstream: the `etcd` check of /healthz, /livez and
// /readyz): healthy while the store answers a cheap read within a timeout.
// Named "etcd" by default, as upstream, because tools look for `[+]etcd ok`;
// the embedded store reports under the same name.

import type { HealthCheck } from "./health-check.js";

export interface StorageCheckOptions {
  /** Default "etcd". */
  name?: string;
  /** How long the probe may take before the check fails. Default 2000 ms. */
  timeoutMs?: number;
}

/**
 * `probe` is any cheap read of the store, for example
 * `() => driver.currentRevision()` on a kv driver.
 */
export function storageHealthCheck(probe: () => Promise<unknown>, opts: StorageCheckOptions = {}): HealthCheck {
  const timeoutMs = opts.timeoutMs ?? 2000;
  return {
    name: opts.name ?? "etcd",
    async check() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`storage did not answer within ${timeoutMs}ms`)), timeoutMs);
      });
      try {
        await Promise.race([probe(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
