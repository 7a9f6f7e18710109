// The binary's options: what the flags say, typed and checked (upstream:
// cmd/kube-apiserver/app/options, ServerRunOptions and its Validate). Every
// problem is reported at once, each naming its flag.

import { resolve } from "node:path";
import { MAX_SERVICE_CIDR_HOST_BITS } from "@tskube/kube-apiserver";
import { ADMISSION_PLUGINS } from "./admission-plugins.js";
import { FlagError } from "./flag-error.js";
import { DEFAULT_DATA_DIR, DEFAULT_SERVICE_ACCOUNT_ISSUER } from "./flags.js";
import {
  type CIDR,
  type PortRange,
  lastValue,
  parseDurationFlag,
  parseIPFlag,
  parseIntFlag,
  parsePortRange,
  parseServiceCIDRs,
  parseStringArrayFlag,
  parseStringsFlag,
} from "./values.js";

export const AUTHORIZATION_MODES = ["AlwaysAllow", "AlwaysDeny", "ABAC", "Webhook", "RBAC", "Node"] as const;
export type AuthorizationMode = (typeof AUTHORIZATION_MODES)[number];

export interface Options {
  /** Absolute path of --data-dir. */
  dataDir: string;
  etcd: {
    /** Empty: the embedded store. */
    servers: string[];
    prefix: string;
    compactionIntervalMs: number;
    watchCache: boolean;
  };
  serving: {
    bindAddress: string;
    securePort: number;
    /** Absolute path; default <data-dir>/pki. */
    certDir: string;
    tlsCertFile?: string;
    tlsPrivateKeyFile?: string;
  };
  authentication: {
    anonymous: boolean;
    clientCAFile?: string;
    tokenAuthFile?: string;
    /** The front-proxy (request-header) authentication. */
    requestHeader: {
      clientCAFile?: string;
      /** Undefined: not given (the default depends on whether the CA is generated). */
      allowedNames?: string[];
      usernameHeaders: string[];
      groupHeaders: string[];
      extraHeadersPrefix: string[];
    };
    /** --api-audiences; empty: the service account issuers. */
    apiAudiences: string[];
  };
  serviceAccounts: {
    /** --service-account-issuer: the first issues, all are accepted. */
    issuers: string[];
    /** Absolute paths of --service-account-key-file; empty: the signing key's public half. */
    keyFiles: string[];
    /** Absolute path of --service-account-signing-key-file; absent: the key generated in --cert-dir. */
    signingKeyFile?: string;
    /** --service-account-max-token-expiration; 0 = no limit. */
    maxExpirationMs: number;
    extendExpiration: boolean;
    jwksURI?: string;
  };
  /** The aggregator's front-proxy client certificate; both or neither. */
  proxyClient: { certFile?: string; keyFile?: string };
  authorization: { modes: AuthorizationMode[] };
  admission: { enable: string[]; disable: string[] };
  limits: {
    maxRequestsInFlight: number;
    maxMutatingRequestsInFlight: number;
    requestTimeoutMs: number;
  };
  shutdownDelayMs: number;
  services: { clusterIPRange: CIDR[]; nodePortRange: PortRange };
  verbosity: number;
  /** Names of the flags given on the command line (to say which settings cannot take effect yet). */
  given: ReadonlySet<string>;
}

/** Values as yargs parsed them: flag name -> text, array of texts (repeated flag) or boolean. */
export type RawFlags = Readonly<Record<string, unknown>>;

/** Collects the errors of several checks, so one run reports all of them. */
class Problems {
  readonly messages: string[] = [];

  run<T>(fallback: T, parse: () => T): T {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof FlagError)) throw err;
      this.messages.push(err.message);
      return fallback;
    }
  }

  add(message: string): void {
    this.messages.push(message);
  }
}

/** A list flag's values, or `fallback` when it is not given (or given empty). */
function stringsOr(raw: unknown, fallback: string[]): string[] {
  const values = parseStringsFlag(raw);
  return values.length > 0 ? values : fallback;
}

function optionalPath(raw: unknown): string | undefined {
  const value = lastValue(raw);
  return value === undefined || value === "" ? undefined : resolve(value);
}

