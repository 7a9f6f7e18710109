import assert from "node:assert/strict";
import { X509Certificate, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { generateCA, silentLogger } from "@tskube/generic-apiserver";
import { keyID } from "@tskube/kube-apiserver";
import { GENERATED_PUBLIC_KEY, GENERATED_SIGNING_KEY, loadServiceAccountKeys } from "./service-account-keys.js";

describe("service account keys", () => {
  const dir = mkdtempSync(join(tmpdir(), "tskube-sa-keys-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const base = { keyFiles: [], logger: silentLogger };

  it("generates an RSA pair in the cert dir on first use and reuses it", async () => {
    const certDir = join(dir, "pki");
    const first = await loadServiceAccountKeys({ ...base, certDir });
    assert.equal(first.signingKey.asymmetricKeyType, "rsa");
    assert.equal(statSync(join(certDir, GENERATED_SIGNING_KEY)).mode & 0o777, 0o600);
    const published = createPublicKey(readFileSync(join(certDir, GENERATED_PUBLIC_KEY)));
    assert.deepEqual(first.publicKeys.map(keyID), [keyID(published)]);
    const again = await loadServiceAccountKeys({ ...base, certDir });
    assert.equal(keyID(createPublicKey(again.signingKey)), keyID(published));
  });

  it("reads a signing key file and key files of public keys, private keys and certificates", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const signing = join(dir, "signing.key");
    writeFileSync(signing, rsa.privateKey.export({ type: "pkcs1", format: "pem" }));
    const bundle = join(dir, "bundle.pem");
    writeFileSync(
      bundle,
      [
        rsa.publicKey.export({ type: "pkcs1", format: "pem" }),
        ec.privateKey.export({ type: "sec1", format: "pem" }),
      ].join(""),
    );
    const ca = await generateCA({ commonName: "keys" });
    const certFile = join(dir, "ca.crt");
    writeFileSync(certFile, ca.cert);

    const keys = await loadServiceAccountKeys({ ...base, certDir: dir, signingKeyFile: signing, keyFiles: [bundle, certFile] });
    assert.equal(keyID(createPublicKey(keys.signingKey)), keyID(rsa.publicKey));
    assert.deepEqual(keys.publicKeys.map(keyID), [keyID(rsa.publicKey), keyID(ec.publicKey), keyID(new X509Certificate(ca.cert).publicKey)]);
    // Without key files, the signing key's public half verifies.
    const alone = await loadServiceAccountKeys({ ...base, certDir: dir, signingKeyFile: signing });
    assert.deepEqual(alone.publicKeys.map(keyID), [keyID(rsa.publicKey)]);
  });

  it("refuses files without usable keys, as upstream words it", async () => {
    const empty = join(dir, "empty.pem");
    writeFileSync(empty, "nothing here\n");
    await assert.rejects(
      loadServiceAccountKeys({ ...base, certDir: dir, signingKeyFile: empty }),
      /failed to parse service-account-issuer-key-file: .*no private key in the file/,
    );
    const signing = join(dir, "signing.key");
    await assert.rejects(
      loadServiceAccountKeys({ ...base, certDir: dir, signingKeyFile: signing, keyFiles: [empty] }),
      /error reading public key file .*empty\.pem: data does not contain any valid RSA or ECDSA public keys/,
    );
    const ed = join(dir, "ed25519.key");
    writeFileSync(ed, generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }));
    await assert.rejects(loadServiceAccountKeys({ ...base, certDir: dir, signingKeyFile: ed }), /unsupported key type ed25519/);
  });
});
