import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareKubeAwareVersions } from "./kube-version.js";

describe("compareKubeAwareVersions", () => {
  it("orders GA, then beta, then alpha, higher numbers first, then other strings alphabetically", () => {
    const shuffled = ["foo1", "v1alpha1", "v10", "v1beta1", "v2", "v1", "v11alpha2", "v1beta2", "v12alpha1", "foo10", "v3beta1", "v10beta3"];
    assert.deepEqual([...shuffled].sort(compareKubeAwareVersions), [
      "v10",
      "v2",
      "v1",
      "v10beta3",
      "v3beta1",
      "v1beta2",
      "v1beta1",
      "v12alpha1",
      "v11alpha2",
      "v1alpha1",
      "foo1",
      "foo10",
    ]);
  });
});
