// Upgraded connections (WebSocket, SPDY: `kubectl exec`, `attach`,
// `port-forward`, and whatever an aggregator proxies). Node's HTTP server
// does not hand a request that asks to upgrade (`Connection: Upgrade`) to
// the request handler when an 'upgrade' listener exists: it emits 'upgrade'
// with the raw socket. To keep one path for every request, the listener
// below runs such a request through the whole handler chain anyway, with a
// response object written to the socket:
//
// - a filter that refuses the request (401, 403, 429, ...) answers it like
//   any other, on the same socket;
// - a handler that serves the upgrade calls `takeUpgrade(req, res)` and gets
//   the socket (and the bytes already read after the headers) to speak the
//   new protocol on; from then on the response object is not used, and it
//   reports 'close' when the socket closes, so the filters that wait for the
//   end of a request (in-flight counting, shutdown) see it end.
// - a handler that knows nothing of upgrades answers normally; the socket is
//   closed once the answer is written, since the client wanted another protocol.

import { type IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

interface Upgrade {
  socket: Duplex;
  head: Buffer;
  taken: boolean;
}

const UPGRADE = Symbol("tskube.upgrade");

interface WithUpgrade {
  [UPGRADE]?: Upgrade;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The 'upgrade' listener of a server whose requests all go through `handler`. */
export function upgradeListener(handler: RequestListener): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    const upgrade: Upgrade = { socket, head, taken: false };
    (req as IncomingMessage & WithUpgrade)[UPGRADE] = upgrade;
    socket.on("error", () => socket.destroy());
    const res = new ServerResponse(req);
    // Node sets this for responses of the server's own requests; here it must be done by hand.
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Parameters<ServerResponse["assignSocket"]>[0]);
    res.once("finish", () => {
      if (!upgrade.taken) socket.end();
    });
    handler(req, res);
  };
}

/** Whether the request asks to switch protocols (and came through `upgradeListener`). */
export function isUpgradeRequest(req: IncomingMessage): boolean {
  return (req as IncomingMessage & WithUpgrade)[UPGRADE] !== undefined;
}

/**
 * Takes over the connection of an upgrade request: the socket to speak the
 * new protocol on and the bytes already read past the request's headers.
 * Returns undefined for an ordinary request, or when already taken.
 */
export function takeUpgrade(req: IncomingMessage, res: ServerResponse): { socket: Duplex; head: Buffer } | undefined {
  const upgrade = (req as IncomingMessage & WithUpgrade)[UPGRADE];
  if (upgrade === undefined || upgrade.taken) return undefined;
  upgrade.taken = true;
  res.detachSocket(upgrade.socket as Parameters<ServerResponse["detachSocket"]>[0]);
  upgrade.socket.once("close", () => res.emit("close"));
  return { socket: upgrade.socket, head: upgrade.head };
}
