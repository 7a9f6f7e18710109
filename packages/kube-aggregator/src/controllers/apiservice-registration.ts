// What the aggregator serves for each APIService (upstream: the
// APIServiceRegistrationController and the aggregator's AddAPIService and
// RemoveAPIService). A local APIService needs nothing: its group/version is
// served by the delegates, as every path the aggregator does not claim. For
// a service-backed one:
//
// - /apis/<group>/<version> and everything below it go to its proxy;
// - its server's discovery and OpenAPI documents are fetched (when it turns
//   available, and every `refreshMs`) and published with the aggregator's;
//   while it is unavailable, its discovery is marked Stale.
//
// /apis/<group> is answered by the aggregator's own discovery, which knows
// every version of the group, local or not.

import type { GenericAPIServer, Logger } from "@tskube/generic-apiserver";
import { isAPIServiceAvailable } from "../apis/apiregistration/v1/apiservice/conditions.js";
import type { APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import type { BackendFetch, RemoteDiscovery } from "../discovery/remote-discovery.js";
import type { RemoteOpenAPI } from "../openapi/remote-openapi.js";
import type { ProxyClientCertificate } from "../proxy/backend-transport.js";
import { APIServiceProxy } from "../proxy/proxy-handler.js";
import type { Informer, ServiceResolver } from "@tskube/generic-apiserver";

/** How long a discovery or OpenAPI fetch may take. */
const FETCH_TIMEOUT_MS = 10_000;
const DEFAULT_REFRESH_MS = 60_000;

interface Registered {
  proxy: APIServiceProxy;
  removePrefix: () => void;
}

export interface APIServiceRegistrationOptions {
  server: GenericAPIServer;
  informer: Informer<APIService>;
  resolver: ServiceResolver;
  discovery: RemoteDiscovery;
  openAPI: RemoteOpenAPI;
  proxyClientCert: ProxyClientCertificate | undefined;
  /** Called when the proxy of an APIService could not reach its server. */
  onUnreachable: (name: string) => void;
  /** Called when an APIService's priorities may have changed (discovery order). */
  onPrioritiesChange: () => void;
  /** How often the documents of available servers are fetched again. Default 60 s. */
  refreshMs?: number;
  logger: Logger;
}

/** Whether the APIService names a server to proxy to (the legacy "v1." group is never proxied here). */
function isServiceBacked(apiService: APIService): boolean {
  return apiService.spec?.service !== undefined && (apiService.spec.group ?? "") !== "";
}

export class APIServiceRegistrationController {
  private readonly registered = new Map<string, Registered>();

  constructor(private readonly options: APIServiceRegistrationOptions) {}

  run(signal: AbortSignal): void {
    const { informer } = this.options;
    informer.addHandlers({
      added: (a) => this.apply(a),
      updated: (old, a) => {
        this.apply(a, old);
      },
      deleted: (a) => this.remove(a.metadata.name ?? ""),
    });
    const refresh = setInterval(() => {
      for (const a of informer.list()) if (isServiceBacked(a) && isAPIServiceAvailable(a)) void this.refreshDocuments(a);
    }, this.options.refreshMs ?? DEFAULT_REFRESH_MS);
    signal.addEventListener(
      "abort",
      () => {
        clearInterval(refresh);
        for (const name of [...this.registered.keys()]) this.remove(name);
      },
      { once: true },
    );
  }

  private apply(apiService: APIService, old?: APIService): void {
    const name = apiService.metadata.name ?? "";
    if (old === undefined || old.spec?.groupPriorityMinimum !== apiService.spec?.groupPriorityMinimum || old.spec?.versionPriority !== apiService.spec?.versionPriority) {
      this.options.onPrioritiesChange();
    }
    if (!isServiceBacked(apiService)) {
      this.remove(name);
      return;
    }
    let entry = this.registered.get(name);
    if (entry === undefined) {
      const proxy = new APIServiceProxy(apiService, {
        resolver: this.options.resolver,
        proxyClientCert: this.options.proxyClientCert,
        logger: this.options.logger,
        onUnreachable: () => this.options.onUnreachable(name),
      });
      const prefix = `/apis/${apiService.spec?.group}/${apiService.spec?.version}`;
      entry = { proxy, removePrefix: this.options.server.handlePrefix(prefix, proxy.handler) };
      this.registered.set(name, entry);
    } else {
      entry.proxy.update(apiService);
    }
    const becameAvailable = isAPIServiceAvailable(apiService) && (old === undefined || !isAPIServiceAvailable(old) || old.spec?.service?.name !== apiService.spec?.service?.name);
    if (becameAvailable) void this.refreshDocuments(apiService);
    else if (!isAPIServiceAvailable(apiService)) this.options.discovery.markStale(apiService);
  }

  private remove(name: string): void {
    const entry = this.registered.get(name);
    if (entry !== undefined) {
      entry.removePrefix();
      entry.proxy.close();
      this.registered.delete(name);
    }
    this.options.discovery.remove(name);
    this.options.openAPI.remove(name);
  }

  private async refreshDocuments(apiService: APIService): Promise<void> {
    const name = apiService.metadata.name ?? "";
    const entry = this.registered.get(name);
    if (entry === undefined) return;
    const fetch: BackendFetch = (path, accept) => entry.proxy.fetch(path, accept, FETCH_TIMEOUT_MS);
    await Promise.all([this.options.discovery.refresh(apiService, fetch), this.options.openAPI.refresh(apiService, fetch)]);
  }
}
