// The server's TLS material (upstream: MaybeDefaultWithSelfSignedCerts and
// the client CA of --client-ca-file), kept in --cert-dir:
//
//   ca.crt, ca.key              the cluster CA, made on first start
//   apiserver.crt, .key         serving certificate for localhost, 127.0.0.1, ::1 and the bind address
//   admin.crt, .key             client certificate CN=admin, O=system:masters
//   front-proxy-ca.crt, .key    the front-proxy CA (--requestheader-client-ca-file's default)
//   front-proxy-client.crt, .key  the aggregator's client certificate CN=front-proxy-client
//                               (--proxy-client-cert-file's default), signed by the front-proxy CA
//
// Later starts reuse the files. A serving or admin certificate that has
// expired, was not signed by the CA, or (serving) does not cover the bind
// address is made again; the CA is never replaced, so kubeconfigs stay valid.
// --tls-cert-file/--tls-private-key-file replace the serving certificate and
// --client-ca-file the CA clients are verified against; --requestheader-client-ca-file
// and --proxy-client-cert-file/--proxy-client-key-file the front-proxy files
// (kubeadm's file names are used for the generated ones).

import { X509Certificate } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { type CertificateAndKey, type Logger, generateCA, generateClientCert, generateServingCert } from "@tskube/generic-apiserver";

export const ADMIN_USER = "admin";
export const ADMIN_GROUP = "system:masters";
const CA_COMMON_NAME = "tskube-ca";
const FRONT_PROXY_CA_COMMON_NAME = "front-proxy-ca";
/** The aggregator's identity towards aggregated API servers (kubeadm's name). */
export const FRONT_PROXY_CLIENT_NAME = "front-proxy-client";
/** Renew a certificate that would expire within this window. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export interface PKIOptions {
  certDir: string;
  bindAddress: string;
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  clientCAFile?: string;
  requestHeaderClientCAFile?: string;
  proxyClientCertFile?: string;
  proxyClientKeyFile?: string;
  logger: Logger;
}

export interface FrontProxyPKI {
  /** PEM bundle front-proxy client certificates are verified against (--requestheader-client-ca-file). */
  clientCA: string;
  /** Whether that CA was generated here (then only CN=front-proxy-client is allowed by default). */
  generated: boolean;
  /** The aggregator's client certificate, when given or when the CA is ours to sign one. */
  client?: CertificateAndKey;
}

export interface PKI {
  serving: CertificateAndKey;
  /** PEM bundle client certificates are verified against. */
  clientCA: string;
  /** The CA that signed the serving certificate, when it is ours (kubeconfigs embed it). */
  servingCA?: string;
  /** The admin's client certificate, when clients are verified against our CA. */
  admin?: CertificateAndKey;
  frontProxy: FrontProxyPKI;
}

/** The hosts the generated serving certificate is valid for. */
export function servingHosts(bindAddress: string): string[] {
  const hosts = ["localhost", "127.0.0.1", "::1"];
  const unspecified = bindAddress === "0.0.0.0" || bindAddress === "::";
  if (!unspecified && !hosts.includes(bindAddress)) hosts.push(bindAddress);
  return hosts;
}

export async function ensurePKI(opts: PKIOptions): Promise<PKI> {
  const servingGiven = opts.tlsCertFile !== undefined && opts.tlsPrivateKeyFile !== undefined;
  const clientCAGiven = opts.clientCAFile !== undefined;
  // Our CA is needed to sign a serving certificate or the admin's; with both given, nothing is generated.
  const ca = servingGiven && clientCAGiven ? undefined : await loadOrCreateCA(opts.certDir);

  const [serving, admin] = await Promise.all([
    servingGiven ? readPair(opts.tlsCertFile ?? "", opts.tlsPrivateKeyFile ?? "") : loadOrCreateServing(opts.certDir, ca!, opts.bindAddress),
    clientCAGiven ? undefined : loadOrCreateAdmin(opts.certDir, ca!),
  ]);
  const pki: PKI = {
    serving,
    clientCA: clientCAGiven ? await readFile(opts.clientCAFile ?? "", "utf8") : ca!.cert,
    frontProxy: await ensureFrontProxy(opts),
  };
  if (!servingGiven && ca) pki.servingCA = ca.cert;
  if (admin) pki.admin = admin;
  return pki;
}

