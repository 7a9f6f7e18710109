// A throwaway etcd for a benchmark: one member on free loopback ports, its
// data in a fresh temp dir (tmpfs when there is one), gone after destroy().
// It is the storage tests' etcd (startEtcdServer), with a larger space quota,
// as a benchmark writes far more than a test.

import { startEtcdServer, type EtcdServer } from "@tskube/storage/testing";

export type { EtcdServer };

/** Start etcd (`$ETCD_BIN`, else `etcd` on PATH) and wait until it answers. Call destroy() when done. */
export async function startThrowawayEtcd(opts: { quotaBytes?: number } = {}): Promise<EtcdServer> {
  const quotaBytes = opts.quotaBytes ?? 4 * 1024 ** 3;
  // A later flag overrides the test default of 256 MiB.
  return startEtcdServer({ extraArgs: [`--quota-backend-bytes=${quotaBytes}`] });
}
