// Validation of Secrets (upstream: ValidateSecret, ValidateSecretUpdate):
// keys are valid config keys, the data holds at most 1 MiB, each well-known
// type has the keys it needs, the type never changes, and an immutable
// Secret keeps its data.

import { type FieldError, FieldPath, invalid, required, tooLong } from "@tskube/apimachinery";
import { isConfigMapKey } from "../validation/config-key.js";
import { MAX_DATA_SIZE_BYTES, decodedBytes } from "../validation/data-size.js";
import { validateImmutableData } from "../validation/immutable-data.js";
import type { Secret } from "./schema.js";

const SERVICE_ACCOUNT_NAME_ANNOTATION = "kubernetes.io/service-account.name";
/** Shown instead of the value when a secret's content is what is wrong. */
const REDACTED = "<secret contents redacted>";

export function validateSecret(secret: Secret): FieldError[] {
  const errs: FieldError[] = [];
  const dataPath = FieldPath.root("data");
  const data = secret.data ?? {};
  for (const key of Object.keys(data).sort()) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(dataPath.key(key), key, msg));
  }
  if (decodedBytes(data) > MAX_DATA_SIZE_BYTES) errs.push(tooLong(dataPath, MAX_DATA_SIZE_BYTES));
  errs.push(...validateSecretType(secret, dataPath));
  return errs;
}

/** The keys (and for docker configs, the JSON) each well-known type requires. */
function validateSecretType(secret: Secret, dataPath: FieldPath): FieldError[] {
  const data = secret.data ?? {};
  const has = (key: string) => Object.hasOwn(data, key);
  const missing = (key: string) => required(dataPath.key(key), "");
  switch (secret.type) {
    case "kubernetes.io/service-account-token": {
      // The token itself is filled in later by a controller; the owner must be named now.
      const owner = secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION] ?? "";
      return owner === "" ? [required(FieldPath.root("metadata", "annotations").key(SERVICE_ACCOUNT_NAME_ANNOTATION), "")] : [];
    }
    case "kubernetes.io/dockercfg":
      return validateJSONKey(data, ".dockercfg", dataPath);
    case "kubernetes.io/dockerconfigjson":
      return validateJSONKey(data, ".dockerconfigjson", dataPath);
    case "kubernetes.io/basic-auth":
      // Either may be empty, but at least one of them must be there.
      return has("username") || has("password") ? [] : [missing("username"), missing("password")];
    case "kubernetes.io/ssh-auth":
      return Buffer.byteLength(data["ssh-privatekey"] ?? "", "base64") === 0 ? [missing("ssh-privatekey")] : [];
    case "kubernetes.io/tls":
      return [...(has("tls.crt") ? [] : [missing("tls.crt")]), ...(has("tls.key") ? [] : [missing("tls.key")])];
    default:
      return [];
  }
}

/** `key` must be present and hold a JSON object. */
function validateJSONKey(data: Readonly<Record<string, string>>, key: string, dataPath: FieldPath): FieldError[] {
  const value = data[key];
  if (value === undefined) return [required(dataPath.key(key), "")];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("the JSON is not an object");
    return [];
  } catch (err) {
    return [invalid(dataPath.key(key), REDACTED, err instanceof Error ? err.message : String(err))];
  }
}

export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const typeChanged = (secret.type ?? "") !== (old.type ?? "");
  return [
    ...(typeChanged ? [invalid("type", secret.type ?? "", "field is immutable")] : []),
    ...validateImmutableData(secret, old, ["data"]),
    ...validateSecret(secret),
  ];
}
