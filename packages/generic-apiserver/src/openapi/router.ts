// The OpenAPI endpoints:
//
//   GET /openapi/v2                         Swagger 2.0, every group (JSON, or protobuf: see protobuf-v2.ts)
//   GET /openapi/v3                         index: {"paths": {"apis/apps/v1": {"serverRelativeURL": "...?hash=H"}}}
//   GET /openapi/v3/api/v1                  the core group's v3 document
//   GET /openapi/v3/apis/<group>/<version>  a group-version's v3 document
//
// Every response carries an ETag and answers 304 to a matching If-None-Match.
// A v3 document requested with the current `?hash=` never changes, so it is
// marked immutable; an old hash is redirected (301) to the current URL.
//
// The v3 documents are JSON only. /openapi/v2 is also served in protobuf,
// the only form kubectl asks it in (to validate a manifest itself when the
// kind's v3 document has no PATCH operation declaring fieldValidation); the
// first media range of the Accept header that names one of the two decides,
// as upstream's handler chooses.

import { newNotAcceptable } from "@tskube/apimachinery";
import { Router, type NextFunction, type Request, type Response } from "express";
import { parseAccept, rangeMatches } from "../discovery/accept.js";
import { sendCached, type CachedBody } from "../discovery/etag.js";
import { v3URL, type OpenAPIService } from "./service.js";

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function createOpenAPIRouter(service: OpenAPIService): Router {
  const router = Router();

  router.get("/openapi/v2", (req, res) => {
    const form = v2Form(req);
    if (form === undefined) return sendNotAcceptable(res, [JSON_TYPE, ...PROTOBUF_V2_TYPES]);
    if (form === JSON_TYPE) sendCached(req, res, service.v2(), JSON_TYPE);
    else sendCached(req, res, service.v2Protobuf(), form);
  });

  router.get("/openapi/v3", (req, res) => {
    if (!acceptsJSON(req)) return sendNotAcceptable(res);
    sendCached(req, res, service.v3Index(), "application/json");
  });

  router.get("/openapi/v3/api/:version", (req, res, next) => {
    serveGroupVersion(`api/${req.params.version}`, req, res, next);
  });

  router.get("/openapi/v3/apis/:group/:version", (req, res, next) => {
    serveGroupVersion(`apis/${req.params.group}/${req.params.version}`, req, res, next);
  });

  function serveGroupVersion(path: string, req: Request, res: Response, next: NextFunction): void {
    const doc: CachedBody | undefined = service.v3(path);
    if (doc === undefined) return next();
    if (!acceptsJSON(req)) return sendNotAcceptable(res);
    const hash = req.query.hash;
    if (typeof hash === "string" && hash !== "") {
      if (hash !== doc.hash) {
        // The client holds an index from before a change: send it to the current document.
        res.redirect(301, v3URL(path, doc.hash));
        return;
      }
      // This URL names this exact content, so caches may keep it for good.
      res.setHeader("Cache-Control", "public, immutable");
      res.setHeader("Expires", new Date(Date.now() + ONE_YEAR_MS).toUTCString());
    }
    sendCached(req, res, doc, "application/json");
  }

  return router;
}

const JSON_TYPE = "application/json";
/**
 * The protobuf media types of /openapi/v2, as clients ask for it. The answer
 * always names the second: Go's media type parser (client-go's) refuses the
 * `@` of the first, so upstream answers with the dotted spelling.
 */
const PROTOBUF_V2_TYPES = ["application/com.github.proto-openapi.spec.v2@v1.0+protobuf", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"];
const PROTOBUF_V2_CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

/** Which form of /openapi/v2 the client gets (its Content-Type): the first acceptable range's. */
function v2Form(req: Request): string | undefined {
  for (const range of parseAccept(req.headers.accept)) {
    if (rangeMatches(range, "application", "json")) return JSON_TYPE;
    if (range.type === "application" && PROTOBUF_V2_TYPES.includes(`application/${range.subtype}`)) return PROTOBUF_V2_CONTENT_TYPE;
  }
  return undefined;
}

/** Whether JSON is among what the client accepts (in any position: protobuf first, JSON next is fine). */
function acceptsJSON(req: Request): boolean {
  return parseAccept(req.headers.accept).some((range) => rangeMatches(range, "application", "json"));
}

function sendNotAcceptable(res: Response, types: readonly string[] = [JSON_TYPE]): void {
  const err = newNotAcceptable(`only the following media types are accepted: ${types.join(", ")}`);
  res.status(406).setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(err.status));
}
