// The sample server over HTTPS: flunders and fischers with upstream's
// defaults, validation messages and BanFlunder; request-header
// authentication built from an extension-apiserver-authentication ConfigMap,
// which believes X-Remote-* headers only over the front proxy's certificate.

import assert from "node:assert/strict";
import https from "node:https";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Status } from "@tskube/apimachinery";
import { AlwaysAllowAuthorizer, type CertificateAndKey, generateCA, generateClientCert, silentLogger } from "@tskube/generic-apiserver";
import { authenticatorsFor, parseClusterAuthentication } from "../authentication/delegated.js";
import type { Flunder } from "../apis/wardle/v1alpha1/flunder/schema.js";
import { type SampleServer, createSampleServer } from "./sample-server.js";
import { servingCertificate } from "./serving-cert.js";

interface Answer {
  status: number;
  body: string;
}

describe("sample-apiserver", { timeout: 60_000 }, () => {
  let dir: string;
  let sample: SampleServer;
  let servingCA: string;
  let proxy: CertificateAndKey;
  let otherProxy: CertificateAndKey;
  let admin: CertificateAndKey;

  function call(path: string, opts: { method?: string; body?: unknown; cert?: CertificateAndKey; headers?: Record<string, string | string[]> } = {}): Promise<Answer> {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: "127.0.0.1",
          port: sample.server.port,
          path,
          method: opts.method ?? "GET",
          ca: servingCA,
          servername: "api.wardle.svc",
          agent: false,
          headers: { Accept: "application/json", ...(payload ? { "Content-Type": "application/json" } : {}), ...opts.headers },
          ...(opts.cert ? { cert: opts.cert.cert, key: opts.cert.key } : {}),
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }
  const asUser = (user: string, groups: string[] = []) => ({ cert: proxy, headers: { "X-Remote-User": user, "X-Remote-Group": groups } });
  const flunders = "/apis/wardle.example.com/v1alpha1/namespaces/default/flunders";

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tskube-sample-"));
    const [frontProxyCA, clientCA, otherCA] = await Promise.all([
      generateCA({ commonName: "front-proxy-ca" }),
      generateCA({ commonName: "client-ca" }),
      generateCA({ commonName: "other" }),
    ]);
    [proxy, otherProxy, admin] = await Promise.all([
      generateClientCert(frontProxyCA, { user: "front-proxy-client" }),
      generateClientCert(otherCA, { user: "front-proxy-client" }),
      generateClientCert(clientCA, { user: "admin", groups: ["system:masters"] }),
    ]);
    const serving = await servingCertificate({ certDir: join(dir, "pki") });
    servingCA = readFileSync(join(dir, "pki", "ca.crt"), "utf8");
    // What the kube-apiserver publishes in kube-system/extension-apiserver-authentication.
    const auth = parseClusterAuthentication({
      "client-ca-file": clientCA.cert,
      "requestheader-client-ca-file": frontProxyCA.cert,
      "requestheader-allowed-names": '["front-proxy-client"]',
      "requestheader-username-headers": '["X-Remote-User"]',
      "requestheader-group-headers": '["X-Remote-Group"]',
      "requestheader-extra-headers-prefix": '["X-Remote-Extra-"]',
    });
    sample = createSampleServer({
      dataDir: join(dir, "data"),
      generic: {
        serving: { cert: serving.cert, key: serving.key },
        authentication: { authenticators: authenticatorsFor(auth) },
        authorization: { authorizer: new AlwaysAllowAuthorizer() },
        logger: silentLogger,
        processMetrics: false,
      },
    });
    await sample.server.listen();
  });
  after(async () => {
    await sample.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("believes X-Remote-* only over the front proxy's certificate", async () => {
    assert.equal((await call(flunders, asUser("alice", ["dev"]))).status, 200);
    assert.equal((await call(flunders, { cert: otherProxy, headers: { "X-Remote-User": "alice" } })).status, 401);
    assert.equal((await call(flunders, { headers: { "X-Remote-User": "alice" } })).status, 401);
    assert.equal((await call(flunders, { cert: admin })).status, 200, "a client certificate of the cluster's client CA works directly");
  });

  it("defaults a reference's type to Flunder and validates as upstream", async () => {
    const created = await call(flunders, { method: "POST", body: { apiVersion: "wardle.example.com/v1alpha1", kind: "Flunder", metadata: { name: "f1" }, spec: { reference: "f0" } }, ...asUser("alice") });
    assert.equal(created.status, 201, created.body);
    const flunder = JSON.parse(created.body) as Flunder;
    assert.equal(flunder.spec?.referenceType, "Flunder");
    assert.equal(flunder.metadata.generation, undefined);

    const bad = await call(flunders, { method: "POST", body: { apiVersion: "wardle.example.com/v1alpha1", kind: "Flunder", metadata: { name: "f2" }, spec: { referenceType: "Fischer" } }, ...asUser("alice") });
    assert.equal(bad.status, 422);
    assert.equal(
      (JSON.parse(bad.body) as Status).message,
      'Flunder.wardle.example.com "f2" is invalid: spec.fischerReference: Required value: cannot be empty if referenceType is Fischer',
    );
    const badType = await call(flunders, { method: "POST", body: { apiVersion: "wardle.example.com/v1alpha1", kind: "Flunder", metadata: { name: "f3" }, spec: { reference: "x", referenceType: "Other" } }, ...asUser("alice") });
    assert.match((JSON.parse(badType.body) as Status).message ?? "", /spec\.referenceType: Invalid value: "Other": must be Flunder or Fischer/);
  });

  it("refuses flunders a fischer disallows (BanFlunder)", async () => {
    const fischer = await call("/apis/wardle.example.com/v1alpha1/fischers", {
      method: "POST",
      body: { apiVersion: "wardle.example.com/v1alpha1", kind: "Fischer", metadata: { name: "strict" }, disallowedFlunders: ["banned"] },
      ...asUser("alice"),
    });
    assert.equal(fischer.status, 201, fischer.body);
    const banned = await call(flunders, { method: "POST", body: { apiVersion: "wardle.example.com/v1alpha1", kind: "Flunder", metadata: { name: "banned" } }, ...asUser("alice") });
    assert.equal(banned.status, 403);
    assert.equal((JSON.parse(banned.body) as Status).message, 'flunders.wardle.example.com "banned" is forbidden: this name may not be used, please change the resource name');
  });

  it("publishes flunders (namespaced) and fischers (cluster-scoped) in discovery", async () => {
    const list = JSON.parse((await call("/apis/wardle.example.com/v1alpha1", asUser("alice"))).body) as { resources: { name: string; namespaced: boolean; kind: string }[] };
    assert.deepEqual(
      list.resources.map((r) => [r.name, r.namespaced, r.kind]),
      [
        ["fischers", false, "Fischer"],
        ["flunders", true, "Flunder"],
      ],
    );
  });
});
