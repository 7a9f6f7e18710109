// ServiceAccount issuer discovery (upstream: pkg/serviceaccount/openidmetadata.go):
// what an outside party needs to verify our ServiceAccount tokens itself, in
// the OpenID Connect discovery form:
//
//   GET /.well-known/openid-configuration   issuer, jwks_uri, supported algorithms
//   GET /openid/v1/jwks                      the public keys, as a JSON Web Key Set
//
// Both are public-cacheable for an hour. Who may read them is RBAC's
// business (system:service-account-issuer-discovery).

import type { KeyObject } from "node:crypto";
import { Router } from "express";
import { keyID } from "./jwt.js";

export const OIDC_CONFIGURATION_PATH = "/.well-known/openid-configuration";
export const JWKS_PATH = "/openid/v1/jwks";

export interface OIDCDiscoveryOptions {
  issuer: string;
  /** `--service-account-jwks-uri`; default `<externalAddress>/openid/v1/jwks`. */
  jwksURI: string;
  publicKeys: readonly KeyObject[];
}

export interface JSONWebKey {
  use: "sig";
  kty: string;
  kid: string;
  alg: "RS256";
  n?: string;
  e?: string;
}

export function jsonWebKeySet(publicKeys: readonly KeyObject[]): { keys: JSONWebKey[] } {
  return {
    keys: publicKeys.map((key) => {
      const jwk = key.export({ format: "jwk" });
      return {
        use: "sig",
        kty: String(jwk.kty),
        kid: keyID(key),
        alg: "RS256",
        ...(jwk.n !== undefined ? { n: jwk.n } : {}),
        ...(jwk.e !== undefined ? { e: jwk.e } : {}),
      };
    }),
  };
}

export function oidcDiscoveryRouter(opts: OIDCDiscoveryOptions): Router {
  const configuration = JSON.stringify({
    issuer: opts.issuer,
    jwks_uri: opts.jwksURI,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
  });
  const keySet = JSON.stringify(jsonWebKeySet(opts.publicKeys));
  const router = Router();
  router.get(OIDC_CONFIGURATION_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.type("application/json").send(configuration);
  });
  router.get(JWKS_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.type("application/jwk-set+json").send(keySet);
  });
  return router;
}
