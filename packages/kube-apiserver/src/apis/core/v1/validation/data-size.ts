// The size limit of ConfigMap and Secret data (upstream: core.MaxSecretSize).
// Objects are stored whole in one etcd value, and every kubelet that mounts
// one keeps a copy, so the payload is capped at 1 MiB.

import { byteLength } from "@tskube/apimachinery";

export const MAX_DATA_SIZE_BYTES = 1024 * 1024;

/** Bytes of text values (UTF-8). */
export function textBytes(values: Readonly<Record<string, string>> | undefined): number {
  let total = 0;
  for (const value of Object.values(values ?? {})) total += byteLength(value);
  return total;
}

/** Bytes of base64-encoded values, once decoded. */
export function decodedBytes(values: Readonly<Record<string, string>> | undefined): number {
  let total = 0;
  for (const value of Object.values(values ?? {})) total += Buffer.byteLength(value, "base64");
  return total;
}
