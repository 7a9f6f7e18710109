// Availability of service-backed APIServices (upstream: the remote
// availability controller). For each one, on every change of the APIService,
// its Service or the Service's endpoints, and again every `resyncMs`, it
// checks in order, and records the first failure (or success) in the
// Available condition:
//
//   Service missing                      False  ServiceNotFound
//   Service not readable yet             Unknown ServiceAccessError
//   no Service port with that number     False  ServicePortError
//   no EndpointSlices and no Endpoints   False  EndpointsNotFound
//   no ready address with the port name  False  MissingEndpoints
//   GET /apis/<group>/<version> fails    False  FailedDiscoveryCheck
//   (within 5 s, any 2xx or 3xx answer)
//   otherwise                            True   Passed
//
// The discovery check is made as system:kube-aggregator in system:masters,
// with the front-proxy certificate and, as upstream, without verifying the
// server's certificate (a status is all that is at stake; the proxy itself verifies).

import https from "node:https";
import { isNotFound } from "@tskube/apimachinery";
import {
  type EndpointSlice,
  type Endpoints,
  type Informer,
  type Logger,
  type RequestScope,
  type ResourceStorage,
  SERVICE_NAME_LABEL,
  type Service,
  type ServiceResolver,
  WorkQueue,
} from "@tskube/generic-apiserver";
import { hasAPIServiceCondition, withAPIServiceCondition } from "../apis/apiregistration/v1/apiservice/conditions.js";
import { CONDITION_AVAILABLE, type APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import { BackendRequestError, backendGet, backendURL } from "../proxy/backend-client.js";
import type { ProxyClientCertificate } from "../proxy/backend-transport.js";

export const DISCOVERY_CHECK_TIMEOUT_MS = 5_000;
const DEFAULT_RESYNC_MS = 30_000;

export interface AvailableCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason: string;
  message: string;
}

export interface RemoteAvailabilityOptions {
  apiServices: ResourceStorage<APIService>;
  informers: {
    apiServices: Informer<APIService>;
    services: Informer<Service>;
    endpointSlices: Informer<EndpointSlice>;
    endpoints: Informer<Endpoints>;
  };
  resolver: ServiceResolver;
  proxyClientCert: ProxyClientCertificate | undefined;
  /** How often every APIService is checked again without a change. Default 30 s. */
  resyncMs?: number;
  /** Deadline of the discovery check. Default 5 s. */
  discoveryTimeoutMs?: number;
  logger?: Logger;
}

const scope: RequestScope = { namespace: "", dryRun: false, warnings: [] };

export class RemoteAvailabilityController {
  private readonly queue: WorkQueue;
  private readonly agent: https.Agent;

  constructor(private readonly options: RemoteAvailabilityOptions) {
    this.queue = new WorkQueue({ name: "remote-availability", maxRetryDelayMs: 5_000, ...(options.logger ? { logger: options.logger } : {}) });
    const cert = options.proxyClientCert;
    this.agent = new https.Agent({ keepAlive: false, rejectUnauthorized: false, ...(cert ? { cert: cert.cert, key: cert.key } : {}) });
  }

  /** Checks the APIService again now (e.g. the proxy could not reach its server). */
  recheck(name: string): void {
    this.queue.add(name);
  }

  async run(signal: AbortSignal): Promise<void> {
    const { informers } = this.options;
    const byName = (a: APIService) => this.queue.add(a.metadata.name ?? "");
    informers.apiServices.addHandlers({ added: byName, updated: (_, a) => byName(a), deleted: byName });
    const byService = (namespace: string | undefined, name: string | undefined) => {
      for (const a of informers.apiServices.list()) {
        const service = a.spec?.service;
        if (service && service.namespace === namespace && service.name === name) byName(a);
      }
    };
    const onService = (s: Service | Endpoints) => byService(s.metadata.namespace, s.metadata.name);
    const onSlice = (s: EndpointSlice) => byService(s.metadata.namespace, s.metadata.labels?.[SERVICE_NAME_LABEL]);
    informers.services.addHandlers({ added: onService, updated: (_, s) => onService(s), deleted: onService });
    informers.endpoints.addHandlers({ added: onService, updated: (_, s) => onService(s), deleted: onService });
    informers.endpointSlices.addHandlers({ added: onSlice, updated: (_, s) => onSlice(s), deleted: onSlice });

    signal.addEventListener("abort", () => this.agent.destroy(), { once: true });
    if (!(await informers.apiServices.waitForSync(signal))) return;
    const resync = setInterval(() => {
      for (const a of informers.apiServices.list()) if (a.spec?.service) byName(a);
    }, this.options.resyncMs ?? DEFAULT_RESYNC_MS);
    signal.addEventListener("abort", () => clearInterval(resync), { once: true });
    for (const a of informers.apiServices.list()) byName(a);
    void this.queue.run((name) => this.sync(name, signal), signal, 2);
  }

