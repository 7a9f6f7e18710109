// The discovery endpoints:
//
//   GET /api                     APIVersions, or aggregated (core group only)
//   GET /api/v1                  APIResourceList of the core group
//   GET /apis                    APIGroupList, or aggregated (every other group)
//   GET /apis/<group>            APIGroup
//   GET /apis/<group>/<version>  APIResourceList
//
// /api and /apis answer aggregated discovery when the Accept header asks for
// it. A group or version this server does not know falls through (`next()`)
// to whatever is mounted after, e.g. the delegate server.

import { newNotAcceptable } from "@tskube/apimachinery";
import { Router, type NextFunction, type Request, type Response } from "express";
import { aggregatedContentType, aggregatedListOf, negotiateDiscoveryFormat } from "./aggregated.js";
import { sendCached } from "./etag.js";
import type { DiscoveryManager } from "./manager.js";
import { apiGroupListOf, apiGroupOf, apiResourceListOf, apiVersionsOf } from "./unaggregated.js";
import type { DiscoveryGroup } from "./types.js";

export interface DiscoveryRouterOptions {
  /**
   * The `host:port` /api advertises in serverAddressByClientCIDRs (upstream:
   * the advertise address). Default: the Host the request was sent to.
   */
  serverAddress?: string | ((req: Request) => string);
}

export function createDiscoveryRouter(manager: DiscoveryManager, options: DiscoveryRouterOptions = {}): Router {
  const router = Router();

  router.get("/api", (req, res, next) => {
    const core = manager.group("");
    if (core === undefined) return next();
    serveRoot(req, res, "api", [core], () => apiVersionsOf(core, serverAddressFor(req, options)));
  });

  router.get("/apis", (req, res) => {
    const groups = manager.discoveryGroups().filter((g) => g.name !== "");
    serveRoot(req, res, "apis", groups, () => apiGroupListOf(groups));
  });

  router.get("/api/:version", (req, res, next) => {
    serveResourceList(manager.group(""), req.params.version, res, next);
  });

  router.get("/apis/:group", (req, res, next) => {
    const group = manager.group(req.params.group);
    if (group === undefined || group.name === "") return next();
    sendJSON(res, apiGroupOf(group, true));
  });

  router.get("/apis/:group/:version", (req, res, next) => {
    const group = manager.group(req.params.group);
    if (group?.name === "") return next();
    serveResourceList(group, req.params.version, res, next);
  });

  /** /api or /apis in the form the client negotiated. */
  function serveRoot(
    req: Request,
    res: Response,
    root: "api" | "apis",
    groups: DiscoveryGroup[],
    unaggregated: () => unknown,
  ): void {
    const format = negotiateDiscoveryFormat(req.headers.accept);
    if (format === null) {
      sendNotAcceptable(res);
    } else if (format.aggregated) {
      // Cached per change of the groups: the ETag lets clients skip unchanged documents.
      const doc = manager.cached(`${root}:${format.version}`, () => aggregatedListOf(groups, format.version));
      res.setHeader("Cache-Control", "public");
      sendCached(req, res, doc, aggregatedContentType(format.version));
    } else {
      res.setHeader("Vary", "Accept");
      sendJSON(res, unaggregated());
    }
  }

  return router;
}

function serveResourceList(group: DiscoveryGroup | undefined, version: string, res: Response, next: NextFunction): void {
  const found = group?.versions.find((v) => v.version === version);
  if (group === undefined || found === undefined) return next();
  sendJSON(res, apiResourceListOf(group.name, found));
}

function serverAddressFor(req: Request, options: DiscoveryRouterOptions): string {
  const configured = options.serverAddress;
  if (typeof configured === "function") return configured(req);
  if (configured !== undefined) return configured;
  if (req.headers.host) return req.headers.host;
  const { localAddress = "127.0.0.1", localPort } = req.socket;
  const host = localAddress.includes(":") ? `[${localAddress}]` : localAddress;
  return `${host}:${localPort}`;
}

function sendJSON(res: Response, body: unknown): void {
  res.status(200).setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(body));
}

function sendNotAcceptable(res: Response): void {
  const err = newNotAcceptable(
    `only the following media types are accepted: application/json, ${aggregatedContentType("v2")}, ${aggregatedContentType("v2beta1")}`,
  );
  res.status(406).setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(err.status));
}
