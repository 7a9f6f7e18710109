// Long-running requests (upstream: server/filters/longrunning.go) stream for
// minutes or hours: watches, and the connect-style subresources (exec,
// attach, port-forward, logs, proxy). The in-flight limit and the request
// timeout do not apply to them, and on shutdown they are ended rather than
// waited for.

import type { RequestInfo } from "../request/request-info.js";

const LONG_RUNNING_VERBS = new Set(["watch", "proxy"]);
const LONG_RUNNING_SUBRESOURCES = new Set(["attach", "exec", "proxy", "log", "portforward"]);

export type LongRunningCheck = (info: RequestInfo) => boolean;

export const isLongRunningRequest: LongRunningCheck = (info) =>
  LONG_RUNNING_VERBS.has(info.verb) || (info.isResourceRequest && LONG_RUNNING_SUBRESOURCES.has(info.subresource));
