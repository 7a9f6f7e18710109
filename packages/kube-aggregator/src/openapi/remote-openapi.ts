// The OpenAPI documents of aggregated API servers (upstream: the
// aggregator's OpenAPI v2 aggregation controller and its v3 proxy): for each
// service-backed APIService, the server's /openapi/v2 (its paths under
// /apis/<group>/<version>, and its definitions) joins the aggregator's v2
// document, and the server's /openapi/v3 document of `apis/<group>/<version>`
// is served in the aggregator's /openapi/v3 index. When a server cannot be
// reached, the documents last fetched stay, as upstream keeps them.

import type { OpenAPIDocumentProvider, OpenAPIV3Index, Unsubscribe, V2Document } from "@tskube/generic-apiserver";
import type { APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import type { BackendFetch } from "../discovery/remote-discovery.js";

interface Documents {
  v2?: V2Document;
  /** `apis/<group>/<version>` */
  v3Path: string;
  v3?: unknown;
}

export class RemoteOpenAPI implements OpenAPIDocumentProvider {
  /** By APIService name. */
  private readonly documents = new Map<string, Documents>();
  private readonly listeners = new Set<() => void>();

  v2Documents(): readonly V2Document[] {
    return [...this.documents.values()].flatMap((d) => (d.v2 ? [d.v2] : []));
  }

  v3Documents(): ReadonlyMap<string, unknown> {
    return new Map([...this.documents.values()].flatMap((d) => (d.v3 !== undefined ? [[d.v3Path, d.v3] as const] : [])));
  }

  onChange(listener: () => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fetches both documents; whatever cannot be fetched keeps its last value. */
  async refresh(apiService: APIService, fetch: BackendFetch): Promise<void> {
    const name = apiService.metadata.name ?? "";
    const prefix = `/apis/${apiService.spec?.group ?? ""}/${apiService.spec?.version ?? ""}`;
    const v3Path = prefix.slice(1);
    const old = this.documents.get(name);
    const next: Documents = { ...(old?.v3Path === v3Path ? old : {}), v3Path };

    try {
      const res = await fetch("/openapi/v2", "application/json");
      if (res.status === 200) next.v2 = onlyPathsUnder(JSON.parse(res.body.toString("utf8")) as V2Document, prefix);
    } catch {
      // keep the last one
    }
    try {
      const index = await fetch("/openapi/v3", "application/json");
      const url = index.status === 200 ? (JSON.parse(index.body.toString("utf8")) as OpenAPIV3Index).paths?.[v3Path]?.serverRelativeURL : undefined;
      if (url !== undefined) {
        const doc = await fetch(url, "application/json");
        if (doc.status === 200) next.v3 = JSON.parse(doc.body.toString("utf8"));
      }
    } catch {
      // keep the last one
    }
    if (old !== undefined && JSON.stringify(old) === JSON.stringify(next)) return;
    this.documents.set(name, next);
    this.changed();
  }

  remove(name: string): void {
    if (this.documents.delete(name)) this.changed();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** The document with only the paths of one group/version (a server may serve more than the APIService names). */
function onlyPathsUnder(doc: V2Document, prefix: string): V2Document {
  const paths = Object.fromEntries(Object.entries(doc.paths ?? {}).filter(([path]) => path === prefix || path.startsWith(`${prefix}/`)));
  return { ...doc, paths, definitions: doc.definitions ?? {} };
}
