import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isStatusError } from "@tskube/apimachinery";
import type { Attributes } from "./attributes.js";
import { AdmissionChain } from "./chain.js";
import { newAdmissionForbidden } from "./errors.js";
import { type MutatingAdmissionPlugin, type ValidatingAdmissionPlugin, handlesOperations } from "./interfaces.js";

function attributes(more: Partial<Attributes> = {}): Attributes {
  return {
    operation: "CREATE",
    kind: { group: "", version: "v1", kind: "ConfigMap" },
    resource: { group: "", version: "v1", resource: "configmaps" },
    subresource: "",
    namespace: "ns",
    name: "",
    object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c1" } },
    dryRun: false,
    options: { apiVersion: "meta.k8s.io/v1", kind: "CreateOptions" },
    ...more,
  };
}

describe("AdmissionChain", () => {
  it("runs mutating plugins in order in admit, validating ones in validate, each only for operations it handles", async () => {
    const seen: string[] = [];
    const first: MutatingAdmissionPlugin = {
      name: "First",
      handles: handlesOperations("CREATE"),
      admit: (a) => {
        seen.push("First.admit");
        a.object!.metadata.labels = { first: "yes" };
      },
    };
    const second: MutatingAdmissionPlugin & ValidatingAdmissionPlugin = {
      name: "Second",
      handles: handlesOperations("CREATE", "UPDATE"),
      admit: (a) => {
        seen.push(`Second.admit sees ${a.object?.metadata.labels?.["first"]}`);
      },
      validate: () => {
        seen.push("Second.validate");
      },
    };
    const deletesOnly: ValidatingAdmissionPlugin = {
      name: "DeletesOnly",
      handles: handlesOperations("DELETE"),
      validate: () => {
        seen.push("DeletesOnly.validate");
      },
    };
    const chain = new AdmissionChain([first, second, deletesOnly]);
    assert.deepEqual(chain.mutatingPluginNames, ["First", "Second"]);
    assert.deepEqual(chain.validatingPluginNames, ["Second", "DeletesOnly"]);

    const a = attributes();
    await chain.admit(a);
    await chain.validate(a);
    assert.deepEqual(seen, ["First.admit", "Second.admit sees yes", "Second.validate"]);
    assert.equal(chain.handles("DELETE"), true);
    assert.equal(chain.handles("CONNECT"), false);
  });

  it("stops at the first plugin that refuses", async () => {
    const seen: string[] = [];
    const refuse: ValidatingAdmissionPlugin = {
      name: "Refuse",
      handles: () => true,
      validate: (a) => {
        throw newAdmissionForbidden(a, "no");
      },
    };
    const after: ValidatingAdmissionPlugin = { name: "After", handles: () => true, validate: () => void seen.push("After") };
    await assert.rejects(new AdmissionChain([refuse, after]).validate(attributes()), (err) => isStatusError(err) && err.code === 403);
    assert.deepEqual(seen, []);
  });

  it("refuses the same plugin twice", () => {
    const p: ValidatingAdmissionPlugin = { name: "P", handles: () => true, validate: () => {} };
    assert.throws(() => new AdmissionChain([p, p]), /"P" is in the chain twice/);
  });
});

describe("newAdmissionForbidden", () => {
  it("names the request's object: its name, else the object's name or generateName, else Unknown", () => {
    const named = newAdmissionForbidden(attributes({ name: "given" }), "because");
    assert.equal(named.status.message, 'configmaps "given" is forbidden: because');
    assert.deepEqual(named.status.details, { name: "given", kind: "configmaps" });
    assert.equal(newAdmissionForbidden(attributes(), "x").status.message, 'configmaps "c1" is forbidden: x');
    const generated = attributes({ object: { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "gen-" } } });
    assert.equal(newAdmissionForbidden(generated, "x").status.message, 'configmaps "gen-" is forbidden: x');
    const { object: _none, ...withoutObject } = attributes({ operation: "DELETE" });
    assert.equal(newAdmissionForbidden(withoutObject, "x").status.message, 'configmaps "Unknown" is forbidden: x');
  });

  it("adds causes", () => {
    const err = newAdmissionForbidden(attributes({ resource: { group: "apps", version: "v1", resource: "deployments" } }), "x", [
      { reason: "NamespaceTerminating", message: "namespace ns is being terminated", field: "metadata.namespace" },
    ]);
    assert.equal(err.status.code, 403);
    assert.equal(err.status.reason, "Forbidden");
    assert.deepEqual(err.status.details, {
      name: "c1",
      group: "apps",
      kind: "deployments",
      causes: [{ reason: "NamespaceTerminating", message: "namespace ns is being terminated", field: "metadata.namespace" }],
    });
  });
});
