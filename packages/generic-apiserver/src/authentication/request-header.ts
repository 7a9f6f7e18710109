// Request-header authentication (upstream: authentication/request/headerrequest
// behind an x509 verifier): a front proxy that has already authenticated the
// user passes who it is in headers, and proves it is the proxy with its own
// client certificate. This is how the kube-aggregator tells an aggregated API
// server which user a proxied request is for:
//
//   X-Remote-User: alice
//   X-Remote-Group: dev            (one header per group)
//   X-Remote-Extra-Scopes: read    (X-Remote-Extra-<key>, key percent-encoded)
//
// The headers are believed only on a connection whose client certificate
// chains to the request-header CA (`--requestheader-client-ca-file`) and, when
// allowed names are configured, whose Common Name is one of them. Then:
//
// - no username header: not for this authenticator (the next one may know the
//   request, e.g. by its token);
// - otherwise the user is the first non-empty username header, with every
//   value of every group header, and the extras; the headers are removed from
//   the request so nothing further down sees them.
//
// A certificate from another CA is "invalid" here, which the union of
// authenticators ignores when another authenticator (the x509 one, for a
// client CA) accepts it.

import type { IncomingMessage } from "node:http";
import { headerLines, removeHeaders } from "../request/raw-headers.js";
import type { AuthenticationResult, Authenticator } from "./authenticator.js";
import type { UserInfo } from "./user.js";
import { X509Authenticator } from "./x509.js";

export interface RequestHeaderConfig {
  /** PEM bundle of the CAs that sign front-proxy client certificates (`--requestheader-client-ca-file`). */
  clientCA: string | Buffer;
  /** Common names a front-proxy certificate may have (`--requestheader-allowed-names`); empty: any. */
  allowedNames?: readonly string[];
  /** Default `["X-Remote-User"]` (`--requestheader-username-headers`). */
  usernameHeaders?: readonly string[];
  /** Default `["X-Remote-Group"]` (`--requestheader-group-headers`). */
  groupHeaders?: readonly string[];
  /** Default `["X-Remote-Extra-"]` (`--requestheader-extra-headers-prefix`). */
  extraHeaderPrefixes?: readonly string[];
}

export const DEFAULT_REQUEST_HEADER_NAMES = {
  usernameHeaders: ["X-Remote-User"],
  groupHeaders: ["X-Remote-Group"],
  extraHeaderPrefixes: ["X-Remote-Extra-"],
} as const;

export class RequestHeaderAuthenticator implements Authenticator {
  /** The PEM bundle, for the server's TLS options (it must ask for client certificates from these CAs too). */
  readonly clientCA: string;
  readonly allowedNames: readonly string[];
  readonly usernameHeaders: readonly string[];
  readonly groupHeaders: readonly string[];
  readonly extraHeaderPrefixes: readonly string[];
  /** Verifies the proxy's certificate; its "user" is the proxy. */
  private readonly proxyVerifier: X509Authenticator;

  constructor(config: RequestHeaderConfig) {
    this.proxyVerifier = new X509Authenticator({ clientCA: config.clientCA });
    this.clientCA = this.proxyVerifier.clientCA;
    this.allowedNames = [...(config.allowedNames ?? [])];
    // Header names are case-insensitive; Node gives them in lower case.
    this.usernameHeaders = [...(config.usernameHeaders ?? DEFAULT_REQUEST_HEADER_NAMES.usernameHeaders)].map(lower);
    this.groupHeaders = [...(config.groupHeaders ?? DEFAULT_REQUEST_HEADER_NAMES.groupHeaders)].map(lower);
    this.extraHeaderPrefixes = [...(config.extraHeaderPrefixes ?? DEFAULT_REQUEST_HEADER_NAMES.extraHeaderPrefixes)].map(lower);
  }

  async authenticate(req: IncomingMessage): Promise<AuthenticationResult> {
    const proxy = await this.proxyVerifier.authenticate(req);
    if (proxy.kind !== "user") return proxy;
    if (this.allowedNames.length > 0 && !this.allowedNames.includes(proxy.user.name)) {
      return { kind: "invalid", reason: `x509: subject with cn=${proxy.user.name} is not in the allowed list` };
    }
    const user = this.userFromHeaders(req);
    if (user === undefined) return { kind: "none" };
    removeHeaders(req, (h) => this.isAuthenticationHeader(h));
    return { kind: "user", user };
  }

  private userFromHeaders(req: IncomingMessage): UserInfo | undefined {
    const headers = headerLines(req);
    const name = this.usernameHeaders.flatMap((h) => headers.get(h) ?? []).find((v) => v.trim() !== "");
    if (name === undefined) return undefined;
    const groups = this.groupHeaders.flatMap((h) => headers.get(h) ?? []);
    const extra: Record<string, string[]> = {};
    for (const [header, values] of headers) {
      const prefix = this.extraHeaderPrefixes.find((p) => header.startsWith(p));
      if (prefix === undefined) continue;
      const key = extraKey(header.slice(prefix.length));
      if (key === "") continue;
      (extra[key] ??= []).push(...values);
    }
    return { name, groups, ...(Object.keys(extra).length > 0 ? { extra } : {}) };
  }

  /** `header` in lower case. */
  private isAuthenticationHeader(header: string): boolean {
    return this.usernameHeaders.includes(header) || this.groupHeaders.includes(header) || this.extraHeaderPrefixes.some((p) => header.startsWith(p));
  }
}

function lower(s: string): string {
  return s.toLowerCase();
}

/**
 * An extra's key from its header suffix: lower case, percent-decoded (so keys
 * that are not valid header names can travel, e.g. `authentication.kubernetes.io%2fpod-name`).
 */
function extraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded).toLowerCase();
  } catch {
    return encoded.toLowerCase();
  }
}

/**
 * The header name for an extra key (the proxy's side): percent-encodes what
 * a header name cannot hold, as upstream's round tripper does.
 */
export function extraHeaderName(prefix: string, key: string): string {
  return prefix + encodeURIComponent(key.toLowerCase()).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