  private async sync(name: string, signal: AbortSignal): Promise<void> {
    const current = this.options.informers.apiServices.get(name);
    if (current?.spec?.service === undefined) return; // gone, or local
    const condition = await this.check(current, signal);
    if (signal.aborted) return;
    if (!hasAPIServiceCondition(current, condition)) {
      const old = current.status?.conditions?.find((c) => c.type === CONDITION_AVAILABLE);
      if (old?.status !== condition.status) {
        this.options.logger?.info(`kube-aggregator: APIService ${name} is now Available=${condition.status} (${condition.reason}: ${condition.message})`);
      }
      try {
        await this.options.apiServices.status!.update(scope, name, {
          updatedObject: (stored) => ({ ...(stored ?? current), status: withAPIServiceCondition(stored ?? current, condition) }),
        });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  /** The Available condition the APIService should have now. */
  async check(apiService: APIService, signal: AbortSignal): Promise<AvailableCondition> {
    const spec = apiService.spec!;
    const service = spec.service!;
    const namespace = service.namespace ?? "";
    const serviceName = service.name ?? "";
    const port = service.port ?? 443;
    const svc = `service/${serviceName} in ${JSON.stringify(namespace)}`;
    const unavailable = (reason: string, message: string): AvailableCondition => ({ type: CONDITION_AVAILABLE, status: "False", reason, message });

    if (!this.options.informers.services.hasSynced) {
      return { type: CONDITION_AVAILABLE, status: "Unknown", reason: "ServiceAccessError", message: `${svc} cannot be checked due to: Services are not read yet` };
    }
    const found = this.options.resolver.lookup(namespace, serviceName, port);
    switch (found.kind) {
      case "ServiceNotFound":
        return unavailable("ServiceNotFound", `${svc} is not present`);
      case "UnsupportedServiceType":
        return unavailable("ServiceAccessError", `${svc} cannot be checked due to: unsupported service type ${JSON.stringify(found.type)}`);
      case "ServicePortError":
        return unavailable("ServicePortError", `${svc} is not listening on port ${port}`);
      case "EndpointsNotFound":
        return unavailable("EndpointsNotFound", `cannot find endpoints for ${svc}`);
      case "MissingEndpoints":
        return unavailable("MissingEndpoints", `${found.source} for ${svc} have no addresses with port name ${JSON.stringify(found.portName)}`);
      case "Found":
        break;
    }

    const path = apiService.metadata.name === "v1." ? `/api/${spec.version}` : `/apis/${spec.group}/${spec.version}`;
    const endpoint = found.endpoints[Math.floor(Math.random() * found.endpoints.length)]!;
    const url = backendURL(endpoint, path);
    try {
      const res = await backendGet(this.agent, endpoint, path, { timeoutMs: this.options.discoveryTimeoutMs ?? DISCOVERY_CHECK_TIMEOUT_MS, signal });
      if (res.status < 200 || res.status >= 300) {
        return unavailable("FailedDiscoveryCheck", `failing or missing response from ${url}: bad status from ${url}: ${res.status}`);
      }
    } catch (err) {
      const message = err instanceof BackendRequestError ? err.message : String(err);
      return unavailable("FailedDiscoveryCheck", `failing or missing response from ${url}: ${message}`);
    }
    return { type: CONDITION_AVAILABLE, status: "True", reason: "Passed", message: "all checks passed" };
  }
}
