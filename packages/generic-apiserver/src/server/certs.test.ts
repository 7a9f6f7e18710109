import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate, createPrivateKey } from "node:crypto";
import { generateCA, generateClientCert, generateServingCert } from "./certs.js";

describe("certs", () => {
  it("makes a CA, a serving certificate for loopback names, and client certificates naming user and groups", { timeout: 20_000 }, async () => {
    const ca = await generateCA({ commonName: "test-ca" });
    const [serving, client] = await Promise.all([
      generateServingCert(ca),
      generateClientCert(ca, { user: "alice", groups: ["dev", "system:masters"] }),
    ]);
    const caCert = new X509Certificate(ca.cert);
    assert.equal(caCert.ca, true);
    assert.equal(caCert.subject, "CN=test-ca");

    const servingCert = new X509Certificate(serving.cert);
    assert.equal(servingCert.ca, false);
    assert.ok(servingCert.verify(caCert.publicKey), "signed by the CA");
    assert.ok(servingCert.checkIssued(caCert));
    assert.equal(servingCert.subjectAltName, "DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    assert.ok(servingCert.checkPrivateKey(createPrivateKey(serving.key)), "the key belongs to the certificate");
    assert.deepEqual(servingCert.keyUsage, ["1.3.6.1.5.5.7.3.1"], "serverAuth");

    const clientCert = new X509Certificate(client.cert);
    assert.ok(clientCert.verify(caCert.publicKey));
    assert.equal(clientCert.subject, "O=dev\nO=system:masters\nCN=alice");
    assert.deepEqual(clientCert.keyUsage, ["1.3.6.1.5.5.7.3.2"], "clientAuth");
    const days = (Date.parse(clientCert.validTo) - Date.parse(clientCert.validFrom)) / 86_400_000;
    assert.ok(days > 364 && days < 366, `one year, not ${days} days`);
  });

  it("honours explicit validity", { timeout: 20_000 }, async () => {
    const ca = await generateCA({ commonName: "test-ca" });
    const notBefore = new Date("2020-01-01T00:00:00Z");
    const notAfter = new Date("2020-01-02T00:00:00Z");
    const cert = new X509Certificate((await generateClientCert(ca, { user: "old", notBefore, notAfter })).cert);
    assert.equal(Date.parse(cert.validFrom), notBefore.getTime());
    assert.equal(Date.parse(cert.validTo), notAfter.getTime());
  });
});
