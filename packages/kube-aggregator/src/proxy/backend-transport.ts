// How the aggregator connects to an aggregated API server (upstream:
// remote.BuildTransportConfig): HTTPS only; the server's certificate is
// checked against the APIService's caBundle (or the system's roots when it
// has none) for the name `<service>.<namespace>.svc`, unless the APIService
// sets insecureSkipTLSVerify; the aggregator presents its front-proxy client
// certificate, which is how the server knows to believe the X-Remote-*
// headers. One keep-alive agent per APIService.

import https from "node:https";
import tls from "node:tls";
import { serviceServerName } from "@tskube/generic-apiserver";
import type { APIService } from "../apis/apiregistration/v1/apiservice/schema.js";

/** The front-proxy client certificate (`--proxy-client-cert-file`, `--proxy-client-key-file`), PEM. */
export interface ProxyClientCertificate {
  cert: string;
  key: string;
}

/** The agent for requests to the server of a service-backed APIService. */
export function backendAgent(apiService: APIService, clientCert: ProxyClientCertificate | undefined): https.Agent {
  const spec = apiService.spec;
  const service = spec?.service;
  const caBundle = spec?.caBundle ? Buffer.from(spec.caBundle, "base64").toString("utf8") : "";
  // One secure context for every connection, made once: it is costly to make,
  // and certificates given as agent options would also be part of the
  // agent's key for its connection pool, a string of kilobytes built per request.
  const secureContext = tls.createSecureContext({
    ...(caBundle !== "" ? { ca: caBundle } : {}),
    ...(clientCert !== undefined ? { cert: clientCert.cert, key: clientCert.key } : {}),
  });
  return new https.Agent({
    keepAlive: true,
    // Agent options take precedence over a request's, so every connection is checked for this name.
    servername: serviceServerName(service?.namespace ?? "", service?.name ?? ""),
    rejectUnauthorized: spec?.insecureSkipTLSVerify !== true,
    secureContext,
  });
}

/** Whether two APIServices need different agents (their TLS settings or Service differ). */
export function sameTransport(a: APIService, b: APIService): boolean {
  const x = a.spec;
  const y = b.spec;
  return (
    x?.caBundle === y?.caBundle &&
    x?.insecureSkipTLSVerify === y?.insecureSkipTLSVerify &&
    x?.service?.namespace === y?.service?.namespace &&
    x?.service?.name === y?.service?.name
  );
}
