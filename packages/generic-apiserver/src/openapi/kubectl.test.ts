// The real kubectl against the discovery and OpenAPI routers: proof that it
// accepts their shapes. `api-resources` reads aggregated discovery,
// `explain` the v3 documents, and client-side `apply` builds its strategic
// merge patch from the v3 merge keys and sends fieldValidation because the
// PATCH operations declare it. Skipped when kubectl is not installed.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import express, { Router } from "express";
import { DiscoveryManager } from "../discovery/manager.js";
import { createDiscoveryRouter } from "../discovery/router.js";
import { coreGroup, widgetGroup, WIDGET_GROUP } from "../discovery/testing/fixtures.js";
import { serveRouters, type TestServer } from "../discovery/testing/server.js";
import { createOpenAPIRouter } from "./router.js";
import { OpenAPIService } from "./service.js";

const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";
const run = promisify(execFile);

interface SeenRequest {
  method: string;
  path: string;
  query: string;
  contentType: string;
  body: string;
}

/** Objects as a server would hold them after an earlier `kubectl apply`, for the GET apply starts with. */
function applied(obj: Record<string, unknown>): Record<string, unknown> {
  const metadata = obj.metadata as Record<string, unknown>;
  return {
    ...obj,
    metadata: {
      ...metadata,
      uid: "0b5e1c6c-0000-0000-0000-000000000001",
      resourceVersion: "7",
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(obj) },
    },
  };
}

const widget = {
  apiVersion: `${WIDGET_GROUP}/v1`,
  kind: "Widget",
  metadata: { name: "w1", namespace: "default" },
  spec: { mode: "Fast", parts: [{ name: "a", image: "one" }, { name: "b", image: "two" }] },
};
const gadget = { apiVersion: `${WIDGET_GROUP}/v1`, kind: "Gadget", metadata: { name: "g1" }, spec: { color: "red" } };

/** Just enough of a resource API for `kubectl apply`: GET and PATCH of two objects, recording what was sent. */
function objectsRouter(seen: SeenRequest[]): Router {
  const router = Router();
  router.use(express.text({ type: "*/*" }));
  router.use((req, _res, next) => {
    const [path = "", query = ""] = req.originalUrl.split("?");
    const body = typeof req.body === "string" ? req.body : "";
    seen.push({ method: req.method, path, query, contentType: req.headers["content-type"] ?? "", body });
    next();
  });
  const objects = new Map<string, Record<string, unknown>>([
    [`/apis/${WIDGET_GROUP}/v1/namespaces/default/widgets/w1`, applied(widget)],
    [`/apis/${WIDGET_GROUP}/v1/gadgets/g1`, applied(gadget)],
  ]);
  for (const [path, obj] of objects) {
    router.get(path, (_req, res) => void res.json(obj));
    router.patch(path, (_req, res) => void res.json(obj));
  }
  return router;
}