export function optionsFromFlags(raw: RawFlags, given: ReadonlySet<string>): Options {
  const problems = new Problems();
  const text = (name: string, fallback: string) => lastValue(raw[name]) ?? fallback;
  const int = (name: string, fallback: number) => problems.run(fallback, () => parseIntFlag(name, raw[name] ?? String(fallback)));
  const duration = (name: string, fallback: number) =>
    problems.run(fallback, () => (raw[name] === undefined ? fallback : parseDurationFlag(name, raw[name])));

  const dataDir = resolve(text("data-dir", DEFAULT_DATA_DIR));
  const options: Options = {
    dataDir,
    etcd: {
      servers: parseStringsFlag(raw["etcd-servers"]),
      prefix: text("etcd-prefix", "/registry"),
      compactionIntervalMs: duration("etcd-compaction-interval", 5 * 60_000),
      watchCache: raw["watch-cache"] !== false,
    },
    serving: {
      bindAddress: problems.run("0.0.0.0", () => (raw["bind-address"] === undefined ? "0.0.0.0" : parseIPFlag("bind-address", raw["bind-address"]))),
      securePort: int("secure-port", 6443),
      certDir: optionalPath(raw["cert-dir"]) ?? resolve(dataDir, "pki"),
    },
    authentication: {
      anonymous: raw["anonymous-auth"] !== false,
      apiAudiences: parseStringsFlag(raw["api-audiences"]),
      requestHeader: {
        usernameHeaders: stringsOr(raw["requestheader-username-headers"], ["X-Remote-User"]),
        groupHeaders: stringsOr(raw["requestheader-group-headers"], ["X-Remote-Group"]),
        extraHeadersPrefix: stringsOr(raw["requestheader-extra-headers-prefix"], ["X-Remote-Extra-"]),
      },
    },
    proxyClient: {},
    serviceAccounts: {
      issuers: raw["service-account-issuer"] === undefined ? [DEFAULT_SERVICE_ACCOUNT_ISSUER] : parseStringArrayFlag(raw["service-account-issuer"]),
      keyFiles: parseStringArrayFlag(raw["service-account-key-file"]).map((path) => resolve(path)),
      maxExpirationMs: duration("service-account-max-token-expiration", 0),
      extendExpiration: raw["service-account-extend-token-expiration"] !== false,
    },
    authorization: { modes: [] },
    admission: {
      enable: parseStringsFlag(raw["enable-admission-plugins"]),
      disable: parseStringsFlag(raw["disable-admission-plugins"]),
    },
    limits: {
      maxRequestsInFlight: int("max-requests-inflight", 400),
      maxMutatingRequestsInFlight: int("max-mutating-requests-inflight", 200),
      requestTimeoutMs: duration("request-timeout", 60_000),
    },
    shutdownDelayMs: duration("shutdown-delay-duration", 0),
    services: {
      clusterIPRange: problems.run([], () => parseServiceCIDRs("service-cluster-ip-range", raw["service-cluster-ip-range"] ?? "10.0.0.0/24")),
      nodePortRange: problems.run({ base: 30000, size: 2768 }, () =>
        parsePortRange("service-node-port-range", raw["service-node-port-range"] ?? "30000-32767"),
      ),
    },
    verbosity: int("v", 0),
    given,
  };
  const tlsCertFile = optionalPath(raw["tls-cert-file"]);
  const tlsPrivateKeyFile = optionalPath(raw["tls-private-key-file"]);
  if (tlsCertFile) options.serving.tlsCertFile = tlsCertFile;
  if (tlsPrivateKeyFile) options.serving.tlsPrivateKeyFile = tlsPrivateKeyFile;
  const clientCAFile = optionalPath(raw["client-ca-file"]);
  const tokenAuthFile = optionalPath(raw["token-auth-file"]);
  if (clientCAFile) options.authentication.clientCAFile = clientCAFile;
  if (tokenAuthFile) options.authentication.tokenAuthFile = tokenAuthFile;
  const signingKeyFile = optionalPath(raw["service-account-signing-key-file"]);
  if (signingKeyFile) options.serviceAccounts.signingKeyFile = signingKeyFile;
  const jwksURI = lastValue(raw["service-account-jwks-uri"]);
  if (jwksURI) options.serviceAccounts.jwksURI = jwksURI;
  const requestHeaderCA = optionalPath(raw["requestheader-client-ca-file"]);
  if (requestHeaderCA) options.authentication.requestHeader.clientCAFile = requestHeaderCA;
  if (raw["requestheader-allowed-names"] !== undefined) {
    options.authentication.requestHeader.allowedNames = parseStringsFlag(raw["requestheader-allowed-names"]);
  }
  const proxyCert = optionalPath(raw["proxy-client-cert-file"]);
  const proxyKey = optionalPath(raw["proxy-client-key-file"]);
  if (proxyCert) options.proxyClient.certFile = proxyCert;
  if (proxyKey) options.proxyClient.keyFile = proxyKey;
  options.authorization.modes = authorizationModes(raw["authorization-mode"] ?? "AlwaysAllow", problems);

  validate(options, problems);
  if (problems.messages.length > 0) throw new FlagError(problems.messages.join("\n"));
  return options;
}

/** --authorization-mode: known modes, each once (upstream: BuiltInAuthorizationOptions.Validate). */
function authorizationModes(raw: unknown, problems: Problems): AuthorizationMode[] {
  const modes = parseStringsFlag(raw);
  if (modes.length === 0) problems.add("at least one authorization-mode must be passed");
  const seen = new Set<string>();
  const valid: AuthorizationMode[] = [];
  for (const mode of modes) {
    if (!(AUTHORIZATION_MODES as readonly string[]).includes(mode)) {
      problems.add(`authorization-mode ${JSON.stringify(mode)} is not a valid mode`);
    } else if (seen.has(mode)) {
      problems.add(`authorization-mode ${JSON.stringify(mode)} has mode specified more than once`);
    } else {
      valid.push(mode as AuthorizationMode);
    }
    seen.add(mode);
  }
  // Upstream needs a policy file for ABAC and a kubeconfig for Webhook; this binary has neither flag yet.
  if (seen.has("ABAC")) problems.add("authorization-mode ABAC's authorization policy file not passed");
  if (seen.has("Webhook")) problems.add("authorization-mode Webhook's authorization config file not passed");
  return valid;
}

