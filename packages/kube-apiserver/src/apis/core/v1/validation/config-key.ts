// Keys of ConfigMap and Secret data (upstream: validation.IsConfigMapKey).
// They become file names when the object is mounted as a volume, so they
// are limited to characters that are safe in a file name, and may not be
// `.`, `..` or start with `..`.

import { DNS1123_SUBDOMAIN_MAX_LENGTH, byteLength, maxLenError, regexError } from "@tskube/apimachinery";

const CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
const CONFIG_KEY_REGEXP = new RegExp(`^${CONFIG_KEY_FMT}$`);
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

/** Problems with a data key, worded as upstream; empty when the key is fine. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (byteLength(key) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!CONFIG_KEY_REGEXP.test(key)) errs.push(regexError(CONFIG_KEY_MSG, CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
  if (key === ".") errs.push("must not be '.'");
  else if (key === "..") errs.push("must not be '..'");
  else if (key.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}