describe("kubectl against discovery and OpenAPI", { skip: !existsSync(KUBECTL) && `${KUBECTL} not found` }, () => {
  const seen: SeenRequest[] = [];
  let server: TestServer;
  let home: string;

  before(async () => {
    const manager = new DiscoveryManager();
    manager.addGroup(coreGroup());
    manager.addGroup(widgetGroup());
    server = await serveRouters(
      objectsRouter(seen),
      createDiscoveryRouter(manager),
      createOpenAPIRouter(new OpenAPIService(manager)),
    );
    home = mkdtempSync(join(tmpdir(), "kubectl-test-"));
  });
  after(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  const kubectl = async (...args: string[]): Promise<string> => {
    const { stdout } = await run(
      KUBECTL,
      ["--kubeconfig=/dev/null", `--server=${server.url}`, `--cache-dir=${join(home, "cache")}`, ...args],
      { env: { PATH: process.env.PATH ?? "", HOME: home }, timeout: 30_000 },
    );
    return stdout;
  };

  it("lists every resource from aggregated discovery (api-resources)", async () => {
    seen.length = 0;
    const rows = (await kubectl("api-resources", "--no-headers"))
      .trim()
      .split("\n")
      .map((line) => line.trim().split(/\s+/));
    assert.deepEqual(rows, [
      ["configmaps", "cm", "v1", "true", "ConfigMap"],
      ["namespaces", "ns", "v1", "false", "Namespace"],
      ["gadgets", `${WIDGET_GROUP}/v1`, "false", "Gadget"],
      ["widgets", "wd", `${WIDGET_GROUP}/v1`, "true", "Widget"],
    ]);
    // The aggregated documents were enough: no per-group-version requests.
    const discoveryPaths = seen.map((r) => r.path).filter((p) => p.startsWith("/api"));
    assert.deepEqual(discoveryPaths, ["/api", "/apis"]);
    assert.deepEqual((await kubectl("api-versions")).trim().split("\n"), ["v1", `${WIDGET_GROUP}/v1`, `${WIDGET_GROUP}/v1beta1`]);
  });

  it("explains kinds and fields from the v3 documents", async () => {
    const configMap = await kubectl("explain", "configmaps");
    assert.match(configMap, /KIND:\s+ConfigMap/);
    assert.match(configMap, /Non-secret configuration as key\/value pairs\./);
    assert.match(configMap, /data\t<map\[string\]string>/);
    assert.match(configMap, /metadata\t<ObjectMeta>/);

    const spec = await kubectl("explain", "wd.spec");
    assert.match(spec, /GROUP:\s+widgets\.example\.com/);
    assert.match(spec, /What the widget should be\./);
    // Like upstream's IntOrString: kubectl prints the definition's primitive type.
    assert.match(spec, /maxSurge\t<string>\n\s+How many extra copies/);
    assert.match(spec, /mode\t<string> -required-\n\s+enum: Fast, Slow/);
    assert.match(spec, /parts\t<\[\]Part>/);
    assert.match(spec, /selector\t<LabelSelector>/);

    const ports = await kubectl("explain", "widgets.spec.ports.containerPort");
    assert.match(ports, /FIELD: containerPort <integer>/);
    assert.match(ports, /Port number\./);

    const beta = await kubectl("explain", "widgets", `--api-version=${WIDGET_GROUP}/v1beta1`);
    assert.match(beta, /VERSION:\s+v1beta1/);
  });

  it("client-side apply sends a strategic merge patch built from the merge keys, with fieldValidation", async () => {
    const file = join(home, "widget.json");
    const changed = { ...widget, spec: { ...widget.spec, parts: [{ name: "a", image: "one" }, { name: "b", image: "three" }] } };
    writeFileSync(file, JSON.stringify(changed));
    seen.length = 0;
    assert.match(await kubectl("apply", "-f", file), /widget\.widgets\.example\.com\/w1 configured/);

    const patch = seen.find((r) => r.method === "PATCH");
    assert.ok(patch, "kubectl sent a PATCH");
    assert.equal(patch.contentType, "application/strategic-merge-patch+json");
    assert.match(patch.query, /fieldValidation=Strict/);
    const body = JSON.parse(patch.body) as { spec: Record<string, unknown> };
    // Only strategic merge patch, knowing `parts` merges by `name`, writes this directive.
    assert.deepEqual(body.spec["$setElementOrder/parts"], [{ name: "a" }, { name: "b" }]);
    assert.deepEqual(body.spec.parts, [{ image: "three", name: "b" }]);
  });

  it("client-side apply falls back to a JSON merge patch where the PATCH operation lists no strategic merge patch", async () => {
    const file = join(home, "gadget.json");
    writeFileSync(file, JSON.stringify({ ...gadget, spec: { color: "blue" } }));
    seen.length = 0;
    assert.match(await kubectl("apply", "-f", file), /gadget\.widgets\.example\.com\/g1 configured/);
    const patch = seen.find((r) => r.method === "PATCH");
    assert.equal(patch?.contentType, "application/merge-patch+json");
    assert.match(patch?.query ?? "", /fieldValidation=Strict/);
  });
});