async function loadOrCreateCA(dir: string, name = "ca", commonName = CA_COMMON_NAME): Promise<CertificateAndKey> {
  const existing = await readPairIfPresent(dir, name);
  if (existing) return existing;
  const ca = await generateCA({ commonName });
  await writePair(dir, name, ca);
  return ca;
}

/**
 * The front-proxy CA and the aggregator's client certificate: the given
 * files, or generated in the cert dir. A client certificate is generated
 * only under a generated CA (a given CA's key is not ours).
 */
async function ensureFrontProxy(opts: PKIOptions): Promise<FrontProxyPKI> {
  const given = opts.proxyClientCertFile !== undefined && opts.proxyClientKeyFile !== undefined;
  if (opts.requestHeaderClientCAFile !== undefined) {
    const clientCA = await readFile(opts.requestHeaderClientCAFile, "utf8");
    return {
      clientCA,
      generated: false,
      ...(given ? { client: await readPair(opts.proxyClientCertFile ?? "", opts.proxyClientKeyFile ?? "") } : {}),
    };
  }
  const ca = await loadOrCreateCA(opts.certDir, "front-proxy-ca", FRONT_PROXY_CA_COMMON_NAME);
  const client = given ? await readPair(opts.proxyClientCertFile ?? "", opts.proxyClientKeyFile ?? "") : await loadOrCreateFrontProxyClient(opts.certDir, ca);
  return { clientCA: ca.cert, generated: true, client };
}

async function loadOrCreateFrontProxyClient(dir: string, ca: CertificateAndKey): Promise<CertificateAndKey> {
  const existing = await readPairIfPresent(dir, FRONT_PROXY_CLIENT_NAME);
  if (existing && isUsable(existing.cert, ca.cert)) return existing;
  const client = await generateClientCert(ca, { user: FRONT_PROXY_CLIENT_NAME });
  await writePair(dir, FRONT_PROXY_CLIENT_NAME, client);
  return client;
}

async function loadOrCreateServing(dir: string, ca: CertificateAndKey, bindAddress: string): Promise<CertificateAndKey> {
  const hosts = servingHosts(bindAddress);
  const existing = await readPairIfPresent(dir, "apiserver");
  if (existing && isUsable(existing.cert, ca.cert) && coversHosts(existing.cert, hosts)) return existing;
  const serving = await generateServingCert(ca, { hosts });
  await writePair(dir, "apiserver", serving);
  return serving;
}

async function loadOrCreateAdmin(dir: string, ca: CertificateAndKey): Promise<CertificateAndKey> {
  const existing = await readPairIfPresent(dir, "admin");
  if (existing && isUsable(existing.cert, ca.cert)) return existing;
  const admin = await generateClientCert(ca, { user: ADMIN_USER, groups: [ADMIN_GROUP] });
  await writePair(dir, "admin", admin);
  return admin;
}

/** Signed by `caPem` and valid for at least another day. */
function isUsable(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return cert.checkIssued(ca) && cert.verify(ca.publicKey) && Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

function coversHosts(certPem: string, hosts: string[]): boolean {
  const cert = new X509Certificate(certPem);
  return hosts.every((host) => (isIP(host) ? cert.checkIP(host) : cert.checkHost(host)) !== undefined);
}

async function readPair(certFile: string, keyFile: string): Promise<CertificateAndKey> {
  const [cert, key] = await Promise.all([readFile(certFile, "utf8"), readFile(keyFile, "utf8")]);
  return { cert, key };
}

async function readPairIfPresent(dir: string, name: string): Promise<CertificateAndKey | undefined> {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  if (!existsSync(certFile) || !existsSync(keyFile)) return undefined;
  return readPair(certFile, keyFile);
}

async function writePair(dir: string, name: string, pair: CertificateAndKey): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomically(join(dir, `${name}.key`), pair.key, 0o600);
  await writeFileAtomically(join(dir, `${name}.crt`), pair.cert, 0o644);
}

/** Writes to a temporary file and renames it, so a crash never leaves half a file. */
export async function writeFileAtomically(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, content, { mode });
  await chmod(temporary, mode);
  await rename(temporary, path);
}
