// Test fixtures for the REST endpoints: a few kinds with real zod schemas
// (so decoding, strict field validation and strategic merge patch have
// something to work with), the real registry over an embedded store in a
// temporary directory, and an HTTP harness: an express app on 127.0.0.1
// running the real request-info filter and then the API group routers.
//
//   core ""        v1  configmaps (namespaced), serviceaccounts (namespaced,
//                      DELETE returns the object), namespaces (cluster-scoped)
//   example.com    v1  widgets (namespaced; status and scale subresources;
//                      columns; selectable field spec.size; defaults spec.size)
//                      gadgets (cluster-scoped; no watch, no deletecollection;
//                      no strategic merge patch, like a custom resource)

import type { IncomingHttpHeaders } from "node:http";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KubeObject, ObjectMetaSchema, optionalField } from "@tskube/apimachinery";
import { type EmbeddedDriver, Store, openEmbeddedDriver } from "@tskube/storage";
import express from "express";
import { z } from "zod";
import { withRequestInfo } from "../filters/request-info.js";
import { createRegistryStore } from "../registry/create-registry-store.js";
import { ALL_VERBS, type ResourceDefinition } from "../registry/resource.js";
import type { ResourceStorage } from "../registry/rest-storage.js";
import type { APIGroupInfo } from "../server/api-group.js";
import { createAPIGroupRouter } from "./installer.js";

// ---- kinds ----------------------------------------------------------------------

const TypeMeta = {
  apiVersion: optionalField(z.string()),
  kind: optionalField(z.string()),
  metadata: ObjectMetaSchema.default({}),
};

export const ConfigMapSchema = z.object({
  ...TypeMeta,
  data: optionalField(z.record(z.string(), z.string())),
  immutable: optionalField(z.boolean()),
});

export const ServiceAccountSchema = z.object({
  ...TypeMeta,
  automountServiceAccountToken: optionalField(z.boolean()),
});

export const NamespaceSchema = z.object({
  ...TypeMeta,
  spec: optionalField(z.object({ finalizers: optionalField(z.array(z.string())) })),
  status: optionalField(z.object({ phase: optionalField(z.string()) })),
});

const ContainerSchema = z.object({
  name: z.string(),
  image: optionalField(z.string()),
  imagePullPolicy: optionalField(z.string()),
});

export const WidgetSchema = z.object({
  ...TypeMeta,
  spec: optionalField(
    z.object({
      replicas: optionalField(z.number().int()),
      size: optionalField(z.string()),
      paused: optionalField(z.boolean()),
      containers: optionalField(
        z.array(ContainerSchema).meta({ "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name" }),
      ),
    }),
  ),
  status: optionalField(z.object({ replicas: optionalField(z.number().int()) })),
});

export const GadgetSchema = z.object({
  ...TypeMeta,
  spec: optionalField(z.object({ color: optionalField(z.string()), tags: optionalField(z.array(z.string())) })),
});

export type Widget = z.infer<typeof WidgetSchema>;

function definition(
  def: Omit<ResourceDefinition<KubeObject>, "verbs" | "strategy" | "schema"> &
    Partial<Pick<ResourceDefinition<KubeObject>, "verbs" | "strategy">> & { schema: z.ZodType },
): ResourceDefinition<KubeObject> {
  return { verbs: ALL_VERBS, strategy: {}, ...def, schema: def.schema as z.ZodType<KubeObject> };
}

export const configMapDefinition = definition({
  group: "",
  version: "v1",
  kind: "ConfigMap",
  resource: "configmaps",
  singular: "configmap",
  namespaced: true,
  schema: ConfigMapSchema,
  tableColumns: [
    { name: "Data", type: "integer", description: "Number of entries in data.", cell: (o) => Object.keys((o.data as object) ?? {}).length },
  ],
});

export const serviceAccountDefinition = definition({
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  resource: "serviceaccounts",
  singular: "serviceaccount",
  namespaced: true,
  schema: ServiceAccountSchema,
  deleteReturnsObject: true,
});

export const namespaceDefinition = definition({
  group: "",
  version: "v1",
  kind: "Namespace",
  resource: "namespaces",
  singular: "namespace",
  namespaced: false,
  schema: NamespaceSchema,
  subresources: { status: true },
});

export const widgetDefinition = definition({
  group: "example.com",
  version: "v1",
  kind: "Widget",
  resource: "widgets",
  singular: "widget",
  namespaced: true,
  schema: WidgetSchema,
  strategy: {
    applyDefaults(obj) {
      const spec = (obj.spec ??= {}) as NonNullable<Widget["spec"]>;
      spec.size ??= "medium";
    },
  },
  tableColumns: [
    { name: "Replicas", type: "integer", description: "Desired replicas.", cell: (o) => (o as Widget).spec?.replicas ?? 0 },
    { name: "Size", type: "string", priority: 1, description: "The size.", cell: (o) => (o as Widget).spec?.size ?? "" },
  ],
  subresources: {
    status: true,
    scale: {
      specReplicas: (o) => (o as Widget).spec?.replicas ?? 0,
      statusReplicas: (o) => (o as Widget).status?.replicas ?? 0,
      selector: (o) => `app=${o.metadata.name ?? ""}`,
      withSpecReplicas: (o, replicas) => ({ ...o, spec: { ...(o as Widget).spec, replicas } }),
    },
  },
  selectableFields: { "spec.size": (o) => (o as Widget).spec?.size ?? "" },
});

