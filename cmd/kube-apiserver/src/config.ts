// From options to the configuration of the servers (upstream:
// cmd/kube-apiserver/app/server.go, CreateKubeAPIServerConfig): storage,
// certificates, authentication, authorization, admission, limits and shutdown.
//
// Authentication, as upstream's order: client certificates, then bearer
// tokens, tried by the static token file (--token-auth-file) and the
// ServiceAccount token authenticator, then anonymous (--anonymous-auth).
// The same token authenticators answer TokenReviews.

import {
  AudienceAgnosticTokenAuthenticator,
  BearerTokenAuthenticator,
  type Authenticator,
  type GenericAPIServerConfig,
  RequestHeaderAuthenticator,
  type RequestHeaderConfig,
  type Logger,
  type TokenAuthenticator,
  TokenAuthenticatorUnion,
  X509Authenticator,
} from "@tskube/generic-apiserver";
import {
  ADMISSION_PLUGIN_NAMES,
  type RBACAuthorizer,
  ServiceAccountTokenAuthenticator,
  ServiceAccountTokenIssuer,
  type ServiceAccountTokensConfig,
  defaultJWKSURI,
  storageTokenObjects,
} from "@tskube/kube-apiserver";
import { authorizerForModes } from "./authorization.js";
import { FRONT_PROXY_CLIENT_NAME, type PKI, ensurePKI } from "./certificates.js";
import { serverURL } from "./kubeconfig.js";
import { enabledAdmissionPlugins } from "./options/admission-plugins.js";
import type { Options } from "./options/options.js";
import { loadServiceAccountKeys } from "./service-account-keys.js";
import { type StorageBackend, openStorage } from "./storage.js";
import { WatchedTokenFile } from "./token-file.js";

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
  /** The bearer-token authenticators (TokenReview asks them too) and --api-audiences. */
  authentication: { tokenAuthenticator: TokenAuthenticator; apiAudiences: string[] };
  serviceAccountTokens: ServiceAccountTokensConfig;
  /** The RBAC authorizer of the authorization chain (--authorization-mode includes RBAC). */
  rbacAuthorizer?: RBACAuthorizer;
  /**
   * How front proxies (the aggregator) authenticate users to this server,
   * published in kube-system/extension-apiserver-authentication with the
   * client CA for aggregated API servers to read.
   */
  requestHeader: Required<RequestHeaderConfig> & { clientCA: string };
  logger: Logger;
  /** Closes storage and stops watching the token file. */
  close(): Promise<void>;
}

/**
 * Opens storage first (the embedded store locks the data directory, so a
 * second server on the same directory stops here, before touching any file),
 * then loads or creates the certificates and keys.
 */
