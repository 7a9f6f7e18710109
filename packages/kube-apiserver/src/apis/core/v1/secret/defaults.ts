// What the server fills in when a Secret is decoded (upstream: the v1
// conversion and SetDefaults_Secret):
//
// - stringData is merged into data (as UTF-8 bytes, base64-encoded) and
//   removed: it is a write-only field, never stored or returned. A key in
//   both wins with its stringData value.
// - an empty type becomes Opaque.

import { SECRET_TYPE_OPAQUE, type Secret } from "./schema.js";

export function mergeStringData(secret: Secret): void {
  const stringData = secret.stringData;
  if (stringData === undefined) return;
  delete secret.stringData;
  if (Object.keys(stringData).length === 0) return;
  const data = { ...secret.data };
  for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(value, "utf8").toString("base64");
  secret.data = data;
}

export function applySecretDefaults(secret: Secret): void {
  mergeStringData(secret);
  if (!secret.type) secret.type = SECRET_TYPE_OPAQUE;
}
