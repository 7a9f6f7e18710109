export { keyID, signJWT, verifyJWT, looksLikeJWT, JWTError, type ServiceAccountClaims, type JWTHeader } from "./jwt.js";
export {
  ServiceAccountTokenIssuer,
  serviceAccountUserName,
  SERVICE_ACCOUNT_USER_PREFIX,
  type BoundObject,
  type IssuedToken,
  type TokenClaimsRequest,
} from "./token-issuer.js";
export {
  ServiceAccountTokenAuthenticator,
  type ServiceAccountTokenAuthenticatorOptions,
  type ServiceAccountTokenObjects,
} from "./token-authenticator.js";
export { oidcDiscoveryRouter, jsonWebKeySet, OIDC_CONFIGURATION_PATH, JWKS_PATH, type OIDCDiscoveryOptions } from "./oidc-discovery.js";
