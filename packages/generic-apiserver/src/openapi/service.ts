// The OpenAPI documents of a server, built from its API groups on first
// request and kept until the groups change (a CRD added, a version removed).

import type { APIGroupInfoSource, Unsubscribe } from "../discovery/manager.js";
import { type BinaryCachedBody, cachedBody, type CachedBody } from "../discovery/etag.js";
import { buildV2Document, buildV3Document, groupVersionsOf, mergeV2Documents, v3PathOf, type DocumentInfo } from "./documents.js";
import { swaggerToProtobuf } from "./protobuf-v2.js";
import type { V2Document } from "./types.js";

export interface OpenAPIServiceOptions {
  /** `info` of every document; defaults to title "Kubernetes", version "unversioned". */
  info?: Partial<DocumentInfo>;
}

/** The /openapi/v3 index: where each group-version's document is, with its hash. */
export interface OpenAPIV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

/**
 * Documents served by another server (an aggregated API server's), published
 * beside this server's own. `onChange` must fire whenever either method
 * would return something new.
 */
export interface OpenAPIDocumentProvider {
  /** Swagger 2.0 documents whose paths and definitions join /openapi/v2. */
  v2Documents(): readonly V2Document[];
  /** v3 documents by their index path (`apis/<group>/<version>`), served as they are. */
  v3Documents(): ReadonlyMap<string, unknown>;
  onChange(listener: () => void): Unsubscribe;
}

export class OpenAPIService {
  readonly #source: APIGroupInfoSource;
  readonly #info: DocumentInfo;
  readonly #unsubscribe: Unsubscribe;
  readonly #providers = new Set<OpenAPIDocumentProvider>();
  #cache: { v2?: CachedBody; v2Protobuf?: BinaryCachedBody; v3?: Map<string, CachedBody>; index?: CachedBody } = {};

  /** `source` is usually the server's DiscoveryManager, which also covers its delegates. */
  constructor(source: APIGroupInfoSource, options: OpenAPIServiceOptions = {}) {
    this.#source = source;
    this.#info = { title: "Kubernetes", version: "unversioned", ...options.info };
    this.#unsubscribe = source.onChange(() => {
      this.#cache = {};
    });
  }

  /**
   * Also publish another server's documents. In v2, a path or definition
   * this server has itself keeps its own; in v3, a group-version this server
   * serves keeps its own document.
   */
  addDocumentProvider(provider: OpenAPIDocumentProvider): Unsubscribe {
    this.#providers.add(provider);
    const unsubscribe = provider.onChange(() => {
      this.#cache = {};
    });
    this.#cache = {};
    return () => {
      unsubscribe();
      this.#providers.delete(provider);
      this.#cache = {};
    };
  }

  /** The Swagger 2.0 document of every group. */
  v2(): CachedBody {
    if (this.#cache.v2 === undefined) {
      const own = buildV2Document(this.#source.apiGroupInfos(), this.#info);
      const others = [...this.#providers].flatMap((p) => p.v2Documents());
      this.#cache.v2 = cachedBody(others.length === 0 ? own : mergeV2Documents(own, others));
    }
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
      for (const provider of this.#providers) {
        for (const [path, doc] of provider.v3Documents()) if (!docs.has(path)) docs.set(path, cachedBody(doc));
      }
      // The index lists paths in order, whichever server they come from.
      this.#cache.v3 = new Map([...docs].sort(([a], [b]) => compare(a, b)));
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
