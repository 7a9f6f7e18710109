// ServiceAccount issuer discovery (upstream: pkg/serviceaccount/openidmetadata.go):
// what an outside party needs to verify our ServiceAccount tokens itself, in
// the OpenID Connect discovery form:
//
//   GET /.well-known/openid-configuration   issuer, jwks_uri, supported algorithms
//   GET /openid/v1/jwks                      the public keys, as a JSON Web Key Set
//
// Both are public-cacheable for an hour. Who may read them is RBAC's
// business (system:service-account-issuer-discovery). OpenID Connect wants
// an https issuer without query or fragment; with another issuer the
// documents are not served, as upstream.

import type { KeyObject } from "node:crypto";
import { Router } from "express";
import { type SigningAlgorithm, keyID, signingAlgorithm } from "./jwt.js";

export const OIDC_CONFIGURATION_PATH = "/.well-known/openid-configuration";
export const JWKS_PATH = "/openid/v1/jwks";

export interface OIDCDiscoveryOptions {
  issuer: string;
  /** `--service-account-jwks-uri`; default `https://<external address>/openid/v1/jwks` (see defaultJWKSURI). */
  jwksURI: string;
  publicKeys: readonly KeyObject[];
}

export interface JSONWebKey {
  use: "sig";
  kty: string;
  kid: string;
  crv?: string;
  alg: SigningAlgorithm;
  n?: string;
  e?: string;
  x?: string;
  y?: string;
}

/** Why `issuer` cannot be published for discovery (upstream's wording), or undefined when it can. */
export function oidcIssuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `issuer URL must use https scheme, got: ${issuer}`;
  }
  if (url.protocol !== "https:") return `issuer URL must use https scheme, got: ${issuer}`;
  if (url.search !== "") return `issuer URL may not include a query, got: ${issuer}`;
  if (url.hash !== "") return `issuer URL may not include a fragment, got: ${issuer}`;
  return undefined;
}

/** The JWKS URI when `--service-account-jwks-uri` is not given: the server's external address. */
export function defaultJWKSURI(externalAddress: string): string {
  return `https://${externalAddress}${JWKS_PATH}`;
}

export function jsonWebKeySet(publicKeys: readonly KeyObject[]): { keys: JSONWebKey[] } {
  return {
    keys: publicKeys.map((key) => {
      const jwk = key.export({ format: "jwk" });
      const text = (value: unknown) => (typeof value === "string" ? value : undefined);
      const fields = { crv: text(jwk.crv), n: text(jwk.n), e: text(jwk.e), x: text(jwk.x), y: text(jwk.y) };
      // In go-jose's order: use, kty, kid, crv, alg, then the key's numbers.
      return {
        use: "sig",
        kty: String(jwk.kty),
        kid: keyID(key),
        ...(fields.crv !== undefined ? { crv: fields.crv } : {}),
        alg: signingAlgorithm(key),
        ...(fields.n !== undefined ? { n: fields.n } : {}),
        ...(fields.e !== undefined ? { e: fields.e } : {}),
        ...(fields.x !== undefined ? { x: fields.x } : {}),
        ...(fields.y !== undefined ? { y: fields.y } : {}),
      };
    }),
  };
}

/** The OpenID provider configuration document. */
export function openIDConfiguration(opts: OIDCDiscoveryOptions): Record<string, unknown> {
  const algorithms = [...new Set(opts.publicKeys.map(signingAlgorithm))].sort();
  return {
    issuer: opts.issuer,
    jwks_uri: opts.jwksURI,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: algorithms,
  };
}

export function oidcDiscoveryRouter(opts: OIDCDiscoveryOptions): Router {
  // Rendered once: the keys and the issuer are fixed for the life of the server.
  const configuration = JSON.stringify(openIDConfiguration(opts));
  const keySet = JSON.stringify(jsonWebKeySet(opts.publicKeys));
  const router = Router();
  router.get(OIDC_CONFIGURATION_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.setHeader("Content-Type", "application/json");
    res.end(configuration);
  });
  router.get(JWKS_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.setHeader("Content-Type", "application/jwk-set+json");
    res.end(keySet);
  });
  return router;
}
