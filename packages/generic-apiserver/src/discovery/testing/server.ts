// A throwaway HTTP server for the discovery and OpenAPI tests: the two
// routers on an ephemeral port, then a 404 Status for anything else.

import type { AddressInfo } from "node:net";
import express, { type Router } from "express";

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export async function serveRouters(...routers: Router[]): Promise<TestServer> {
  const app = express();
  for (const router of routers) app.use(router);
  app.use((_req, res) => {
    res.status(404).json({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404 });
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
