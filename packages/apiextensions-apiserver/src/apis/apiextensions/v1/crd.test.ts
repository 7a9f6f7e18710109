import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { causes, decode, openTestStorage, put, rejects, scope, type TestStorage } from "../../../testing/registry.js";
import { customResourceDefinitionDefinition as def } from "./definition.js";
import { CUSTOM_RESOURCE_CLEANUP_FINALIZER, ESTABLISHED, findCondition, setCondition } from "./helpers.js";
import type { CustomResourceDefinition } from "./schema.js";
import { type CustomResourceDefinitionStorage, customResourceDefinitionStorage } from "./storage.js";

const SCHEMA = { type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer" } } } } };

function crd(plural: string, more: Record<string, unknown> = {}, specMore: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural, kind: plural[0]!.toUpperCase() + plural.slice(1, -1) },
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: SCHEMA } }],
      ...specMore,
    },
    ...more,
  };
}

const version = (name: string, storage: boolean, schema: unknown = SCHEMA, more: Record<string, unknown> = {}) => ({
  name,
  served: true,
  storage,
  schema: { openAPIV3Schema: schema },
  ...more,
});

describe("apiextensions.k8s.io/v1 CustomResourceDefinition", () => {
  let storage: TestStorage;
  let crds: CustomResourceDefinitionStorage;
  const create = (body: unknown) => crds.create(scope(), decode(def, body));
  const invalidCauses = async (body: unknown) => causes(await rejects(create(body), 422));

  before(() => {
    storage = openTestStorage();
    crds = customResourceDefinitionStorage(storage.factory).main;
  });
  after(() => storage.close());

  it("fills in the defaults and a status with every list present", async () => {
    const created = await create(crd("widgets"));
    assert.equal(created.spec.names.singular, "widget");
    assert.equal(created.spec.names.listKind, "WidgetList");
    assert.deepEqual(created.spec.conversion, { strategy: "None" });
    assert.deepEqual(created.status, { storedVersions: ["v1"], conditions: [], acceptedNames: { plural: "", kind: "" } });
    assert.equal(created.metadata.generation, 1);
  });

  it("requires the name to be <plural>.<group>", async () => {
    const body = crd("gadgets");
    (body.metadata as { name: string }).name = "gizmos.example.com";
    assert.deepEqual(await invalidCauses(body), ['metadata.name: Invalid value: "gizmos.example.com": must be spec.names.plural+"."+spec.group']);
  });

  it("checks group, scope, names and the storage version with upstream's paths", async () => {
    const body = crd("bad", {}, {
      group: "example",
      scope: "Global",
      names: { plural: "Bad", singular: "Bad_One", kind: "bad kind", listKind: "bad kind", shortNames: ["ok", "No!"], categories: ["all", "Bad Cat"] },
      versions: [version("v1", false), version("v1", false)],
    });
    (body.metadata as { name: string }).name = "Bad.example";
    const messages = await invalidCauses(body);
    for (const expected of [
      'spec.group: Invalid value: "example": should be a domain with at least one dot',
      'spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
      "spec.versions: Invalid value: ",
      'spec.names.plural: Invalid value: "Bad": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
      'spec.names.listKind: Invalid value: "bad kind": kind and listKind may not be the same',
      'spec.names.shortNames[1]: Invalid value: "No!"',
      'spec.names.singular: Invalid value: "Bad_One": a DNS-1035 label',
      'spec.names.kind: Invalid value: "bad kind": may have mixed case, but should otherwise match: a DNS-1035 label',
      'spec.names.categories[1]: Invalid value: "Bad Cat": a DNS-1035 label',
    ]) {
      assert.ok(messages.some((m) => m.startsWith(expected)), `${expected}\n${messages.join("\n")}`);
    }
    assert.ok(messages.some((m) => m.endsWith("must contain unique version names")), messages.join("\n"));
    assert.ok(messages.some((m) => m.endsWith("must have exactly one version marked as storage version")), messages.join("\n"));
    assert.ok(messages.includes("status.storedVersions: Invalid value: []: must have at least one stored version"), messages.join("\n"));
  });

  it("requires a schema for every version", async () => {
    const body = crd("schemaless", {}, { versions: [{ name: "v1", served: true, storage: true }] });
    assert.deepEqual(await invalidCauses(body), ["spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required"]);
  });

  it("reports schema errors at spec.validation when every version shares the schema, per version otherwise", async () => {
    const untyped = { type: "object", properties: { spec: { properties: { size: { type: "integer" } } } } };
    assert.deepEqual(await invalidCauses(crd("shared", {}, { versions: [version("v1", true, untyped), version("v2", false, untyped)] })), [
      "spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields",
    ]);
    assert.deepEqual(await invalidCauses(crd("perversion", {}, { versions: [version("v1", true), version("v2", false, untyped)] })), [
      "spec.versions[1].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields",
    ]);
  });

  it("needs api-approved.kubernetes.io in protected groups", async () => {
    const body = crd("things", {}, { group: "widgets.k8s.io" });
    (body.metadata as { name: string }).name = "things.widgets.k8s.io";
    assert.deepEqual(await invalidCauses(body), [
      'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
    ]);
    (body.metadata as { annotations: Record<string, string> }).annotations = { "api-approved.kubernetes.io": "yes" };
    assert.match((await invalidCauses(body))[0] ?? "", /Invalid value: "yes": protected groups must have approval annotation .* with either a URL or a reason starting with "unapproved"/);
    (body.metadata as { annotations: Record<string, string> }).annotations = { "api-approved.kubernetes.io": "https://github.com/kubernetes/kubernetes/pull/1" };
    await create(body);
  });

  it("validates webhook conversion, printer columns, the scale paths and selectable fields", async () => {
    const messages = await invalidCauses(
      crd("knobs", {}, {
        conversion: { strategy: "Webhook", webhook: { clientConfig: { url: "http://example.com/convert?x=1" } } },
        versions: [
          version("v1", true, SCHEMA, {
            subresources: { scale: { specReplicasPath: ".status.replicas", statusReplicasPath: "status.replicas" } },
            additionalPrinterColumns: [{ name: "Size", type: "int", jsonPath: "spec.size" }],
            selectableFields: [{ jsonPath: ".spec.size" }, { jsonPath: ".spec.missing" }, { jsonPath: ".spec" }],
          }),
        ],
      }),
    );
    assert.deepEqual(messages, [
      'spec.subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
      'spec.subresources.scale.statusReplicasPath: Invalid value: "status.replicas": must be a simple json path starting with .',
      'spec.additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string',
      'spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path starting with .',
      'spec.selectableFields[1].jsonPath: Invalid value: ".spec.missing": is an invalid path: does not refer to a valid field',
      'spec.selectableFields[2].jsonPath: Invalid value: ".spec": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.',
      "spec.conversion.webhookClientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]",
      'spec.conversion.webhookClientConfig.url: Invalid value: "x=1": query parameters are not permitted in the URL',
      "spec.conversion.conversionReviewVersions: Required value",
    ]);
    assert.deepEqual(await invalidCauses(crd("hooks", {}, { conversion: { strategy: "Webhook", webhook: { conversionReviewVersions: ["v2"] } } })), [
      "spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook",
      'spec.conversion.conversionReviewVersions: Invalid value: ["v2"]: must include at least one of v1, v1beta1',
    ]);
  });

  it("defaults a webhook service's port to 443", () => {
    const decoded = decode(
      def,
      crd("ports", {}, { conversion: { strategy: "Webhook", webhook: { conversionReviewVersions: ["v1"], clientConfig: { service: { namespace: "ns", name: "conv" } } } } }),
    );
    assert.equal(decoded.spec.conversion?.webhook?.clientConfig?.service?.port, 443);
  });

  it("keeps group and plural, and once established scope and kind", async () => {
    const created = await create(crd("locks"));
    const status = await rejects(
      crds.update(scope(), "locks.example.com", put(def, { ...crd("locks", {}, { group: "other.com", scope: "Cluster" }), metadata: created.metadata })),
      422,
    );
    assert.ok(causes(status).includes('spec.group: Invalid value: "other.com": field is immutable'), causes(status).join("\n"));
    assert.ok(!causes(status).some((c) => c.startsWith("spec.scope")), "scope may change before the CRD is established");

    // Established, through /status as the controller does it.
    const established = structuredClone(created);
    setCondition(established, { type: ESTABLISHED, status: "True", reason: "InitialNamesAccepted", message: "the initial names have been accepted" });
    const storageWithStatus = customResourceDefinitionStorage(storage.factory);
    const { object } = await storageWithStatus.status!.update(scope(), "locks.example.com", { updatedObject: () => established });
    const scoped = await rejects(
      crds.update(scope(), "locks.example.com", put(def, { ...crd("locks", {}, { scope: "Cluster" }), metadata: object.metadata })),
      422,
    );
    assert.deepEqual(causes(scoped), ['spec.scope: Invalid value: "Cluster": field is immutable']);
  });

  it("records every storage version ever used, and bumps generation on spec changes only", async () => {
    const created = await create(crd("stores", {}, { versions: [version("v1", true), version("v2", false, { type: "object" })] }));
    const next = crd("stores", {}, { versions: [version("v1", false), version("v2", true, { type: "object" })] });
    const { object } = await crds.update(scope(), "stores.example.com", put(def, { ...next, metadata: created.metadata }));
    assert.deepEqual(object.status?.storedVersions, ["v1", "v2"]);
    assert.equal(object.metadata.generation, 2);
    const labelled = await crds.update(scope(), "stores.example.com", put(def, { ...next, metadata: { ...object.metadata, labels: { a: "b" } } }));
    assert.equal(labelled.object.metadata.generation, 2);
    // v1 may only leave spec.versions once it has left status.storedVersions.
    const dropped = await rejects(
      crds.update(scope(), "stores.example.com", put(def, { ...crd("stores", {}, { versions: [version("v2", true, { type: "object" })] }), metadata: labelled.object.metadata })),
      422,
    );
    assert.match(causes(dropped)[0] ?? "", /^status\.storedVersions\[0\]: Invalid value: "v1": missing from spec\.versions; v1 was previously a storage version/);
  });

  it("marks a deleted CRD as terminating and keeps it with the cleanup finalizer", async () => {
    await create(crd("doomed"));
    const { object, deleted } = await crds.delete(scope(), "doomed.example.com", {});
    assert.equal(deleted, false);
    assert.ok(object.metadata.deletionTimestamp);
    assert.deepEqual(object.metadata.finalizers, [CUSTOM_RESOURCE_CLEANUP_FINALIZER]);
    const terminating = findCondition(object as CustomResourceDefinition, "Terminating");
    assert.equal(terminating?.status, "True");
    assert.equal(terminating?.reason, "InstanceDeletionPending");
    // Deleting again changes nothing while the finalizer is there.
    const again = await crds.delete(scope(), "doomed.example.com", {});
    assert.equal(again.deleted, false);
  });
});
