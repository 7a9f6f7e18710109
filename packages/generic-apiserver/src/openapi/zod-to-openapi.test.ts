import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ObjectMetaSchema, TimeSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { DefinitionNames, definitionNamespace, kindDefinitionName } from "./definition-names.js";
import { givenOpenAPISchemas } from "./given-schemas.js";
import type { SchemaObject } from "./types.js";
import { wellKnownNames } from "./well-known.js";
import { INT_OR_STRING_DEFINITION, SchemaConverter } from "./zod-to-openapi.js";

const v3 = () => new SchemaConverter("v3", wellKnownNames());
const v2 = () => new SchemaConverter("v2", wellKnownNames());

describe("definition names", () => {
  it("follows upstream's package paths for built-in groups and reverses other groups", () => {
    assert.equal(kindDefinitionName({ group: "", version: "v1", kind: "ConfigMap" }), "io.k8s.api.core.v1.ConfigMap");
    assert.equal(kindDefinitionName({ group: "apps", version: "v1", kind: "Deployment" }), "io.k8s.api.apps.v1.Deployment");
    assert.equal(definitionNamespace("rbac.authorization.k8s.io"), "io.k8s.api.rbac");
    assert.equal(definitionNamespace("coordination.k8s.io"), "io.k8s.api.coordination");
    assert.equal(definitionNamespace("apiextensions.k8s.io"), "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions");
    assert.equal(definitionNamespace("apiregistration.k8s.io"), "io.k8s.kube-aggregator.pkg.apis.apiregistration");
    assert.equal(definitionNamespace("stable.example.com"), "com.example.stable");
  });

  it("finds a name through zod's copies (.describe(), .meta()) but not through .extend()", () => {
    const names = new DefinitionNames();
    const Base = z.object({ a: z.string() });
    names.register(Base, { name: "x.Base" });
    assert.equal(names.nameOf(Base.describe("a copy"))?.name, "x.Base");
    assert.equal(names.nameOf(Base.meta({ "x-kubernetes-map-type": "atomic" }).describe("two copies"))?.name, "x.Base");
    assert.equal(names.nameOf(Base.extend({ b: z.string() })), undefined);
    assert.equal(names.nameOf(z.object({}).meta({ id: "x.ById" }))?.name, "x.ById");
  });
});

