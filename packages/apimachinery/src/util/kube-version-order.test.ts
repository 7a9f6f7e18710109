import assert from "node:assert/strict";
import { test } from "node:test";
import { compareKubeAwareVersions } from "./kube-version.js";

test("API versions in Kubernetes' order", () => {
  const versions = ["foo1", "v1alpha1", "v10", "v11beta2", "v1", "v12alpha1", "v2", "v10beta3", "foo10", "v1beta1", "v3beta1"];
  assert.deepEqual(versions.sort(compareKubeAwareVersions), [
    "v10", "v2", "v1", "v11beta2", "v10beta3", "v3beta1", "v1beta1", "v12alpha1", "v1alpha1", "foo1", "foo10",
  ]);
});
