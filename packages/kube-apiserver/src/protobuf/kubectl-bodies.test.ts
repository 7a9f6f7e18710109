// The request bodies kubectl 1.32 sends in protobuf (captured by
// fixtures/capture.ts), decoded with the built-in tables. For the `kubectl
// create` generators the reference is the JSON the same kubectl prints for
// the same object with `--dry-run=client -o json`: decoding protobuf must
// give exactly what a JSON client would have sent.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readEnvelope } from "@tskube/apimachinery";
import { type CapturedRequest, KUBECTL_1_32_REQUESTS } from "./fixtures/kubectl-1.32.js";
import { BUILTIN_PROTOBUF } from "./index.js";

function decodeCaptured(request: CapturedRequest): Record<string, unknown> {
  const envelope = readEnvelope(Buffer.from(request.body, "hex"));
  const slash = envelope.apiVersion.indexOf("/");
  const group = slash < 0 ? "" : envelope.apiVersion.slice(0, slash);
  const version = envelope.apiVersion.slice(slash + 1);
  const decode = BUILTIN_PROTOBUF.decoderFor({ group, version, kind: envelope.kind });
  assert.ok(decode, `a table for ${envelope.apiVersion} ${envelope.kind}`);
  return { apiVersion: envelope.apiVersion, kind: envelope.kind, ...decode(envelope.raw) };
}

const find = (prefix: string, method = "POST"): CapturedRequest => {
  const found = KUBECTL_1_32_REQUESTS.find((r) => r.command.startsWith(prefix) && r.method === method);
  assert.ok(found, `a captured request of ${prefix}`);
  return found;
};

describe("kubectl 1.32's protobuf request bodies", () => {
  it("every typed-client write is protobuf, and accepts JSON back", () => {
    const typed = KUBECTL_1_32_REQUESTS.filter((r) => r.method !== "PATCH" && !r.path.endsWith("/eviction"));
    assert.ok(typed.length >= 30);
    for (const r of typed) {
      assert.equal(r.contentType, "application/vnd.kubernetes.protobuf", r.command);
      assert.equal(r.accept, "application/vnd.kubernetes.protobuf,application/json", r.command);
    }
  });

  for (const request of KUBECTL_1_32_REQUESTS.filter((r) => r.json !== undefined)) {
    it(`${request.command}: decodes to the JSON kubectl prints for it`, () => {
      assert.deepEqual(decodeCaptured(request), request.json);
    });
  }

  it("kubectl create token: a TokenRequest with audiences, expiry and the bound object", () => {
    assert.deepEqual(decodeCaptured(find("kubectl create token")), {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      metadata: { creationTimestamp: null },
      spec: {
        audiences: ["api"],
        boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "p1", uid: "00000000-0000-0000-0000-000000000002" },
        expirationSeconds: 3600,
      },
      status: { token: "", expirationTimestamp: null },
    });
  });

  it("kubectl auth can-i: SelfSubjectAccessReviews for a resource and for a path", () => {
    assert.deepEqual(decodeCaptured(find("kubectl auth can-i get pods")), {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: "team", verb: "get", resource: "pods" } },
      status: { allowed: false },
    });
    assert.deepEqual(decodeCaptured(find("kubectl auth can-i get /healthz"))["spec"], {
      nonResourceAttributes: { path: "/healthz", verb: "get" },
    });
  });

  it("kubectl auth can-i --list: a SelfSubjectRulesReview", () => {
    assert.deepEqual(decodeCaptured(find("kubectl auth can-i --list")), {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectRulesReview",
      metadata: { creationTimestamp: null },
      spec: { namespace: "team" },
      status: { resourceRules: null, nonResourceRules: null, incomplete: false },
    });
  });

  it("kubectl auth whoami: a SelfSubjectReview", () => {
    assert.deepEqual(decodeCaptured(find("kubectl auth whoami")), {
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
      metadata: { creationTimestamp: null },
      status: { userInfo: {} },
    });
  });

  it("kubectl drain --disable-eviction: DELETE with a v1 DeleteOptions body; drain's eviction itself is JSON", () => {
    const del = find("kubectl drain n1 --force --disable-eviction", "DELETE");
    const envelope = readEnvelope(Buffer.from(del.body, "hex"));
    assert.deepEqual([envelope.apiVersion, envelope.kind], ["v1", "DeleteOptions"]);
    assert.deepEqual(BUILTIN_PROTOBUF.decode("meta/v1.DeleteOptions", envelope.raw), {});
    const eviction = find("kubectl drain n1 --force --timeout");
    assert.equal(eviction.contentType, "application/json");
  });
});