describe("SchemaConverter", () => {
  it("writes types, formats, descriptions, required fields and enums", () => {
    const schema = z.object({
      name: z.string().describe("The name."),
      count: optionalField(z.int32().describe("A count.")),
      size: optionalField(z.number().int()),
      ratio: z.number().optional(),
      when: optionalField(z.iso.datetime()),
      data: optionalField(z.base64()),
      on: z.boolean().default(false),
      mode: z.enum(["A", "B"]),
      kind: z.literal("Thing").default("Thing"),
      label: stringOrEmpty("A label."),
    });
    assert.deepEqual(v3().use(schema), {
      type: "object",
      properties: {
        name: { description: "The name.", type: "string" },
        count: { description: "A count.", type: "integer", format: "int32" },
        size: { type: "integer", format: "int64" },
        ratio: { type: "number", format: "double" },
        when: { type: "string", format: "date-time" },
        data: { type: "string", format: "byte" },
        on: { type: "boolean", default: false },
        mode: { type: "string", enum: ["A", "B"] },
        kind: { type: "string", enum: ["Thing"], default: "Thing" },
        label: { description: "A label.", type: "string", default: "" },
      },
      required: ["name", "mode"],
    });
  });

  it("carries patch metadata from .meta() onto the field", () => {
    const schema = z.object({
      items: optionalField(
        z
          .array(z.object({ key: z.string() }))
          .meta({
            "x-kubernetes-patch-merge-key": "key",
            "x-kubernetes-patch-strategy": "merge",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["key"],
          })
          .describe("Items by key."),
      ),
    });
    assert.deepEqual(v3().use(schema).properties?.items, {
      description: "Items by key.",
      type: "array",
      items: { type: "object", properties: { key: { type: "string" } }, required: ["key"] },
      "x-kubernetes-patch-merge-key": "key",
      "x-kubernetes-patch-strategy": "merge",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["key"],
    });
  });

  it("refers to named definitions: allOf with siblings in v3, siblings beside $ref in v2", () => {
    const schema = z.object({
      metadata: ObjectMetaSchema,
      at: optionalField(TimeSchema.describe("When.")),
    });
    const c3 = v3();
    const out3 = c3.use(schema);
    assert.deepEqual(out3.properties?.at, {
      description: "When.",
      allOf: [{ $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time" }],
    });
    // Without a field description, a plain reference: kubectl explain prints the type's own description.
    assert.deepEqual(out3.properties?.metadata, { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" });
    assert.deepEqual(c3.definitions.get("io.k8s.apimachinery.pkg.apis.meta.v1.Time"), {
      description: "A timestamp in RFC 3339 form, with second precision.",
      type: "string",
      format: "date-time",
    });
    // ObjectMeta pulls in what it refers to.
    for (const name of ["ObjectMeta", "OwnerReference", "ManagedFieldsEntry", "Time"]) {
      assert.ok(c3.definitions.has(`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`), name);
    }

    const c2 = v2();
    assert.deepEqual(c2.use(schema).properties?.at, {
      $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time",
      description: "When.",
    });
  });

  it("publishes int-or-string unions as the IntOrString definition", () => {
    const c = v3();
    assert.deepEqual(c.use(z.union([z.string(), z.int()]).describe("Port.")), {
      description: "Port.",
      allOf: [{ $ref: `#/components/schemas/${INT_OR_STRING_DEFINITION}` }],
    });
    const def = c.definitions.get(INT_OR_STRING_DEFINITION);
    assert.equal(def?.format, "int-or-string");
    assert.equal(def?.["x-kubernetes-int-or-string"], true);
  });

  it("writes maps, free-form objects, nullable and other unions", () => {
    const c = v3();
    assert.deepEqual(c.use(z.record(z.string(), z.string())), { type: "object", additionalProperties: { type: "string" } });
    assert.deepEqual(c.use(z.record(z.string(), z.unknown())), { type: "object", "x-kubernetes-preserve-unknown-fields": true });
    assert.deepEqual(c.use(z.looseObject({ a: z.string() })), {
      type: "object",
      properties: { a: { type: "string" } },
      required: ["a"],
      "x-kubernetes-preserve-unknown-fields": true,
    });
    assert.deepEqual(c.use(z.string().nullable()), { type: "string", nullable: true });
    assert.deepEqual(c.use(z.union([z.literal("a"), z.enum(["b", "c"])])), { type: "string", enum: ["a", "b", "c"] });
    assert.deepEqual(c.use(z.union([z.string(), z.boolean()])), { anyOf: [{ type: "string" }, { type: "boolean" }] });
    // Swagger 2.0 has neither nullable nor anyOf.
    assert.deepEqual(v2().use(z.string().nullable()), { type: "string" });
    assert.deepEqual(v2().use(z.union([z.string(), z.boolean()])), {});
  });

  it("describes what a preprocess or transform pipe accepts", () => {
    const c = v3();
    assert.deepEqual(c.use(z.preprocess((v) => v, z.int32())), { type: "integer", format: "int32" });
    assert.deepEqual(c.use(z.string().transform((s) => s.length)), { type: "string" });
  });

  it("refers to a named recursive schema and cuts an unnamed cycle", () => {
    interface Node {
      children?: Node[];
    }
    const Named: z.ZodType<Node> = z
      .object({ get children() { return z.array(Named).optional(); } })
      .meta({ id: "test.recursion.v1.Node" });
    const c = v3();
    assert.deepEqual(c.use(Named), { $ref: "#/components/schemas/test.recursion.v1.Node" });
    assert.deepEqual(c.definitions.get("test.recursion.v1.Node"), {
      type: "object",
      properties: { children: { type: "array", items: { $ref: "#/components/schemas/test.recursion.v1.Node" } } },
    });

    const Unnamed: z.ZodType<Node> = z.object({ get children() { return z.array(Unnamed).optional(); } });
    assert.deepEqual(v3().use(Unnamed), {
      type: "object",
      properties: { children: { type: "array", items: { "x-kubernetes-preserve-unknown-fields": true } } },
    });
  });

  it("publishes a given schema (a CRD's) instead of converting the zod shell", () => {
    const crdSchema: SchemaObject = {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            nullable: { type: "string", nullable: true },
            port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
          },
        },
      },
    };
    const shell = z.looseObject({});
    givenOpenAPISchemas.add(shell, { schema: crdSchema });
    const named = { name: "com.example.stable.v1.CronTab", gvk: [{ group: "stable.example.com", version: "v1", kind: "CronTab" }] };

    const c3 = v3();
    c3.define(shell, named);
    assert.deepEqual(c3.definitions.get(named.name), { ...crdSchema, "x-kubernetes-group-version-kind": named.gvk });

    const c2 = v2();
    c2.define(shell, named);
    assert.deepEqual(c2.definitions.get(named.name)?.properties?.spec?.properties, {
      nullable: { type: "string" },
      port: { "x-kubernetes-int-or-string": true },
    });
  });
});


describe("SchemaConverter: a named type used by two fields", () => {
  it("writes the definition from the named schema, whichever field comes first", () => {
    const Template = z.object({ image: optionalField(z.string()) }).meta({ id: "x.Template" }).describe("A template.");
    const schema = z.object({
      first: Template.meta({ "x-kubernetes-patch-strategy": "retainKeys" }).describe("The first field's own words."),
      second: Template.describe("The second field's own words."),
    });
    const converter = v3();
    const body = converter.use(schema);
    // Field-level words and extensions stay with the fields...
    assert.deepEqual((body.properties as Record<string, unknown>)["first"], {
      description: "The first field's own words.",
      "x-kubernetes-patch-strategy": "retainKeys",
      allOf: [{ $ref: "#/components/schemas/x.Template" }],
    });
    // ...and the definition is the type's own.
    assert.deepEqual(converter.definitions.get("x.Template"), {
      description: "A template.",
      type: "object",
      properties: { image: { type: "string" } },
    });
  });
});
