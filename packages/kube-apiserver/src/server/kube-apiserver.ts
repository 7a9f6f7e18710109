// The kube-apiserver of the chain (upstream: pkg/controlplane's Instance):
// a GenericAPIServer serving the built-in API groups, with admission and the
// post-start hooks that bootstrap a new cluster and run its in-process
// controllers. The binary (cmd/kube-apiserver) builds its configuration from
// flags and places it in the server chain.

import type { KeyObject } from "node:crypto";
import { type KubeObject, isInvalid } from "@tskube/apimachinery";
import {
  type APIGroupInfo,
  GenericAPIServer,
  type GenericAPIServerConfig,
  type Logger,
  type RESTStorage,
  type ResourceDefinition,
  type TokenAuthenticator,
} from "@tskube/generic-apiserver";
import { ADMISSION_PLUGIN_NAMES, admissionPlugins } from "../admission/plugins.js";
import { endpointsDefinition } from "../apis/core/v1/endpoints/definition.js";
import { namespaceDefinition } from "../apis/core/v1/namespace/definition.js";
import {
  DEFAULT_REPAIR_INTERVAL_MS,
  type PortRange,
  ServiceAllocationRepair,
  createServiceAllocators,
} from "../apis/core/v1/service/allocation/index.js";
import { serviceDefinition } from "../apis/core/v1/service/definition.js";
import { serviceAccountDefinition } from "../apis/core/v1/serviceaccount/definition.js";
import { priorityClassDefinition } from "../apis/scheduling/v1/priorityclass/definition.js";
import { builtinAPIGroups } from "../apis/index.js";
import { reconcileKubernetesService } from "../bootstrap/kubernetes-service.js";
import { retryUntilDone } from "../bootstrap/retry.js";
import { rbacRegistryStorage } from "../apis/rbac/v1/group.js";
import { ensureBootstrapPolicy } from "../bootstrap/rbac/ensure.js";
import { startClusterRoleAggregationController } from "../controllers/clusterrole-aggregation.js";
import type { RBACAuthorizer } from "../rbac/authorizer.js";
import { ensureSystemNamespaces } from "../bootstrap/system-namespaces.js";
import { ensureSystemPriorityClasses } from "../bootstrap/system-priority-classes.js";
import { startNamespaceController } from "../controllers/namespace/controller.js";
import { startRootCACertPublisher } from "../controllers/root-ca-publisher.js";
import { type ClusterAuthenticationInfo, startClusterAuthenticationTrustController } from "../controllers/cluster-authentication-trust.js";
import { startServiceAccountsController } from "../controllers/serviceaccounts.js";
import { BUILTIN_PROTOBUF } from "../protobuf/index.js";
import { systemWriterFor } from "../registry/registry-store.js";
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
  /** Service cluster IPs and node ports. */
  services?: ServicesConfig;
  /**
   * Where clients reach this server, for the `kubernetes` Service's
   * endpoints (upstream: --advertise-address and --secure-port). Default:
   * the serving bind address (127.0.0.1 for 0.0.0.0 and ::) and the port
   * the server listens on.
   */
  advertise?: { address?: string; port?: number };
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
  /**
   * The RBAC authorizer, when the server's authorization chain has one
   * (--authorization-mode=RBAC): a post-start hook keeps its policy current
   * from watches, and /readyz waits until it has listed the whole policy.
   */
  rbacAuthorizer?: RBACAuthorizer;
  /**
   * How this server authenticates clients, published in
   * kube-system/extension-apiserver-authentication for aggregated API
   * servers. Without it, no ConfigMap is published.
   */
  clusterAuthentication?: ClusterAuthenticationInfo;
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

export interface ServicesConfig {
  /** --service-cluster-ip-range: one CIDR, or two of different families (dual-stack). Default ["10.0.0.0/24"]. */
  clusterIPRanges?: string[];
  /** --service-node-port-range. Default 30000-32767. */
  nodePortRange?: PortRange;
  /** How often the ranges are repaired from the stored Services after the first time at start. Default 3 minutes. */
  repairIntervalMs?: number;
}

