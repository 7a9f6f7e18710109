// What a GenericAPIServer is built from. Only `name` is required; every
// other part has a default that is safe rather than convenient: no
// authenticators and no anonymous access (so every request is 401 until
// you configure some), and an authorizer that denies everything except
// `system:masters` and the public health and version endpoints.

import type { ProtobufDecoders } from "@tskube/apimachinery";
import type { AdmissionPlugin } from "../admission/interfaces.js";
import type { Authenticator } from "../authentication/authenticator.js";
import type { DiscoveryRouterOptions } from "../discovery/router.js";
import type { Authorizer } from "../authorization/authorizer.js";
import type { HealthCheck } from "../health/health-check.js";
import type { Logger } from "./logger.js";
import type { VersionInfo } from "./version.js";
import type { GenericAPIServer } from "./server.js";

export interface ServingConfig {
  /** PEM serving certificate (with any intermediates after it). */
  cert: string | Buffer;
  /** PEM private key of the certificate. */
  key: string | Buffer;
  /** Address to listen on. Default "127.0.0.1"; "0.0.0.0" or "::" for every interface. */
  bindAddress?: string;
  /** Port to listen on; 0 (the default) picks a free one, see `server.port`. */
  port?: number;
}

export interface AuthenticationConfig {
  /**
   * Tried in order; the first that recognises the request's credentials
   * decides. Client certificates: an X509Authenticator (the server then asks
   * clients for certificates and verifies them against its CA bundle).
   * Tokens: a BearerTokenAuthenticator over TokenAuthenticators.
   */
  authenticators?: Authenticator[];
  /** Requests without credentials proceed as `system:anonymous`. Default false (upstream's flag defaults to true). */
  anonymous?: boolean;
}

export interface AuthorizationConfig {
  /**
   * Default: AlwaysDenyAuthorizer. If it is also a RuleResolver (the
   * built-in ones are, and a UnionAuthorizer of them), its rules are what
   * `server.authorizer.rulesFor` lists.
   */
  authorizer?: Authorizer;
  /** Groups that bypass authorization. Default ["system:masters"]. */
  privilegedGroups?: string[];
  /**
   * Non-resource paths everyone may request, `*` as a trailing wildcard.
   * Default: /healthz, /livez, /readyz and /version, as upstream's public-info-viewer role.
   */
  alwaysAllowPaths?: string[];
}

export interface LimitsConfig {
  /** Read-only requests served at once (0 = no limit). Default 400. */
  maxRequestsInFlight?: number;
  /** Mutating requests served at once (0 = no limit). Default 200. */
  maxMutatingRequestsInFlight?: number;
  /** Deadline for requests that are not long-running; `?timeout=` can shorten it. Default 60 000 ms. */
  requestTimeoutMs?: number;
  /** Largest request body. Default 3 MiB. */
  maxBodyBytes?: number;
}

export interface AdmissionConfig {
  /**
   * The plugins every write to this server's groups goes through, in order
   * (see src/admission). Each server of a chain admits the writes to its own
   * groups. Default: none.
   */
  plugins?: readonly AdmissionPlugin[];
}

export interface ShutdownConfig {
  /**
   * After shutdown starts, keep serving this long while /readyz reports
   * "not ready", so load balancers stop sending traffic first (upstream:
   * --shutdown-delay-duration). Default 0.
   */
  delayMs?: number;
  /** How long in-flight requests may take to finish before connections are cut. Default: the request timeout. */
  timeoutMs?: number;
}

export interface GenericAPIServerConfig {
  /** Shown in logs, e.g. "kube-apiserver". */
  name: string;
  /** Needed only by the server that listens (the outermost of a chain). */
  serving?: ServingConfig;
  authentication?: AuthenticationConfig;
  authorization?: AuthorizationConfig;
  limits?: LimitsConfig;
  admission?: AdmissionConfig;
  /** Checks for /healthz, /livez and /readyz, besides `ping` and the post-start hooks. */
  healthChecks?: HealthCheck[];
  /** Overrides of the /version answer. */
  version?: Partial<VersionInfo>;
  /**
   * Where requests for paths this server does not serve go. Without one: 404.
   * The delegate's groups are also published in this server's discovery and OpenAPI.
   */
  delegate?: GenericAPIServer;
  /** Discovery options, e.g. the `serverAddress` /api advertises. Default: the Host the request was sent to. */
  discovery?: DiscoveryRouterOptions;
  shutdown?: ShutdownConfig;
  /** Default: console. */
  logger?: Logger;
  /** Export Node's process metrics at /metrics (default true). */
  processMetrics?: boolean;
  /**
   * Protobuf decoders of the kinds this server serves (by group, version and
   * kind): writes of those kinds also accept `application/vnd.kubernetes.protobuf`
   * bodies. Without: JSON and YAML only (DeleteOptions bodies may always be protobuf).
   */
  protobuf?: ProtobufDecoders;
}

export const DEFAULT_LIMITS: Required<LimitsConfig> = {
  maxRequestsInFlight: 400,
  maxMutatingRequestsInFlight: 200,
  requestTimeoutMs: 60_000,
  maxBodyBytes: 3 * 1024 * 1024,
};

/** What upstream's system:public-info-viewer role grants everyone. Single checks (/readyz/etcd) are not included. */
export const DEFAULT_ALWAYS_ALLOW_PATHS = ["/healthz", "/livez", "/readyz", "/version", "/version/"];
