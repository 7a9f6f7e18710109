// An aggregated API server for the aggregator's tests: a GenericAPIServer
// serving wardle.example.com/v1alpha1 (namespaced flunders), which believes
// X-Remote-* headers only from the front proxy's certificate, as a real
// aggregated server does. Besides flunders it has three routes the tests
// inspect the proxy with, under .../namespaces/default/:
//
//   echoes              the user the server authenticated and the headers it received
//   echoes/<name>/exec  an upgrade: 101, then echoes the bytes back
//   hangs               never answers
//
// (packages/sample-apiserver is the complete example server; this one only
// has what the tests need, since the servers do not import each other.)

import type { IncomingMessage, ServerResponse } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import {
  ALL_VERBS,
  AlwaysAllowAuthorizer,
  type CertificateAndKey,
  GenericAPIServer,
  RequestHeaderAuthenticator,
  type ResourceDefinition,
  StorageFactory,
  createRegistryStore,
  requestContext,
  silentLogger,
  takeUpgrade,
} from "@tskube/generic-apiserver";
import { type EmbeddedDriver, openEmbeddedDriver } from "@tskube/storage";
import { z } from "zod";

export const WARDLE_GROUP = "wardle.example.com";
export const WARDLE_VERSION = "v1alpha1";

const FlunderSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}),
  spec: optionalField(z.object({ reference: optionalField(z.string().describe("A name of another flunder.")) })),
});
type Flunder = z.infer<typeof FlunderSchema>;

const flunders: ResourceDefinition<Flunder> = {
  group: WARDLE_GROUP,
  version: WARDLE_VERSION,
  kind: "Flunder",
  resource: "flunders",
  singular: "flunder",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: FlunderSchema,
  strategy: {},
  description: "A test flunder.",
};

export interface BackendOptions {
  serving: CertificateAndKey;
  /** The CA of the front proxy's client certificates, and the names it may have. */
  requestHeader: { clientCA: string; allowedNames?: string[] };
  port?: number;
}

export interface Backend {
  server: GenericAPIServer;
  port: number;
  stop(): Promise<void>;
}

export async function startBackend(opts: BackendOptions): Promise<Backend> {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-aggregator-backend-"));
  const kv: EmbeddedDriver = openEmbeddedDriver({ dataDir });
  const storage = new StorageFactory({ kv });
  const server = new GenericAPIServer({
    name: "wardle-test-server",
    serving: { cert: opts.serving.cert, key: opts.serving.key, port: opts.port ?? 0 },
    authentication: { authenticators: [new RequestHeaderAuthenticator(opts.requestHeader)] },
    authorization: { authorizer: new AlwaysAllowAuthorizer() },
    shutdown: { timeoutMs: 500 },
    logger: silentLogger,
    processMetrics: false,
  });
  server.installAPIGroup({
    name: WARDLE_GROUP,
    versions: [{ version: WARDLE_VERSION, resources: [createRegistryStore(flunders, { storage: storage.storageFor("/flunders") })] }],
  });
  const base = `/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default`;
  server.handlePrefix(`${base}/echoes`, (req: IncomingMessage, res: ServerResponse) => {
    const upgrade = takeUpgrade(req, res);
    const user = requestContext(req).user;
    if (upgrade !== undefined) {
      upgrade.socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: tskube-echo\r\n\r\nuser=${user?.name ?? ""};`);
      upgrade.socket.write(upgrade.head);
      upgrade.socket.pipe(upgrade.socket);
      return;
    }
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ user, headers: req.headers, peerCN: peerCommonName(req) }));
  });
  server.handlePrefix(`${base}/hangs`, () => {
    // never answers
  });
  await server.listen();
  return {
    server,
    port: server.port,
    async stop() {
      await server.shutdown();
      storage.destroy();
      await kv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function peerCommonName(req: IncomingMessage): string | undefined {
  const socket = req.socket as IncomingMessage["socket"] & { getPeerCertificate?: () => { subject?: { CN?: string } } };
  return socket.getPeerCertificate?.()?.subject?.CN;
}
