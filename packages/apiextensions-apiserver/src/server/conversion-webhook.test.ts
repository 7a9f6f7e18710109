// Several versions with conversion strategy Webhook: a ConversionReview v1
// webhook on 127.0.0.1 that renames a field between v1 and v2, given by URL
// or as a Service (whose endpoints the server reads from storage).

import assert from "node:assert/strict";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { generateServingCert } from "@tskube/generic-apiserver";
import { createTestPKI, startTestServer, type TestServer } from "../testing/server.js";

const GROUP = "convert.example.com";
type Obj = Record<string, any>;

/** v1 spec.name <-> v2 spec.fullName. */
function convert(obj: Obj, desired: string): Obj {
  const out = structuredClone(obj);
  if (desired.endsWith("/v2") && out.spec && "name" in out.spec) {
    out.spec.fullName = out.spec.name;
    delete out.spec.name;
  } else if (desired.endsWith("/v1") && out.spec && "fullName" in out.spec) {
    out.spec.name = out.spec.fullName;
    delete out.spec.fullName;
  }
  out.apiVersion = desired;
  out.metadata.labels = { ...out.metadata.labels, converted: "yes" };
  return out;
}

describe("conversion webhooks", () => {
  let s: TestServer;
  let webhook: https.Server;
  let mode: "ok" | "fail" | "wrong-version" = "ok";
  const reviews: Obj[] = [];
  let port: number;
  let caBundle: string;
  const schema = (field: string) => ({ openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { [field]: { type: "string" } } } } } });
  /** A CRD of GROUP with v1 (stored, spec.name) and v2 (spec.fullName), converted by the webhook at `clientConfig`. */
  const crdOf = (plural: string, kind: string, clientConfig: Obj) => ({
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${GROUP}` },
    spec: {
      group: GROUP,
      scope: "Namespaced",
      names: { plural, kind },
      versions: [
        { name: "v1", served: true, storage: true, schema: schema("name") },
        { name: "v2", served: true, storage: false, schema: schema("fullName") },
      ],
      conversion: { strategy: "Webhook", webhook: { conversionReviewVersions: ["v1"], clientConfig } },
    },
  });
  const createCRD = async (crd: Obj) => {
    assert.equal((await s.request("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", { method: "POST", body: crd })).status, 201);
    const plural = crd.spec.names.plural as string;
    await s.eventually(async () => ((await s.request(`/apis/${GROUP}/v2/namespaces/default/${plural}`)).status === 200 ? true : undefined));
  };

  before(async () => {
    const pki = await createTestPKI();
    const serving = await generateServingCert(pki.ca, { hosts: ["127.0.0.1", "converter.default.svc"] });
    webhook = https.createServer({ cert: serving.cert, key: serving.key }, (req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const review = JSON.parse(text) as Obj;
        reviews.push(review);
        const { uid, desiredAPIVersion, objects } = review.request;
        const response =
          mode === "fail"
            ? { uid, result: { status: "Failure", message: "cannot convert today" } }
            : {
                uid,
                result: { status: "Success" },
                convertedObjects: objects.map((o: Obj) => convert(o, mode === "wrong-version" ? `${GROUP}/v9` : desiredAPIVersion)),
              };
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ apiVersion: review.apiVersion, kind: "ConversionReview", response }));
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
    port = (webhook.address() as AddressInfo).port;
    caBundle = Buffer.from(pki.ca.cert).toString("base64");

    s = await startTestServer(pki);
    await createCRD(crdOf("gizmos", "Gizmo", { url: `https://127.0.0.1:${port}/convert`, caBundle }));
  });
  after(async () => {
    await s.close();
    await new Promise<void>((resolve) => webhook.close(() => resolve()));
  });

  it("converts through the webhook on the way in and out, keeping objects in the storage version", async () => {
    const created = await s.request(`/apis/${GROUP}/v2/namespaces/default/gizmos`, {
      method: "POST",
      body: { apiVersion: `${GROUP}/v2`, kind: "Gizmo", metadata: { name: "g1" }, spec: { fullName: "Gizmo One" } },
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.json<Obj>().spec, { fullName: "Gizmo One" });
    const review = reviews.find((r) => r.request.desiredAPIVersion === `${GROUP}/v1`);
    assert.equal(review?.apiVersion, "apiextensions.k8s.io/v1");
    assert.equal(review?.kind, "ConversionReview");

    const stored = await s.storage.factory.storageFor(`/${GROUP}/gizmos`).get(`/${GROUP}/gizmos/default/g1`);
    assert.equal(stored.apiVersion, `${GROUP}/v1`);
    assert.deepEqual(stored.spec, { name: "Gizmo One" });
    // The webhook may change labels; they are kept.
    assert.equal(stored.metadata.labels?.converted, "yes");

    const asV1 = (await s.request(`/apis/${GROUP}/v1/namespaces/default/gizmos/g1`)).json<Obj>();
    assert.deepEqual([asV1.apiVersion, asV1.spec], [`${GROUP}/v1`, { name: "Gizmo One" }]);
    const before = reviews.length;
    const list = (await s.request(`/apis/${GROUP}/v2/namespaces/default/gizmos`)).json<Obj>();
    assert.deepEqual(list.items.map((i: Obj) => i.spec), [{ fullName: "Gizmo One" }]);
    assert.equal(reviews.length, before + 1, "a list is converted in one review");
    const selected = (await s.request(`/apis/${GROUP}/v2/namespaces/default/gizmos?labelSelector=converted%3Dyes`)).json<Obj>();
    assert.deepEqual(selected.items.map((i: Obj) => i.metadata.name), ["g1"]);
    assert.equal(reviews.length, before + 2, "selecting does not call the webhook per object");
  });

  it("answers a clear 500, and keeps the stored object, when the webhook fails", async () => {
    mode = "fail";
    try {
      const get = await s.request(`/apis/${GROUP}/v2/namespaces/default/gizmos/g1`);
      assert.equal(get.status, 500);
      assert.equal(get.json<Obj>().message, `Internal error occurred: conversion webhook for ${GROUP}/v2, Kind=Gizmo failed: cannot convert today`);
      const create = await s.request(`/apis/${GROUP}/v2/namespaces/default/gizmos`, {
        method: "POST",
        body: { apiVersion: `${GROUP}/v2`, kind: "Gizmo", metadata: { name: "g2" }, spec: { fullName: "Two" } },
      });
      assert.equal(create.status, 500);
      assert.match(create.json<Obj>().message, /conversion webhook for convert\.example\.com\/v1, Kind=Gizmo failed: cannot convert today/);

      mode = "wrong-version";
      const wrong = await s.request(`/apis/${GROUP}/v2/namespaces/default/gizmos/g1`);
      assert.equal(wrong.status, 500);
      assert.match(wrong.json<Obj>().message, /returned invalid object at index 0: invalid groupVersion \(expected convert\.example\.com\/v2, received convert\.example\.com\/v9\)/);
    } finally {
      mode = "ok";
    }
    // Nothing was written meanwhile, and the object is still whole.
    assert.equal((await s.request(`/apis/${GROUP}/v1/namespaces/default/gizmos/g2`)).status, 404);
    const stored = await s.storage.factory.storageFor(`/${GROUP}/gizmos`).get(`/${GROUP}/gizmos/default/g1`);
    assert.deepEqual(stored.spec, { name: "Gizmo One" });
  });

  it("verifies the webhook's certificate against the caBundle: another CA's is a 500, and nothing is sent or stored", async () => {
    const otherCA = Buffer.from((await createTestPKI()).ca.cert).toString("base64");
    await createCRD(crdOf("gadgets", "Gadget", { url: `https://127.0.0.1:${port}/convert`, caBundle: otherCA }));
    const sent = reviews.length;
    const create = await s.request(`/apis/${GROUP}/v2/namespaces/default/gadgets`, {
      method: "POST",
      body: { apiVersion: `${GROUP}/v2`, kind: "Gadget", metadata: { name: "x1" }, spec: { fullName: "Gadget One" } },
    });
    assert.equal(create.status, 500);
    assert.match(create.json<Obj>().message, /^Internal error occurred: conversion webhook for convert\.example\.com\/v1, Kind=Gadget failed: .*certificate/);
    assert.equal(reviews.length, sent, "no review reached the webhook");
    assert.equal((await s.request(`/apis/${GROUP}/v1/namespaces/default/gadgets/x1`)).status, 404);
  });

  it("calls a webhook given as a Service at a ready endpoint of it; a missing Service is a 500 worded as upstream's", async () => {
    // What the kube-apiserver would have stored: the Service, and an EndpointSlice
    // naming this host (endpoint IPs may not be loopback ones; *.localhost is).
    const factory = s.storage.factory;
    // The resolver the test server was given (as the binary's chain gives one to its servers) is started and used.
    assert.equal(s.serviceResolver.hasSynced, true);
    await factory.storageFor("/services").create("/services/default/converter", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "converter", namespace: "default" },
      spec: { type: "ClusterIP", ports: [{ name: "https", port: 443 }] },
    });
    await factory.storageFor("/endpointslices").create("/endpointslices/default/converter-1", {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "converter-1", namespace: "default", labels: { "kubernetes.io/service-name": "converter" } },
      addressType: "FQDN",
      endpoints: [{ addresses: ["converter.localhost"], conditions: { ready: true } }],
      ports: [{ name: "https", port }],
    });
    await createCRD(crdOf("doohickeys", "Doohickey", { service: { namespace: "default", name: "converter", path: "/convert" }, caBundle }));
    const created = await s.request(`/apis/${GROUP}/v2/namespaces/default/doohickeys`, {
      method: "POST",
      body: { apiVersion: `${GROUP}/v2`, kind: "Doohickey", metadata: { name: "d1" }, spec: { fullName: "Doohickey One" } },
    });
    assert.equal(created.status, 201, created.text);
    const stored = await factory.storageFor(`/${GROUP}/doohickeys`).get(`/${GROUP}/doohickeys/default/d1`);
    assert.deepEqual([stored.apiVersion, stored.spec], [`${GROUP}/v1`, { name: "Doohickey One" }]);

    await createCRD(crdOf("whatsits", "Whatsit", { service: { namespace: "default", name: "missing", path: "/convert" }, caBundle }));
    const failed = await s.request(`/apis/${GROUP}/v2/namespaces/default/whatsits`, {
      method: "POST",
      body: { apiVersion: `${GROUP}/v2`, kind: "Whatsit", metadata: { name: "w1" }, spec: { fullName: "Whatsit One" } },
    });
    assert.equal(failed.status, 500);
    assert.equal(
      failed.json<Obj>().message,
      `Internal error occurred: conversion webhook for ${GROUP}/v1, Kind=Whatsit failed: Post "https://missing.default.svc:443/convert?timeout=30s": service "missing" not found`,
    );
  });
});
