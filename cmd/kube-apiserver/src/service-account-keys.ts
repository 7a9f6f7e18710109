// The keys of ServiceAccount tokens (upstream: --service-account-signing-key-file
// and --service-account-key-file, read by keyutil):
//
//   signing key    the private key that signs every token this server issues
//   public keys    every key a token may be verified with (several, so that
//                  tokens signed by an earlier key or another server stay valid)
//
// Without --service-account-signing-key-file an RSA key pair is generated in
// --cert-dir on the first start (sa.key, and sa.pub for other parties) and
// reused after, so tokens survive restarts. Without
// --service-account-key-file the tokens are verified with the signing key's
// public half. A key file may hold several PEM blocks: public keys (PKIX or
// PKCS#1), private keys (PKCS#8, PKCS#1 or SEC 1, whose public half is
// used) and certificates.

import { type KeyObject, X509Certificate, createPrivateKey, createPublicKey, generateKeyPair } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Logger } from "@tskube/generic-apiserver";
import { signingAlgorithm } from "@tskube/kube-apiserver";
import { writeFileAtomically } from "./certificates.js";

/** The generated key pair, in --cert-dir. */
export const GENERATED_SIGNING_KEY = "sa.key";
export const GENERATED_PUBLIC_KEY = "sa.pub";

export interface ServiceAccountKeys {
  signingKey: KeyObject;
  publicKeys: KeyObject[];
}

export interface ServiceAccountKeyOptions {
  certDir: string;
  signingKeyFile?: string;
  keyFiles: readonly string[];
  logger: Logger;
}

export async function loadServiceAccountKeys(opts: ServiceAccountKeyOptions): Promise<ServiceAccountKeys> {
  const signingKey = opts.signingKeyFile !== undefined ? await readSigningKey(opts.signingKeyFile) : await ensureGeneratedKey(opts.certDir, opts.logger);
  const publicKeys = opts.keyFiles.length > 0 ? (await Promise.all(opts.keyFiles.map(readPublicKeys))).flat() : [createPublicKey(signingKey)];
  return { signingKey, publicKeys };
}

/** `-----BEGIN <label>-----` blocks of a PEM file, whole. */
function pemBlocks(pem: string): { label: string; text: string }[] {
  return [...pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g)].map((m) => ({ label: m[1] ?? "", text: m[0] }));
}

const PRIVATE_KEY_LABELS = new Set(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]);
const PUBLIC_KEY_LABELS = new Set(["PUBLIC KEY", "RSA PUBLIC KEY"]);

/** A key the JWT code can sign or verify with (RSA, or ECDSA on a supported curve); throws with the reason otherwise. */
function usable(key: KeyObject, path: string): KeyObject {
  try {
    signingAlgorithm(key);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
  return key;
}

async function readSigningKey(path: string): Promise<KeyObject> {
  const block = pemBlocks(await readFile(path, "utf8")).find((b) => PRIVATE_KEY_LABELS.has(b.label));
  if (block === undefined) throw new Error(`failed to parse service-account-issuer-key-file: ${path}: no private key in the file`);
  try {
    return usable(createPrivateKey(block.text), path);
  } catch (err) {
    throw new Error(`failed to parse service-account-issuer-key-file: ${(err as Error).message}`);
  }
}

async function readPublicKeys(path: string): Promise<KeyObject[]> {
  const keys: KeyObject[] = [];
  for (const block of pemBlocks(await readFile(path, "utf8"))) {
    try {
      if (PUBLIC_KEY_LABELS.has(block.label)) keys.push(usable(createPublicKey(block.text), path));
      else if (PRIVATE_KEY_LABELS.has(block.label)) keys.push(usable(createPublicKey(createPrivateKey(block.text)), path));
      else if (block.label === "CERTIFICATE") keys.push(usable(new X509Certificate(block.text).publicKey, path));
    } catch (err) {
      throw new Error(`error reading public key file ${path}: ${(err as Error).message}`);
    }
  }
  if (keys.length === 0) throw new Error(`error reading public key file ${path}: data does not contain any valid RSA or ECDSA public keys`);
  return keys;
}

/** The generated signing key: made (RSA 2048, owner-only) on the first start, read afterwards. */
async function ensureGeneratedKey(certDir: string, logger: Logger): Promise<KeyObject> {
  const keyPath = join(certDir, GENERATED_SIGNING_KEY);
  if (existsSync(keyPath)) return readSigningKey(keyPath);
  // Off the event loop: the certificates are made meanwhile.
  const { privateKey, publicKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
  await mkdir(certDir, { recursive: true, mode: 0o700 });
  await writeFileAtomically(keyPath, privateKey.export({ type: "pkcs8", format: "pem" }).toString(), 0o600);
  await writeFileAtomically(join(certDir, GENERATED_PUBLIC_KEY), publicKey.export({ type: "spki", format: "pem" }).toString(), 0o644);
  logger.info(`kube-apiserver: generated the service account signing key ${keyPath}`);
  return privateKey;
}
