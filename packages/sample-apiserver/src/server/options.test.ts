import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { SampleFlagError, parseSampleOptions } from "./options.js";

describe("sample-apiserver flags", () => {
  it("reads the authentication ConfigMap and sends SubjectAccessReviews through --kubeconfig unless told otherwise", () => {
    const both = parseSampleOptions(["--kubeconfig", "admin.kubeconfig"]);
    assert.ok(both !== "help");
    assert.equal(both.kubeconfig, resolve("admin.kubeconfig"));
    assert.equal(both.authorizationKubeconfig, resolve("admin.kubeconfig"));

    const apart = parseSampleOptions(["--authentication-kubeconfig", "authn.kubeconfig", "--authorization-kubeconfig", "authz.kubeconfig"]);
    assert.ok(apart !== "help");
    assert.equal(apart.kubeconfig, resolve("authn.kubeconfig"));
    assert.equal(apart.authorizationKubeconfig, resolve("authz.kubeconfig"));

    const onlyAuthentication = parseSampleOptions(["--authentication-kubeconfig", "authn.kubeconfig"]);
    assert.ok(onlyAuthentication !== "help");
    assert.equal(onlyAuthentication.authorizationKubeconfig, resolve("authn.kubeconfig"));

    const none = parseSampleOptions([]);
    assert.ok(none !== "help");
    assert.equal(none.authorizationKubeconfig, undefined);
  });

  it("refuses unknown flags and bad values with a flag error", () => {
    assert.throws(() => parseSampleOptions(["--authorization-mode", "RBAC"]), SampleFlagError);
    assert.throws(() => parseSampleOptions(["--secure-port", "x"]), /invalid argument "x" for "--secure-port" flag/);
  });
});