/** Checks across flags and of ranges (upstream: each options struct's Validate). */
function validate(o: Options, problems: Problems): void {
  const port = o.serving.securePort;
  if (port < 1 || port > 65535) {
    problems.add(`--secure-port ${port} must be between 1 and 65535, inclusive. It cannot be turned off with 0`);
  }
  if (o.limits.maxRequestsInFlight < 0) problems.add("--max-requests-inflight can not be negative value");
  if (o.limits.maxMutatingRequestsInFlight < 0) problems.add("--max-mutating-requests-inflight can not be negative value");
  if (o.limits.requestTimeoutMs < 0) problems.add("--request-timeout can not be negative value");
  if (o.shutdownDelayMs < 0) problems.add("--shutdown-delay-duration can not be negative value");
  if (o.etcd.compactionIntervalMs < 0) problems.add("--etcd-compaction-interval can not be negative value");
  if (!o.etcd.prefix.startsWith("/")) problems.add(`--etcd-prefix ${JSON.stringify(o.etcd.prefix)} must start with "/"`);
  for (const server of o.etcd.servers) {
    if (!/^https?:\/\/[^/]+\/?$/.test(server)) problems.add(`--etcd-servers ${JSON.stringify(server)} is not a URL like http://127.0.0.1:2379`);
  }
  if (o.verbosity < 0) problems.add(`-v ${o.verbosity} can not be negative value`);
  for (const cidr of o.services.clusterIPRange) {
    // The allocator keeps a bitmap of the range in storage: upstream limits it to 2^20 addresses.
    const bits = cidr.family === 4 ? 32 : 128;
    if (bits - cidr.prefixLength > MAX_SERVICE_CIDR_HOST_BITS) {
      problems.add(`specified --service-cluster-ip-range is too large; for ${bits}-bit addresses, the mask must be >= ${bits - MAX_SERVICE_CIDR_HOST_BITS}`);
    }
  }

  const { tlsCertFile, tlsPrivateKeyFile } = o.serving;
  if ((tlsCertFile === undefined) !== (tlsPrivateKeyFile === undefined)) {
    problems.add("--tls-cert-file and --tls-private-key-file must be given together");
  }

  if ((o.proxyClient.certFile === undefined) !== (o.proxyClient.keyFile === undefined)) {
    problems.add("--proxy-client-cert-file and --proxy-client-key-file must be given together");
  }

  const known = new Set<string>(ADMISSION_PLUGINS);
  for (const name of o.admission.enable) {
    if (!known.has(name)) problems.add(`enable-admission-plugins plugin ${JSON.stringify(name)} is unknown`);
  }
  for (const name of o.admission.disable) {
    if (!known.has(name)) problems.add(`disable-admission-plugins plugin ${JSON.stringify(name)} is unknown`);
  }
  const both = o.admission.enable.filter((name) => o.admission.disable.includes(name));
  if (both.length > 0) problems.add(`${both.join(",")} in enable-admission-plugins and disable-admission-plugins overlapped`);
  validateServiceAccounts(o.serviceAccounts, problems);
}

const ONE_HOUR_MS = 3_600_000;
const MAX_TOKEN_EXPIRATION_MS = 2 ** 32 * 1000;

/** The service account flags (upstream: BuiltInAuthenticationOptions.Validate and the token request checks). */
function validateServiceAccounts(sa: Options["serviceAccounts"], problems: Problems): void {
  const seen = new Set<string>();
  for (const issuer of sa.issuers) {
    if (issuer.includes(":") && !URL.canParse(issuer)) {
      problems.add(`service-account-issuer ${JSON.stringify(issuer)} contained a ':' but was not a valid URL`);
    } else if (issuer === "") {
      problems.add("service-account-issuer should not be an empty string");
    } else if (seen.has(issuer)) {
      problems.add(`service-account-issuer ${JSON.stringify(issuer)} is already specified`);
    }
    seen.add(issuer);
  }
  if (sa.jwksURI !== undefined) {
    if (!URL.canParse(sa.jwksURI)) problems.add(`service-account-jwks-uri must be a valid URL: ${JSON.stringify(sa.jwksURI)}`);
    else if (new URL(sa.jwksURI).protocol !== "https:") problems.add(`service-account-jwks-uri requires https scheme, parsed as: ${sa.jwksURI}`);
  }
  if (sa.maxExpirationMs !== 0 && (sa.maxExpirationMs < ONE_HOUR_MS || sa.maxExpirationMs > MAX_TOKEN_EXPIRATION_MS)) {
    problems.add("the service-account-max-token-expiration must be between 1 hour and 2^32 seconds");
  }
  // Keys that verify without one that signs: tokens could be checked but not issued. Upstream refuses it too.
  if (sa.keyFiles.length > 0 && sa.signingKeyFile === undefined) {
    problems.add("--service-account-signing-key-file, --service-account-issuer, and --api-audiences should be specified together");
  }
}