export function createKubeAPIServer(config: KubeAPIServerConfig): GenericAPIServer {
  const logger = config.generic.logger;
  // The groups are built before the server whose authorization chain some of them consult.
  let built: GenericAPIServer | undefined;
  const authorizer = () => {
    if (built === undefined) throw new Error("kube-apiserver: the authorizer was asked for before the server existed");
    return built.authorizer;
  };
  const serviceAllocators = createServiceAllocators({
    storage: config.storage,
    ...(config.services?.clusterIPRanges ? { clusterIPRanges: config.services.clusterIPRanges } : {}),
    ...(config.services?.nodePortRange ? { nodePortRange: config.services.nodePortRange } : {}),
    ...(logger ? { logger } : {}),
  });
  const tokens = config.serviceAccountTokens;
  const apiAudiences = config.authentication?.apiAudiences ?? (tokens ? [tokens.issuer.issuer] : []);
  const tokenAuthenticator = config.authentication?.tokenAuthenticator;
  const groups = builtinAPIGroups(config.storage, {
    serviceAllocators,
    authorizer,
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
  const namespaces = storageOf(groups, namespaceDefinition);
  const plugins = admissionPlugins(config.admission?.plugins ?? ADMISSION_PLUGIN_NAMES, {
    namespaces,
    serviceAccounts: storageOf(groups, serviceAccountDefinition),
  });
  // Built-in kinds also take protobuf bodies (kubectl's typed clients send them), each as soon as it has a table.
  const server = new GenericAPIServer({
    protobuf: BUILTIN_PROTOBUF,
    ...config.generic,
    name: config.generic.name ?? "kube-apiserver",
    admission: { plugins: [...plugins, ...(config.generic.admission?.plugins ?? [])] },
  });
  built = server;
  for (const group of groups) server.installAPIGroup(group);
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
  const priorityClasses = storageOf(groups, priorityClassDefinition);
  addBootstrapHook(server, "scheduling/bootstrap-system-priority-classes", "system priority classes", logger, (signal) =>
    ensureSystemPriorityClasses(priorityClasses, signal),
  );

  // The ranges' records come from the stored Services at start (until then nothing is allocated),
  // and are checked again every few minutes for values no Service holds any more.
  const services = storageOf(groups, serviceDefinition);
  const repair = new ServiceAllocationRepair({ services, allocators: serviceAllocators, ...(logger ? { logger } : {}) });
  server.addPostStartHook("start-service-ip-repair-controllers", async ({ signal }) => {
    const done = await retryUntilDone("repairing the service cluster IP and node port ranges", () => repair.runOnce(), {
      signal,
      ...(logger ? { logger } : {}),
    });
    if (done) repair.runEvery(config.services?.repairIntervalMs ?? DEFAULT_REPAIR_INTERVAL_MS, signal);
  });

  // The `kubernetes` Service and its endpoints. They are written once the ranges are repaired
  // (its cluster IP cannot be allocated before) and the default namespace exists; until then
  // the tries fail and are retried. One that cannot succeed (its IP taken by another Service) is logged.
  const endpoints = systemWriterFor(endpointsDefinition, config.storage).main;
  const sliceDefinition = definitionOf(groups, "discovery.k8s.io", "endpointslices");
  const endpointSlices = sliceDefinition ? systemWriterFor(sliceDefinition, config.storage).main : undefined;
  server.addPostStartHook("bootstrap-controller", async ({ signal }) => {
    const target = {
      clusterIP: serviceAllocators.kubernetesServiceIP,
      address: config.advertise?.address ?? advertisedAddress(config.generic.serving?.bindAddress),
      port: config.advertise?.port ?? (server.isListening ? server.port : (config.generic.serving?.port ?? 443)),
    };
    await retryUntilDone(
      "reconciling the kubernetes service",
      async () => {
        const written = await reconcileKubernetesService({ services, endpoints, ...(endpointSlices ? { endpointSlices } : {}) }, target, signal);
        if (written.length > 0) logger?.info(`wrote ${written.join(", ")} in namespace default`);
      },
      { signal, giveUpOn: isInvalid, ...(logger ? { logger } : {}) },
    );
  });

  // The default RBAC policy: created, or reconciled with what is stored (missing rules and subjects added).
  // It writes to the registry directly, as the server (no escalation check would refuse system:masters anyway).
  const rbacStorage = rbacRegistryStorage(config.storage);
  addBootstrapHook(server, "rbac/bootstrap-roles", "RBAC policy objects", logger, (signal) => ensureBootstrapPolicy(rbacStorage, signal));
  const rbac = config.rbacAuthorizer;
  if (rbac !== undefined) {
    server.addPostStartHook("start-rbac-authorizer-informers", async ({ signal, loopbackClient }) => {
      await rbac.run(loopbackClient, signal, logger);
    });
  }

  // Upstream's kube-controller-manager runs these; here they run in the server, through its loopback
  // client. Each hook returns once its controller has listed what it follows.
  const controllerOptions = logger ? { logger } : {};
  server.addPostStartHook("start-namespace-controller", ({ signal, loopbackClient }) =>
    startNamespaceController(loopbackClient, signal, controllerOptions),
  );
  server.addPostStartHook("start-serviceaccounts-controller", ({ signal, loopbackClient }) =>
    startServiceAccountsController(loopbackClient, signal, controllerOptions),
  );
  server.addPostStartHook("start-clusterrole-aggregation-controller", ({ signal, loopbackClient }) =>
    startClusterRoleAggregationController(loopbackClient, signal, controllerOptions),
  );
  const rootCA = config.rootCA;
  if (rootCA !== undefined) {
    server.addPostStartHook("start-root-ca-cert-publisher", ({ signal, loopbackClient }) =>
      startRootCACertPublisher(loopbackClient, rootCA, signal, controllerOptions),
    );
  }
  const clusterAuthentication = config.clusterAuthentication;
  if (clusterAuthentication !== undefined) {
    server.addPostStartHook("start-cluster-authentication-info-controller", ({ signal, loopbackClient }) =>
      startClusterAuthenticationTrustController(loopbackClient, clusterAuthentication, signal, controllerOptions),
    );
  }
  return server;
}

/** A post-start hook that creates objects a cluster needs, retried until storage answers; /readyz waits for it. */
function addBootstrapHook(
  server: GenericAPIServer,
  name: string,
  what: string,
  logger: Logger | undefined,
  ensure: (signal: AbortSignal) => Promise<string[]>,
): void {
  server.addPostStartHook(name, async ({ signal }) => {
    await retryUntilDone(
      `creating the ${what}`,
      async () => {
        const created = await ensure(signal);
        if (created.length > 0) logger?.info(`created ${what}: ${created.join(", ")}`);
      },
      { signal, ...(logger ? { logger } : {}) },
    );
  });
}

/** The bind address, or 127.0.0.1 when the server binds every address. */
function advertisedAddress(bindAddress: string | undefined): string {
  if (bindAddress === undefined || bindAddress === "0.0.0.0" || bindAddress === "::") return "127.0.0.1";
  return bindAddress;
}

/**
 * The storage installed for `def`'s group, version and resource (it stores
 * `def`'s type; the installed definition may be a variant of `def`, e.g.
 * serviceaccounts without the token subresource).
 */
function storageOf<T extends KubeObject>(groups: APIGroupInfo[], def: ResourceDefinition<T>): RESTStorage<T> {
  for (const version of groups.filter((g) => g.name === def.group).flatMap((g) => g.versions)) {
    if (version.version !== def.version) continue;
    const found = version.resources.find((r) => r.main.definition.resource === def.resource);
    if (found) return found.main as unknown as RESTStorage<T>;
  }
  throw new Error(`kube-apiserver: resource ${def.resource} is not installed`);
}

/** The definition of a resource of a group, if the group is installed. */
function definitionOf(groups: APIGroupInfo[], group: string, resource: string): ResourceDefinition<KubeObject> | undefined {
  const versions = groups.find((g) => g.name === group)?.versions ?? [];
  return versions.flatMap((v) => v.resources).find((r) => r.main.definition.resource === resource)?.main.definition;
}
