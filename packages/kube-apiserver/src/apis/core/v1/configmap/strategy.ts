// How ConfigMaps are written (upstream: pkg/registry/core/configmap/strategy.go
// and ValidateConfigMap): names are DNS subdomains, keys valid config keys
// present in only one of data and binaryData, at most 1 MiB in all, and an
// immutable ConfigMap keeps its data.

import { type FieldError, FieldPath, invalid, nameIsDNSSubdomain, tooLong } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { isConfigMapKey } from "../validation/config-key.js";
import { MAX_DATA_SIZE_BYTES, decodedBytes, textBytes } from "../validation/data-size.js";
import { validateImmutableData } from "../validation/immutable-data.js";
import type { ConfigMap } from "./schema.js";

const DUPLICATE_KEY_MSG = "duplicate of key present in binaryData";

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  const data = cm.data ?? {};
  const binaryData = cm.binaryData ?? {};
  for (const key of Object.keys(data).sort()) {
    const path = FieldPath.root("data").key(key);
    for (const msg of isConfigMapKey(key)) errs.push(invalid(path, key, msg));
    if (Object.hasOwn(binaryData, key)) errs.push(invalid(path, key, DUPLICATE_KEY_MSG));
  }
  for (const key of Object.keys(binaryData).sort()) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(FieldPath.root("binaryData").key(key), key, msg));
  }
  // The limit is on the whole payload, so upstream reports it on no particular field.
  if (textBytes(cm.data) + decodedBytes(cm.binaryData) > MAX_DATA_SIZE_BYTES) errs.push(tooLong("", MAX_DATA_SIZE_BYTES));
  return errs;
}

export const configMapStrategy: Strategy<ConfigMap> = {
  validateName: nameIsDNSSubdomain,
  validate: validateConfigMap,
  validateUpdate: (cm, old) => [...validateImmutableData(cm, old, ["data", "binaryData"]), ...validateConfigMap(cm)],
  canonicalize: dropGeneration,
};
