// The OpenAPI documents of a server, built from its API groups on first
// request and kept until the groups change (a CRD added, a version removed).

import type { APIGroupInfoSource, Unsubscribe } from "../discovery/manager.js";
import { type BinaryCachedBody, cachedBody, type CachedBody } from "../discovery/etag.js";
import { buildV2Document, buildV3Document, groupVersionsOf, v3PathOf, type DocumentInfo } from "./documents.js";
import { swaggerToProtobuf } from "./protobuf-v2.js";

export interface OpenAPIServiceOptions {
  /** `info` of every document; defaults to title "Kubernetes", version "unversioned". */
  info?: Partial<DocumentInfo>;
}

/** The /openapi/v3 index: where each group-version's document is, with its hash. */
export interface OpenAPIV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

export class OpenAPIService {
  readonly #source: APIGroupInfoSource;
  readonly #info: DocumentInfo;
  readonly #unsubscribe: Unsubscribe;
  #cache: { v2?: CachedBody; v2Protobuf?: BinaryCachedBody; v3?: Map<string, CachedBody>; index?: CachedBody } = {};

  /** `source` is usually the server's DiscoveryManager, which also covers its delegates. */
  constructor(source: APIGroupInfoSource, options: OpenAPIServiceOptions = {}) {
    this.#source = source;
    this.#info = { title: "Kubernetes", version: "unversioned", ...options.info };
    this.#unsubscribe = source.onChange(() => {
      this.#cache = {};
    });
  }

  /** The Swagger 2.0 document of every group. */
  v2(): CachedBody {
    this.#cache.v2 ??= cachedBody(buildV2Document(this.#source.apiGroupInfos(), this.#info));
    return this.#cache.v2;
  }

  /** The same Swagger 2.0 document as gnostic's protobuf message (what kubectl asks for), with the JSON's hash. */
  v2Protobuf(): BinaryCachedBody {
    if (this.#cache.v2Protobuf === undefined) {
      const json = this.v2();
      this.#cache.v2Protobuf = { body: swaggerToProtobuf(JSON.parse(json.body)), hash: json.hash };
    }
    return this.#cache.v2Protobuf;
  }

  /** The v3 document of `api/v1` or `apis/<group>/<version>`, if served. */
  v3(path: string): CachedBody | undefined {
    return this.#v3Documents().get(path);
  }

  v3Index(): CachedBody {
    this.#cache.index ??= cachedBody({
      paths: Object.fromEntries(
        [...this.#v3Documents()].map(([path, doc]) => [path, { serverRelativeURL: v3URL(path, doc.hash) }]),
      ),
    } satisfies OpenAPIV3Index);
    return this.#cache.index;
  }

  /** Stop following the source's changes. */
  close(): void {
    this.#unsubscribe();
  }

  #v3Documents(): Map<string, CachedBody> {
    if (this.#cache.v3 === undefined) {
      const docs = new Map<string, CachedBody>();
      const gvs = groupVersionsOf(this.#source.apiGroupInfos()).sort((a, b) => compare(v3PathOf(a), v3PathOf(b)));
      for (const gv of gvs) docs.set(v3PathOf(gv), cachedBody(buildV3Document(gv, this.#info)));
      this.#cache.v3 = docs;
    }
    return this.#cache.v3;
  }
}

/** The URL of a group-version's document at a given content hash: `/openapi/v3/apis/apps/v1?hash=...`. */
export function v3URL(path: string, hash: string): string {
  return `/openapi/v3/${path}?hash=${hash}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
