// The serving certificate: --tls-cert-file/--tls-private-key-file, or one
// made on first start in --cert-dir (ca.crt, apiserver.crt), signed by a CA
// of its own, for localhost, 127.0.0.1, ::1 and api.wardle.svc (the Service
// upstream's sample is deployed behind, so an APIService can name it with
// ca.crt as its caBundle).

import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type CertificateAndKey, generateCA, generateServingCert } from "@tskube/generic-apiserver";

export const SERVING_HOSTS = ["localhost", "127.0.0.1", "::1", "api.wardle.svc"];

async function readPair(certFile: string, keyFile: string): Promise<CertificateAndKey> {
  const [cert, key] = await Promise.all([readFile(certFile, "utf8"), readFile(keyFile, "utf8")]);
  return { cert, key };
}

async function loadOrCreate(dir: string, name: string, create: () => Promise<CertificateAndKey>): Promise<CertificateAndKey> {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  if (existsSync(certFile) && existsSync(keyFile)) return readPair(certFile, keyFile);
  const pair = await create();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyFile, pair.key, { mode: 0o600 });
  await writeFile(certFile, pair.cert, { mode: 0o644 });
  return pair;
}

export async function servingCertificate(opts: { certDir: string; tlsCertFile?: string; tlsPrivateKeyFile?: string }): Promise<CertificateAndKey> {
  if (opts.tlsCertFile !== undefined && opts.tlsPrivateKeyFile !== undefined) return readPair(opts.tlsCertFile, opts.tlsPrivateKeyFile);
  const ca = await loadOrCreate(opts.certDir, "ca", () => generateCA({ commonName: "sample-apiserver-ca" }));
  return loadOrCreate(opts.certDir, "apiserver", () => generateServingCert(ca, { hosts: SERVING_HOSTS }));
}
