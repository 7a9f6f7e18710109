import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { silentLogger } from "@tskube/generic-apiserver";
import { ensurePKI, servingHosts } from "./certificates.js";
import { renderKubeconfig, serverURL } from "./kubeconfig.js";

describe("generated credentials", () => {
  const dir = mkdtempSync(join(tmpdir(), "tskube-pki-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("are made on first use and reused after, unless the bind address is not covered", async () => {
    const first = await ensurePKI({ certDir: dir, bindAddress: "0.0.0.0", logger: silentLogger });
    assert.ok(first.admin && first.servingCA);
    const admin = new X509Certificate(first.admin.cert);
    assert.match(admin.subject, /CN=admin/);
    assert.match(admin.subject, /O=system:masters/);
    const serving = new X509Certificate(first.serving.cert);
    assert.equal(serving.checkHost("localhost"), "localhost");
    assert.equal(serving.checkIP("127.0.0.1"), "127.0.0.1");
    assert.equal(statSync(join(dir, "ca.key")).mode & 0o777, 0o600);

    const again = await ensurePKI({ certDir: dir, bindAddress: "127.0.0.1", logger: silentLogger });
    assert.equal(again.serving.cert, first.serving.cert);
    assert.equal(again.admin?.cert, first.admin.cert);

    const moved = await ensurePKI({ certDir: dir, bindAddress: "10.11.12.13", logger: silentLogger });
    assert.notEqual(moved.serving.cert, first.serving.cert);
    assert.equal(new X509Certificate(moved.serving.cert).checkIP("10.11.12.13"), "10.11.12.13");
    assert.equal(moved.clientCA, first.clientCA, "the CA is never replaced");
  });

  it("include a front-proxy CA and the aggregator's client certificate CN=front-proxy-client, reused after", async () => {
    const first = await ensurePKI({ certDir: dir, bindAddress: "127.0.0.1", logger: silentLogger });
    assert.equal(first.frontProxy.generated, true);
    const client = new X509Certificate(first.frontProxy.client!.cert);
    assert.match(client.subject, /CN=front-proxy-client/);
    assert.ok(client.checkIssued(new X509Certificate(first.frontProxy.clientCA)));
    assert.notEqual(first.frontProxy.clientCA, first.clientCA, "a CA of its own, not the cluster CA");
    const again = await ensurePKI({ certDir: dir, bindAddress: "127.0.0.1", logger: silentLogger });
    assert.equal(again.frontProxy.client?.cert, first.frontProxy.client!.cert);

    const given = await ensurePKI({
      certDir: dir,
      bindAddress: "127.0.0.1",
      requestHeaderClientCAFile: join(dir, "ca.crt"),
      logger: silentLogger,
    });
    assert.equal(given.frontProxy.generated, false);
    assert.equal(given.frontProxy.clientCA, first.clientCA);
    assert.equal(given.frontProxy.client, undefined, "no key of a given CA to sign with");
  });

  it("cover loopback and a specific bind address", () => {
    assert.deepEqual(servingHosts("0.0.0.0"), ["localhost", "127.0.0.1", "::1"]);
    assert.deepEqual(servingHosts("192.168.1.5"), ["localhost", "127.0.0.1", "::1", "192.168.1.5"]);
  });

  it("make a kubeconfig with the CA and the client certificate embedded", () => {
    assert.equal(serverURL("0.0.0.0", 6443), "https://127.0.0.1:6443");
    assert.equal(serverURL("::1", 6443), "https://[::1]:6443");
    const text = renderKubeconfig({ server: "https://127.0.0.1:6443", certificateAuthority: "CA", client: { cert: "C", key: "K" } });
    assert.match(text, /server: https:\/\/127\.0\.0\.1:6443\n    certificate-authority-data: Q0E=\n/);
    assert.match(text, /client-certificate-data: Qw==\n    client-key-data: Sw==\n/);
    assert.match(text, /current-context: admin@tskube\n/);
  });
});