export const gadgetDefinition = definition({
  group: "example.com",
  version: "v1",
  kind: "Gadget",
  resource: "gadgets",
  singular: "gadget",
  namespaced: false,
  verbs: ["get", "list", "create", "update", "patch", "delete"],
  schema: GadgetSchema,
  strategy: { allowCreateOnUpdate: true },
  strategicMergePatch: false,
});

// ---- registry and server ------------------------------------------------------------

export interface TestAPI {
  url: string;
  kv: EmbeddedDriver;
  storages: Record<"configmaps" | "serviceaccounts" | "namespaces" | "widgets" | "gadgets", ResourceStorage<KubeObject>>;
  close(): Promise<void>;
}

/** Starts the endpoints of the test kinds over a fresh embedded store. */
export async function startTestAPI(): Promise<TestAPI> {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-endpoints-"));
  const kv = openEmbeddedDriver({ dataDir });
  const storage = new Store<KubeObject>({ kv });
  const storages = {
    configmaps: createRegistryStore(configMapDefinition, { storage }),
    serviceaccounts: createRegistryStore(serviceAccountDefinition, { storage }),
    namespaces: createRegistryStore(namespaceDefinition, { storage }),
    widgets: createRegistryStore(widgetDefinition, { storage }),
    gadgets: createRegistryStore(gadgetDefinition, { storage }),
  };
  const core: APIGroupInfo = {
    name: "",
    versions: [{ version: "v1", resources: [storages.configmaps, storages.serviceaccounts, storages.namespaces] }],
  };
  const example: APIGroupInfo = { name: "example.com", versions: [{ version: "v1", resources: [storages.widgets, storages.gadgets] }] };
  const { url, close } = await serveGroups([core, example]);
  return {
    url,
    kv,
    storages,
    async close() {
      await close();
      await kv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Serves API groups behind the real request-info filter on 127.0.0.1 (any port). */
export async function serveGroups(groups: APIGroupInfo[]): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(withRequestInfo());
  for (const group of groups) app.use(createAPIGroupRouter(group));
  app.use((_req, res) => {
    res.status(404).json({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "fallthrough" });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- HTTP client ----------------------------------------------------------------------

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Each Warning header's text, unquoted. */
  warnings: string[];
  text: string;
  // The shape of a parsed body is whatever the test expects of it.
  json<T = Record<string, any>>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

/** `299 - "text"` -> text. */
export function parseWarning(value: string): string {
  const match = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(value);
  return match ? match[1]!.replace(/\\(.)/g, "$1") : value;
}

function warningsOf(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === "warning") out.push(parseWarning(Buffer.from(rawHeaders[i + 1]!, "latin1").toString("utf8")));
  }
  return out;
}

export function request(baseURL: string, path: string, opts: RequestOptions = {}): Promise<TestResponse> {
  const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = {
    ...(body !== undefined && typeof opts.body !== "string" ? { "Content-Type": "application/json" } : {}),
    // Node sends a DELETE body unframed unless its length is given.
    ...(body !== undefined ? { "Content-Length": String(Buffer.byteLength(body)) } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseURL}${path}`, { method: opts.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          warnings: warningsOf(res.rawHeaders),
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** An open watch: its response headers and the events as they arrive. */
export interface WatchStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The next event (its raw line in `line`); rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<{ type: string; object: Record<string, any>; line: string }>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  close(): void;
}

export function openWatch(baseURL: string, path: string, headers: Record<string, string> = {}): Promise<WatchStream> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseURL}${path}`, { headers }, (res) => {
      const lines: string[] = [];
      const waiters: (() => void)[] = [];
      let buffer = "";
      let endedResolve: () => void = () => {};
      const ended = new Promise<void>((r) => (endedResolve = r));
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          lines.push(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
        }
        waiters.splice(0).forEach((w) => w());
      });
      res.on("end", () => {
        endedResolve();
        waiters.splice(0).forEach((w) => w());
      });
      res.on("close", endedResolve);
      let done = false;
      res.on("end", () => (done = true));
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        ended,
        close: () => req.destroy(),
        async next(timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          while (lines.length === 0) {
            if (done) throw new Error("the watch ended");
            const left = deadline - Date.now();
            if (left <= 0) throw new Error("no watch event in time");
            await new Promise<void>((r) => {
              const t = setTimeout(r, left);
              waiters.push(() => {
                clearTimeout(t);
                r();
              });
            });
          }
          const line = lines.shift()!;
          const event = JSON.parse(line) as { type: string; object: Record<string, any> };
          return { ...event, line };
        },
      });
    });
    req.on("error", reject);
    req.end();
  });
}
