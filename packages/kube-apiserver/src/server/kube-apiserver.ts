// The kube-apiserver of the chain (upstream: pkg/controlplane's Instance):
// a GenericAPIServer serving the built-in API groups, with the post-start
// hooks that bootstrap a new cluster. The binary (cmd/kube-apiserver) builds
// its configuration from flags and places it in the server chain.

import type { KeyObject } from "node:crypto";
import { type KubeObject } from "@tskube/apimachinery";
import {
  GenericAPIServer,
  type GenericAPIServerConfig,
  type Logger,
  type RESTStorage,
  type TokenAuthenticator,
  sleep,
} from "@tskube/generic-apiserver";
import { ADMISSION_PLUGIN_NAMES, admissionPlugins } from "../admission/plugins.js";
import { builtinAPIGroups } from "../apis/index.js";
import { ensureSystemNamespaces } from "../bootstrap/system-namespaces.js";
import { ensureSystemPriorityClasses } from "../bootstrap/system-priority-classes.js";
import { BUILTIN_PROTOBUF } from "../protobuf/index.js";
import { startNamespaceController } from "../controllers/namespace/controller.js";
import { startRootCACertPublisher } from "../controllers/root-ca-publisher.js";
import { startServiceAccountsController } from "../controllers/serviceaccounts.js";
import type { StorageFactory } from "../registry/storage-factory.js";
import { oidcDiscoveryRouter, oidcIssuerProblem } from "../serviceaccount/oidc-discovery.js";
import type { ServiceAccountTokenIssuer } from "../serviceaccount/token-issuer.js";

export interface KubeAPIServerConfig {
  /** The generic server's configuration; `name` defaults to "kube-apiserver". Its admission plugins run after ours. */
  generic: Omit<GenericAPIServerConfig, "name"> & { name?: string };
  /** Where every resource is stored. */
  storage: StorageFactory;
  /** Which admission plugins run (upstream's names); default every one implemented, all on by default upstream. */
  admission?: { plugins?: readonly string[] };
  /**
   * The CA bundle (PEM) that verifies this server, published in every
   * namespace as the ConfigMap kube-root-ca.crt. Without it, no ConfigMap is published.
   */
  rootCA?: string;
  /** What the authentication.k8s.io APIs answer from. */
  authentication?: {
    /** The server's bearer-token authenticators, which a TokenReview asks. Without them a review is returned unanswered. */
    tokenAuthenticator?: TokenAuthenticator;
    /** `--api-audiences`: what TokenRequest and TokenReview default to. Default: the service account issuer. */
    apiAudiences?: readonly string[];
  };
  /**
   * ServiceAccount tokens: `serviceaccounts/<name>/token` issues them, and
   * `/.well-known/openid-configuration` and `/openid/v1/jwks` publish the
   * keys that verify them. Without, neither is served.
   */
  serviceAccountTokens?: ServiceAccountTokensConfig;
}

export interface ServiceAccountTokensConfig {
  /** Signs with `--service-account-signing-key-file`, as the first `--service-account-issuer`. */
  issuer: ServiceAccountTokenIssuer;
  /** Every key tokens may be verified with (`--service-account-key-file`), published as the JWKS. */
  publicKeys: readonly KeyObject[];
  /** The discovery document's `jwks_uri` (`--service-account-jwks-uri`, default from the external address). */
  jwksURI: string;
  /** `--service-account-max-token-expiration` in seconds; 0 or absent = no cap. */
  maxExpirationSeconds?: number;
  /** `--service-account-extend-token-expiration`; default true. */
  extendExpiration?: boolean;
}