export async function createConfig(options: Options, logger: Logger): Promise<Config> {
  const storage = openStorage(options, logger);
  let tokenFile: WatchedTokenFile | undefined;
  const requestHeader = options.authentication.requestHeader;
  try {
    const sa = options.serviceAccounts;
    // Both may generate keys on a first start: side by side.
    const [pki, keys] = await Promise.all([
      ensurePKI({
        certDir: options.serving.certDir,
        bindAddress: options.serving.bindAddress,
        ...(options.serving.tlsCertFile !== undefined ? { tlsCertFile: options.serving.tlsCertFile } : {}),
        ...(options.serving.tlsPrivateKeyFile !== undefined ? { tlsPrivateKeyFile: options.serving.tlsPrivateKeyFile } : {}),
        ...(options.authentication.clientCAFile !== undefined ? { clientCAFile: options.authentication.clientCAFile } : {}),
        ...(requestHeader.clientCAFile !== undefined ? { requestHeaderClientCAFile: requestHeader.clientCAFile } : {}),
        ...(options.proxyClient.certFile !== undefined ? { proxyClientCertFile: options.proxyClient.certFile } : {}),
        ...(options.proxyClient.keyFile !== undefined ? { proxyClientKeyFile: options.proxyClient.keyFile } : {}),
        logger,
      }),
      loadServiceAccountKeys({
        certDir: options.serving.certDir,
        keyFiles: sa.keyFiles,
        ...(sa.signingKeyFile !== undefined ? { signingKeyFile: sa.signingKeyFile } : {}),
        logger,
      }),
    ]);
    const requestHeaderConfig: Config["requestHeader"] = {
      clientCA: pki.frontProxy.clientCA,
      // With the generated CA only the generated client certificate's name; with a given CA, as given (empty: any).
      allowedNames: requestHeader.allowedNames ?? (pki.frontProxy.generated ? [FRONT_PROXY_CLIENT_NAME] : []),
      usernameHeaders: requestHeader.usernameHeaders,
      groupHeaders: requestHeader.groupHeaders,
      extraHeaderPrefixes: requestHeader.extraHeadersPrefix,
    };
    const apiAudiences = options.authentication.apiAudiences.length > 0 ? options.authentication.apiAudiences : sa.issuers;
    const tokenAuthenticators: TokenAuthenticator[] = [];
    if (options.authentication.tokenAuthFile !== undefined) {
      tokenFile = await WatchedTokenFile.open(options.authentication.tokenAuthFile, logger);
      // Static tokens are for this server: valid for its API audiences only.
      tokenAuthenticators.push(new AudienceAgnosticTokenAuthenticator(apiAudiences, tokenFile));
    }
    tokenAuthenticators.push(
      new ServiceAccountTokenAuthenticator({
        issuers: sa.issuers,
        publicKeys: keys.publicKeys,
        apiAudiences,
        objects: storageTokenObjects(storage.factory),
      }),
    );
    // Front-proxy requests first, as upstream orders them; then client certificates, then bearer tokens.
    const authenticators: Authenticator[] = [
      new RequestHeaderAuthenticator(requestHeaderConfig),
      new X509Authenticator({ clientCA: pki.clientCA }),
      new BearerTokenAuthenticator(tokenAuthenticators),
    ];

    const authorization = authorizerForModes(options.authorization.modes);
    const server: SharedServerConfig = {
      serving: {
        cert: pki.serving.cert,
        key: pki.serving.key,
        bindAddress: options.serving.bindAddress,
        port: options.serving.securePort,
      },
      authentication: { authenticators, anonymous: anonymousAllowed(options, logger) },
      // No always-allowed paths: kube-apiserver has none upstream; RBAC's system:public-info-viewer grants health and version.
      authorization: { authorizer: authorization.authorizer, alwaysAllowPaths: [] },
      limits: options.limits,
      shutdown: { delayMs: options.shutdownDelayMs },
      healthChecks: [storage.healthCheck],
      logger,
    };
    const admissionPlugins = enabledAdmissionPlugins(options.admission.enable, options.admission.disable).filter((name) =>
      ADMISSION_PLUGIN_NAMES.includes(name),
    );
    const rootCA = pki.servingCA ?? pki.serving.cert.toString();
    const externalAddress = new URL(serverURL(options.serving.bindAddress, options.serving.securePort)).host;
    const serviceAccountTokens: ServiceAccountTokensConfig = {
      // The first issuer issues; the others are still accepted (issuer migration).
      issuer: new ServiceAccountTokenIssuer(sa.issuers[0] ?? "", keys.signingKey),
      publicKeys: keys.publicKeys,
      jwksURI: sa.jwksURI ?? defaultJWKSURI(externalAddress),
      maxExpirationSeconds: Math.floor(sa.maxExpirationMs / 1000),
      extendExpiration: sa.extendExpiration,
    };
    const watched = tokenFile;
    return {
      options,
      server,
      storage,
      pki,
      admissionPlugins,
      rootCA,
      requestHeader: requestHeaderConfig,
      authentication: { tokenAuthenticator: new TokenAuthenticatorUnion(tokenAuthenticators), apiAudiences },
      serviceAccountTokens,
      ...(authorization.rbac ? { rbacAuthorizer: authorization.rbac } : {}),
      logger,
      async close() {
        watched?.close();
        await storage.close();
      },
    };
  } catch (err) {
    tokenFile?.close();
    await storage.close();
    throw err;
  }
}

/**
 * --anonymous-auth, as upstream applies it: anonymous requests together with
 * the AlwaysAllow authorizer would let anyone do anything, so upstream turns
 * anonymous access off then, with this warning.
 */
function anonymousAllowed(options: Options, logger: Logger): boolean {
  if (!options.authentication.anonymous) return false;
  if (options.authorization.modes.includes("AlwaysAllow")) {
    logger.info("kube-apiserver: AnonymousAuth is not allowed with the AlwaysAllow authorizer. Resetting AnonymousAuth to false. You should use a different authorizer");
    return false;
  }
  return true;
}
