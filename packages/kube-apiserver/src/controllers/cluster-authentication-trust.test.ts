// kube-system/extension-apiserver-authentication: published at start in
// upstream's format, and put back when deleted or edited.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ConfigMap } from "../apis/core/v1/configmap/schema.js";
import { type TestServer, eventually, startTestServer } from "../server/test-support.js";
import { clusterAuthenticationData } from "./cluster-authentication-trust.js";

const PATH = "/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication";

describe("the cluster authentication trust controller", () => {
  let server: TestServer;
  const info = {
    clientCA: "-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n",
    requestHeader: {
      clientCA: "-----BEGIN CERTIFICATE-----\nfront-proxy\n-----END CERTIFICATE-----\n",
      allowedNames: ["front-proxy-client"],
      usernameHeaders: ["X-Remote-User"],
      groupHeaders: ["X-Remote-Group"],
      extraHeaderPrefixes: ["X-Remote-Extra-"],
    },
  };
  before(async () => {
    server = await startTestServer({ clusterAuthentication: info });
  });
  after(() => server.close());

  const data = async () => {
    const res = await server.request(PATH);
    return res.status === 200 ? (res.json<ConfigMap>().data ?? {}) : undefined;
  };

  it("publishes the client CA and the request-header settings as upstream writes them", async () => {
    assert.ok(await eventually(async () => (await data()) !== undefined));
    assert.deepEqual(await data(), {
      "client-ca-file": info.clientCA,
      "requestheader-client-ca-file": info.requestHeader.clientCA,
      "requestheader-allowed-names": '["front-proxy-client"]',
      "requestheader-username-headers": '["X-Remote-User"]',
      "requestheader-group-headers": '["X-Remote-Group"]',
      "requestheader-extra-headers-prefix": '["X-Remote-Extra-"]',
    });
    assert.deepEqual(clusterAuthenticationData({ clientCA: "ca" }), { "client-ca-file": "ca" });
  });

  it("puts the ConfigMap back when it is edited or deleted", async () => {
    const current = (await server.request(PATH)).json<ConfigMap>();
    const edited = await server.request(PATH, { method: "PUT", body: { ...current, data: { "client-ca-file": "tampered" } } });
    assert.equal(edited.status, 200, edited.text);
    assert.ok(await eventually(async () => (await data())?.["client-ca-file"] === info.clientCA));
    assert.equal((await server.request(PATH, { method: "DELETE" })).status, 200);
    assert.ok(await eventually(async () => (await data())?.["client-ca-file"] === info.clientCA));
  });
});
