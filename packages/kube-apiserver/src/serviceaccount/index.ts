export {
  keyID,
  signJWT,
  verifyJWT,
  looksLikeJWT,
  signingAlgorithm,
  JWTError,
  type SigningAlgorithm,
  type ServiceAccountClaims,
  type JWTHeader,
} from "./jwt.js";
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
  type LiveObject,
} from "./token-authenticator.js";
export { storageTokenObjects } from "./object-lookups.js";
export {
  oidcDiscoveryRouter,
  oidcIssuerProblem,
  openIDConfiguration,
  defaultJWKSURI,
  jsonWebKeySet,
  OIDC_CONFIGURATION_PATH,
  JWKS_PATH,
  type OIDCDiscoveryOptions,
  type JSONWebKey,
} from "./oidc-discovery.js";
