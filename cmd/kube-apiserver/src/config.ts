// From options to the configuration of the servers (upstream:
// cmd/kube-apiserver/app/server.go, CreateKubeAPIServerConfig): storage,
// certificates, authentication, authorization, admission, limits and shutdown.

import {
  BearerTokenAuthenticator,
  type GenericAPIServerConfig,
  RequestHeaderAuthenticator,
  type RequestHeaderConfig,
  type Logger,
  StaticTokenAuthenticator,
  X509Authenticator,
  type Authenticator,
} from "@tskube/generic-apiserver";
import { ADMISSION_PLUGIN_NAMES } from "@tskube/kube-apiserver";
import { authorizerForModes } from "./authorization.js";
import { enabledAdmissionPlugins } from "./options/admission-plugins.js";
import { FRONT_PROXY_CLIENT_NAME, type PKI, ensurePKI } from "./certificates.js";
import type { Options } from "./options/options.js";
import { type StorageBackend, openStorage } from "./storage.js";
import { readTokenFile } from "./token-file.js";

/** What every server of the chain shares: the generic settings, minus each server's name and delegate. */
export type SharedServerConfig = Omit<GenericAPIServerConfig, "name" | "delegate">;

export interface Config {
  options: Options;
  server: SharedServerConfig;
  storage: StorageBackend;
  pki: PKI;
  /** The admission plugins that run: the enabled ones this server implements, in upstream's order. */
  admissionPlugins: string[];
  /**
   * What pods are told verifies the server (every namespace's kube-root-ca.crt):
   * the CA that signed the serving certificate, or, with --tls-cert-file, that
   * certificate (chain) itself.
   */
  rootCA: string;
  /**
   * How front proxies (the aggregator) authenticate users to this server,
   * published in kube-system/extension-apiserver-authentication with the
   * client CA for aggregated API servers to read.
   */
  requestHeader: Required<RequestHeaderConfig> & { clientCA: string };
  logger: Logger;
}

/**
 * Opens storage first (the embedded store locks the data directory, so a
 * second server on the same directory stops here, before touching any file),
 * then loads or creates the certificates.
 */
export async function createConfig(options: Options, logger: Logger): Promise<Config> {
  const storage = openStorage(options, logger);
  const requestHeader = options.authentication.requestHeader;
  try {
    const pki = await ensurePKI({
      certDir: options.serving.certDir,
      bindAddress: options.serving.bindAddress,
      ...(options.serving.tlsCertFile !== undefined ? { tlsCertFile: options.serving.tlsCertFile } : {}),
      ...(options.serving.tlsPrivateKeyFile !== undefined ? { tlsPrivateKeyFile: options.serving.tlsPrivateKeyFile } : {}),
      ...(options.authentication.clientCAFile !== undefined ? { clientCAFile: options.authentication.clientCAFile } : {}),
      ...(requestHeader.clientCAFile !== undefined ? { requestHeaderClientCAFile: requestHeader.clientCAFile } : {}),
      ...(options.proxyClient.certFile !== undefined ? { proxyClientCertFile: options.proxyClient.certFile } : {}),
      ...(options.proxyClient.keyFile !== undefined ? { proxyClientKeyFile: options.proxyClient.keyFile } : {}),
      logger,
    });
    const requestHeaderConfig: Config["requestHeader"] = {
      clientCA: pki.frontProxy.clientCA,
      // With the generated CA only the generated client certificate's name; with a given CA, as given (empty: any).
      allowedNames: requestHeader.allowedNames ?? (pki.frontProxy.generated ? [FRONT_PROXY_CLIENT_NAME] : []),
      usernameHeaders: requestHeader.usernameHeaders,
      groupHeaders: requestHeader.groupHeaders,
      extraHeaderPrefixes: requestHeader.extraHeadersPrefix,
    };
    // Front-proxy requests first, as upstream orders them; then client certificates.
    const authenticators: Authenticator[] = [
      new RequestHeaderAuthenticator(requestHeaderConfig),
      new X509Authenticator({ clientCA: pki.clientCA }),
    ];
    if (options.authentication.tokenAuthFile !== undefined) {
      const tokens = await readTokenFile(options.authentication.tokenAuthFile);
      authenticators.push(new BearerTokenAuthenticator([new StaticTokenAuthenticator(tokens)]));
    }
    const server: SharedServerConfig = {
      serving: {
        cert: pki.serving.cert,
        key: pki.serving.key,
        bindAddress: options.serving.bindAddress,
        port: options.serving.securePort,
      },
      authentication: { authenticators, anonymous: options.authentication.anonymous },
      authorization: { authorizer: authorizerForModes(options.authorization.modes) },
      limits: options.limits,
      shutdown: { delayMs: options.shutdownDelayMs },
      healthChecks: [storage.healthCheck],
      logger,
    };
    const admissionPlugins = enabledAdmissionPlugins(options.admission.enable, options.admission.disable).filter((name) =>
      ADMISSION_PLUGIN_NAMES.includes(name),
    );
    const rootCA = pki.servingCA ?? pki.serving.cert.toString();
    return { options, server, storage, pki, admissionPlugins, rootCA, requestHeader: requestHeaderConfig, logger };
  } catch (err) {
    await storage.close();
    throw err;
  }
}
