// Certificates for serving and for clients: a CA, a serving certificate for
// the server's names and addresses, and client certificates whose subject
// says who the client is (CN = user, O = groups), as the x509 authenticator
// reads them. Used by tests, and by the binary to create its PKI on first start.
//
// Keys are RSA 2048 made by Node's crypto (native, fast); the certificates are
// assembled and signed with node-forge, since Node can read X.509 but not
// write it. All inputs and outputs are PEM strings.

import { generateKeyPair, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { promisify } from "node:util";
import forge from "node-forge";

const generateRSAKeyPair = promisify(generateKeyPair);

export interface CertificateAndKey {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

export interface ValidityOptions {
  /** Default: now, less a minute of tolerance for clocks that differ slightly. */
  notBefore?: Date;
  /** Default: notBefore plus the kind's default lifetime. */
  notAfter?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A self-signed certificate authority (10 years by default). */
export async function generateCA(opts: { commonName: string } & ValidityOptions): Promise<CertificateAndKey> {
  const keys = await newKeyPair();
  const name = [{ shortName: "CN", value: opts.commonName }];
  const cert = newCertificate(keys.publicKey, opts, 3650);
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.privateKey };
}

export interface ServingCertOptions extends ValidityOptions {
  /** Default: the first host. */
  commonName?: string;
  /** DNS names and IP addresses the server answers on. Default: localhost, 127.0.0.1, ::1. */
  hosts?: string[];
}

/** A serving certificate signed by `ca` (1 year by default). */
export async function generateServingCert(ca: CertificateAndKey, opts: ServingCertOptions = {}): Promise<CertificateAndKey> {
  const hosts = opts.hosts ?? ["localhost", "127.0.0.1", "::1"];
  const altNames = hosts.map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host }));
  return signedCertificate(ca, opts, 365, [{ shortName: "CN", value: opts.commonName ?? hosts[0] ?? "localhost" }], [
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames },
  ]);
}

export interface ClientCertOptions extends ValidityOptions {
  /** The user name: the certificate's Common Name. */
  user: string;
  /** The user's groups: one Organization each. */
  groups?: string[];
}

/** A client certificate signed by `ca` for `user` in `groups` (1 year by default). */
export async function generateClientCert(ca: CertificateAndKey, opts: ClientCertOptions): Promise<CertificateAndKey> {
  const subject = [
    ...(opts.groups ?? []).map((group) => ({ shortName: "O", value: group })),
    { shortName: "CN", value: opts.user },
  ];
  return signedCertificate(ca, opts, 365, subject, [
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", clientAuth: true },
  ]);
}

type SubjectAttribute = { shortName: string; value: string };
type Extension = Record<string, unknown> & { name: string };

async function signedCertificate(
  ca: CertificateAndKey,
  validity: ValidityOptions,
  defaultDays: number,
  subject: SubjectAttribute[],
  extensions: Extension[],
): Promise<CertificateAndKey> {
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const keys = await newKeyPair();
  const cert = newCertificate(keys.publicKey, validity, defaultDays);
  cert.setSubject(subject);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    ...extensions,
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.key), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.privateKey };
}

function newCertificate(publicKeyPem: string, validity: ValidityOptions, defaultDays: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = serialNumber();
  const notBefore = validity.notBefore ?? new Date(Date.now() - 60_000);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = validity.notAfter ?? new Date(notBefore.getTime() + defaultDays * DAY_MS);
  return cert;
}

function newKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  return generateRSAKeyPair("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

/** 128 random bits, kept positive (a leading 1 bit would make the DER integer negative). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString("hex");
}