export function createKubeAPIServer(config: KubeAPIServerConfig): GenericAPIServer {
  const tokens = config.serviceAccountTokens;
  const apiAudiences = config.authentication?.apiAudiences ?? (tokens ? [tokens.issuer.issuer] : []);
  const tokenAuthenticator = config.authentication?.tokenAuthenticator;
  const groups = builtinAPIGroups(config.storage, {
    authentication: { apiAudiences, ...(tokenAuthenticator ? { tokenAuthenticator } : {}) },
    ...(tokens
      ? {
          serviceAccountTokens: {
            issuer: tokens.issuer,
            apiAudiences,
            ...(tokens.maxExpirationSeconds !== undefined ? { maxExpirationSeconds: tokens.maxExpirationSeconds } : {}),
            ...(tokens.extendExpiration !== undefined ? { extendExpiration: tokens.extendExpiration } : {}),
          },
        }
      : {}),
  });
  const core = groups.find((g) => g.name === "")?.versions[0]?.resources.map((r) => r.main) ?? [];
  const namespaces = findResource(core, "namespaces");
  const plugins = admissionPlugins(config.admission?.plugins ?? ADMISSION_PLUGIN_NAMES, {
    namespaces,
    serviceAccounts: findResource(core, "serviceaccounts"),
  });
  // Built-in kinds also take protobuf bodies (kubectl's typed clients send them), each as soon as it has a table.
  const server = new GenericAPIServer({
    protobuf: BUILTIN_PROTOBUF,
    ...config.generic,
    name: config.generic.name ?? "kube-apiserver",
    admission: { plugins: [...plugins, ...(config.generic.admission?.plugins ?? [])] },
  });
  for (const group of groups) server.installAPIGroup(group);

  const logger = config.generic.logger;
  if (tokens) {
    // OpenID Connect wants an https issuer; with another, discovery stays off (and tokens still work), as upstream.
    const problem = oidcIssuerProblem(tokens.issuer.issuer);
    if (problem === undefined) {
      server.addNonResourceRouter(oidcDiscoveryRouter({ issuer: tokens.issuer.issuer, jwksURI: tokens.jwksURI, publicKeys: tokens.publicKeys }));
    } else {
      logger?.error(`service account issuer discovery (/.well-known/openid-configuration, /openid/v1/jwks) is not served: ${problem}`);
    }
  }
  // Upstream's hook of the same name keeps these namespaces present; ours creates them once, at start.
  addBootstrapHook(server, "start-system-namespaces-controller", "system namespaces", logger, (signal) => ensureSystemNamespaces(namespaces, signal));

  const scheduling = groups.find((g) => g.name === "scheduling.k8s.io");
  const priorityClasses = findResource(scheduling?.versions[0]?.resources.map((r) => r.main) ?? [], "priorityclasses");
  addBootstrapHook(server, "scheduling/bootstrap-system-priority-classes", "system priority classes", logger, (signal) =>
    ensureSystemPriorityClasses(priorityClasses, signal),
  );

  // Upstream's kube-controller-manager runs these; here they run in the server, through its loopback
  // client. Each hook returns once its controller has listed what it follows.
  const controllerOptions = logger ? { logger } : {};
  server.addPostStartHook("start-namespace-controller", ({ signal, loopbackClient }) =>
    startNamespaceController(loopbackClient, signal, controllerOptions),
  );
  server.addPostStartHook("start-serviceaccounts-controller", ({ signal, loopbackClient }) =>
    startServiceAccountsController(loopbackClient, signal, controllerOptions),
  );
  const rootCA = config.rootCA;
  if (rootCA !== undefined) {
    server.addPostStartHook("start-root-ca-cert-publisher", ({ signal, loopbackClient }) =>
      startRootCACertPublisher(loopbackClient, rootCA, signal, controllerOptions),
    );
  }
  return server;
}

/**
 * A post-start hook that creates objects a cluster needs. Storage may not
 * answer yet (etcd still starting): it retries until it does; /readyz waits
 * for the hook.
 */
function addBootstrapHook(
  server: GenericAPIServer,
  name: string,
  what: string,
  logger: Logger | undefined,
  ensure: (signal: AbortSignal) => Promise<string[]>,
): void {
  server.addPostStartHook(name, async ({ signal }) => {
    for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 5_000)) {
      try {
        const created = await ensure(signal);
        if (created.length > 0) logger?.info(`created ${what}: ${created.join(", ")}`);
        return;
      } catch (err) {
        if (signal.aborted) return; // shutting down: nothing left to do
        logger?.error(`creating the ${what} failed; retrying`, err);
        await sleep(delayMs, signal);
      }
    }
  });
}

function findResource(storages: RESTStorage<KubeObject>[], resource: string): RESTStorage<KubeObject> {
  const found = storages.find((s) => s.definition.resource === resource);
  if (!found) throw new Error(`kube-apiserver: resource ${resource} is not installed`);
  return found;
}
