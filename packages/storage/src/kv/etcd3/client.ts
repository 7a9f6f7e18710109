// The etcd3 client, configured so that failures are quick and recovery is
// quicker: the driver's contract is "every call ends within its deadline, and
// works again as soon as etcd does".
//
// Fault handling, and why it differs from the client's defaults:
//
// - No circuit breaker. The default opens after three consecutive failures
//   and then rejects every call for 5 s without trying, so calls would keep
//   failing for seconds after etcd is back. A down etcd refuses connections
//   in milliseconds anyway; the per-call deadline bounds the rest.
// - No blind retries. The default retries three times. A retried write after
//   an ambiguous failure can report the wrong outcome (a create that was
//   committed but whose answer was lost comes back as "already exists"), and
//   the callers above (the store's optimistic-concurrency loop, API clients)
//   already retry with full knowledge.
// - Failover instead, with several endpoints: the client picks an endpoint at
//   random per call (and per watch stream). An endpoint that just failed is
//   skipped for a moment while another one has not failed, and a call that
//   never left this process (no connection to the endpoint it picked) is
//   sent to the next endpoint, within the same deadline. With one endpoint
//   none of this changes anything.
// - Reconnect backoff capped at 1 s (gRPC's default grows to 2 minutes), so
//   the connection to a restarted etcd comes back within a second.
// - Keepalive pings on open streams, so a watch on a connection that died
//   without closing (a vanished host, a frozen etcd) fails after about 15 s
//   instead of waiting forever. etcd refuses pings more often than every 5 s
//   (--grpc-keepalive-min-time).
// - No 4 MiB limit on responses: a large list or a watch catch-up batch can
//   be bigger than gRPC's default.

import { Etcd3, GRPCUnavailableError, isRecoverableError, type IOptions } from "etcd3";

type FaultHandling = NonNullable<IOptions["faultHandling"]>;
type Policy = NonNullable<FaultHandling["global"]>;

export interface EtcdClientOptions {
  /** Endpoint URLs (scheme://host:port). */
  endpoints: string[];
  /** TLS material for https:// endpoints. */
  credentials?: IOptions["credentials"];
  /** etcd user and password. */
  auth?: { username: string; password: string };
}

/** How long an endpoint that failed is passed over when another one is available. */
const SKIP_FAILED_ENDPOINT_MS = 2_000;

export function createEtcdClient(opts: EtcdClientOptions): Etcd3 {
  const health = new EndpointHealth(opts.endpoints);
  const clientOptions: IOptions = {
    hosts: opts.endpoints,
    faultHandling: {
      host: (endpoint) => endpointPolicy(endpoint, health),
      global: failoverPolicy(opts.endpoints.length),
    },
    grpcOptions: {
      "grpc.initial_reconnect_backoff_ms": 100,
      "grpc.max_reconnect_backoff_ms": 1_000,
      "grpc.keepalive_time_ms": 10_000,
      "grpc.keepalive_timeout_ms": 5_000,
      "grpc.max_receive_message_length": -1,
    },
  };
  if (opts.credentials) clientOptions.credentials = opts.credentials;
  if (opts.auth) clientOptions.auth = opts.auth;
  return new Etcd3(clientOptions);
}

/** Which endpoints failed recently. */
class EndpointHealth {
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly endpoints: string[]) {}

  markFailed(endpoint: string): void {
    this.failedAt.set(endpoint, Date.now());
  }

  /** Pass over `endpoint` if it failed recently and some other endpoint did not. */
  shouldSkip(endpoint: string): boolean {
    const now = Date.now();
    const failedRecently = (e: string): boolean => now - (this.failedAt.get(e) ?? -Infinity) < SKIP_FAILED_ENDPOINT_MS;
    return failedRecently(endpoint) && this.endpoints.some((e) => !failedRecently(e));
  }
}

/** Thrown by the endpoint policy to pass an endpoint over. */
export class EndpointSkipped extends Error {
  constructor(endpoint: string) {
    super(`etcd endpoint ${endpoint} failed recently; trying another`);
    this.name = "EndpointSkipped";
  }
}

/**
 * The per-endpoint policy. Throwing before calling `fn` makes the client
 * move on to its next endpoint; the client also reports a failed watch
 * stream here (by running a throwing `fn`), so streams count too.
 */
function endpointPolicy(endpoint: string, health: EndpointHealth): Policy {
  return policy(async (fn, context) => {
    if (health.shouldSkip(endpoint)) throw new EndpointSkipped(endpoint);
    try {
      return await fn(context);
    } catch (err) {
      if (err instanceof Error && isRecoverableError(err)) health.markFailed(endpoint);
      throw err;
    }
  });
}

/**
 * The policy around a whole call: run it once, and again (on the next
 * endpoint) only when it never got a connection, at most `maxAttempts`
 * times in all.
 */
function failoverPolicy(maxAttempts: number): Policy {
  return policy(async (fn, context) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(context);
      } catch (err) {
        if (attempt >= maxAttempts || !neverSent(err)) throw err;
      }
    }
  });
}

/** gRPC's answer when it had no connection to send the call on: safe to send elsewhere. */
function neverSent(err: unknown): boolean {
  return (
    err instanceof GRPCUnavailableError &&
    (err.message.includes("No connection established") || err.message.includes("before call started"))
  );
}

type PolicyContext = Parameters<Parameters<Policy["execute"]>[0]>[0];

/** The signal for calls made without one (shared: making one per call cost measurable CPU). */
const NEVER_ABORTED = new AbortController().signal;

/** A policy object in the shape the client expects (cockatiel's IPolicy), from one function. */
function policy(run: <T>(fn: (context: PolicyContext) => PromiseLike<T> | T, context: PolicyContext) => Promise<T>): Policy {
  const noEvent = () => ({ dispose: () => {} });
  return {
    _altReturn: undefined as never,
    onSuccess: noEvent,
    onFailure: noEvent,
    execute: (fn, signal) => run(fn, { signal: signal ?? NEVER_ABORTED }),
  };
}
