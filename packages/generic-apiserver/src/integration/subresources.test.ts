// Custom subresources over HTTPS: a test group, sub.tskube.dev/v1, whose Box
// has two besides status (as namespaces have `finalize` and pods `binding`):
//
//   boxes/seal   update only, the Box itself; may change only spec.seals
//   boxes/label  create only, of another kind (BoxLabel); adds an annotation
//
// What is checked: discovery and OpenAPI list them with their verbs, the
// verbs they do not offer are 405, admission sees their name and kind, and
// a declared subresource without storage cannot be installed.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type KubeObject, ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { type EmbeddedDriver, Store, openEmbeddedDriver } from "@tskube/storage";
import { z } from "zod";
import type { Attributes } from "../admission/attributes.js";
import type { ValidatingAdmissionPlugin } from "../admission/interfaces.js";
import { createRegistryStore } from "../registry/create-registry-store.js";
import { ALL_VERBS, type ResourceDefinition } from "../registry/resource.js";
import type { APIGroupInfo } from "../server/api-group.js";
import { GenericAPIServer } from "../server/server.js";
import { type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import { expectCode, expectStatus } from "./objects.js";

const T = { timeout: 20_000 };
const GROUP = "sub.tskube.dev";
const BOXES = `/apis/${GROUP}/v1/namespaces/sub/boxes`;

const BoxSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema,
  spec: optionalField(z.object({ lid: optionalField(z.string()), seals: optionalField(z.array(z.string())) })),
});
type Box = z.infer<typeof BoxSchema>;

const BoxLabelSchema = TypeMetaSchema.extend({
  metadata: optionalField(ObjectMetaSchema),
  text: z.string().describe("What the label says."),
}).meta({ id: "dev.tskube.sub.v1.BoxLabel" });

const boxDefinition: ResourceDefinition<Box> = {
  group: GROUP,
  version: "v1",
  kind: "Box",
  resource: "boxes",
  singular: "box",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: BoxSchema,
  strategy: {},
  subresources: {
    custom: {
      seal: { verbs: ["update"] },
      label: {
        verbs: ["create"],
        kind: { group: GROUP, version: "v1", kind: "BoxLabel", schema: BoxLabelSchema as z.ZodType<KubeObject> },
      },
    },
  },
};

function boxGroup(kv: EmbeddedDriver): APIGroupInfo {
  const boxes = createRegistryStore(boxDefinition, { storage: new Store<Box>({ kv }) });
  const store = boxes.main;
  boxes.subresources = {
    seal: {
      update: (scope, name, objInfo) =>
        store.updateObject(scope, name, objInfo as Parameters<typeof store.updateObject>[2], {
          allowCreate: false,
          target: {
            subresource: "seal",
            prepareForUpdate: (obj, old) => {
              obj.spec = { ...old.spec, seals: obj.spec?.seals ?? [] };
              obj.metadata.labels = old.metadata.labels;
            },
          },
        }),
    },
    label: {
      async create(scope, name, obj) {
        // A subresource that writes runs the request's checks itself, on what it was given.
        await scope.validation?.create?.(obj);
        const text = (obj as z.infer<typeof BoxLabelSchema>).text;
        await store.update(scope, name, {
          updatedObject: (current) => {
            const box = structuredClone(current!);
            box.metadata.annotations = { ...box.metadata.annotations, label: text };
            return box;
          },
        });
        return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 } as KubeObject;
      },
    },
  };
  return { name: GROUP, versions: [{ version: "v1", resources: [boxes] }] };
}

const admitted: string[] = [];
const recorder: ValidatingAdmissionPlugin = {
  name: "Recorder",
  handles: () => true,
  validate: (a: Attributes) => {
    admitted.push(`${a.operation} ${a.subresource} ${a.kind.kind} ${a.name} ${a.object?.kind ?? "-"}`);
  },
};

let s: IntegrationServer;
let dataDir: string;
let kv: EmbeddedDriver;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "tskube-subresources-"));
  kv = openEmbeddedDriver({ dataDir });
  s = await startIntegrationServer(await createPKI(), { extraGroups: [boxGroup(kv)], admission: [recorder] });
});
after(async () => {
  await s.close();
  await kv.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const box = (name: string, spec: Box["spec"] = {}): Box => ({ apiVersion: `${GROUP}/v1`, kind: "Box", metadata: { name }, spec });

describe("custom subresources", () => {
  it("discovery lists them with their verbs and kinds", T, async () => {
    const list = (await s.request(`/apis/${GROUP}/v1`)).json<{ resources: { name: string; kind: string; verbs: string[]; group?: string }[] }>();
    assert.deepEqual(
      list.resources.map((r) => `${r.name} ${r.kind} ${r.verbs.join(",")}`),
      ["boxes Box create,delete,deletecollection,get,list,patch,update,watch", "boxes/label BoxLabel create", "boxes/seal Box update"],
    );
    const aggregated = (
      await s.request("/apis", { headers: { Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" } })
    ).json<{ items: { metadata: { name: string }; versions: { resources: { resource: string; subresources?: unknown[] }[] }[] }[] }>();
    const group = aggregated.items.find((g) => g.metadata.name === GROUP);
    assert.deepEqual(group?.versions[0]?.resources[0]?.subresources, [
      { subresource: "label", responseKind: { group: "", version: "", kind: "BoxLabel" }, verbs: ["create"] },
      { subresource: "seal", responseKind: { group: "", version: "", kind: "Box" }, verbs: ["update"] },
    ]);
  });

  it("OpenAPI has their paths and operations", T, async () => {
    const index = (await s.request("/openapi/v3")).json<{ paths: Record<string, { serverRelativeURL: string }> }>();
    const doc = (await s.request(index.paths[`apis/${GROUP}/v1`]!.serverRelativeURL)).json<{
      paths: Record<string, Record<string, { operationId?: string }>>;
      components: { schemas: Record<string, unknown> };
    }>();
    const seal = doc.paths[`/apis/${GROUP}/v1/namespaces/{namespace}/boxes/{name}/seal`]!;
    assert.deepEqual(Object.keys(seal).filter((k) => k !== "parameters"), ["put"]);
    assert.equal(seal["put"]?.operationId, "replaceSubTskubeDevV1NamespacedBoxSeal");
    const label = doc.paths[`/apis/${GROUP}/v1/namespaces/{namespace}/boxes/{name}/label`]!;
    assert.deepEqual(Object.keys(label).filter((k) => k !== "parameters"), ["post"]);
    assert.equal(label["post"]?.operationId, "createSubTskubeDevV1NamespacedBoxLabel");
    assert.ok(doc.components.schemas["dev.tskube.sub.v1.BoxLabel"], "the other kind's schema is published");
  });

  it("an update-only subresource changes what its rules allow, and offers nothing else", T, async () => {
    expectCode(await s.request(BOXES, { method: "POST", body: box("b1", { lid: "open" }) }), 201);
    admitted.length = 0;
    const res = await s.request(`${BOXES}/b1/seal`, {
      method: "PUT",
      body: { ...box("b1", { lid: "closed", seals: ["red"] }), metadata: { name: "b1", labels: { x: "y" } } },
    });
    expectCode(res, 200);
    const sealed = res.json<Box>();
    assert.deepEqual(sealed.spec, { lid: "open", seals: ["red"] });
    assert.equal(sealed.metadata.labels, undefined);
    assert.deepEqual(admitted, ["UPDATE seal Box b1 Box"]);

    const get = expectStatus(await s.request(`${BOXES}/b1/seal`), 405, "MethodNotAllowed");
    assert.equal(get.message, 'get is not supported on resources of kind "boxes/seal.sub.tskube.dev"');
    expectStatus(
      await s.request(`${BOXES}/b1/seal`, { method: "PATCH", headers: { "Content-Type": "application/merge-patch+json" }, body: "{}" }),
      405,
      "MethodNotAllowed",
    );
    expectStatus(await s.request(`${BOXES}/b1/nothing`), 404, "NotFound");
    expectStatus(await s.request(`${BOXES}/missing/seal`, { method: "PUT", body: box("missing") }), 404, "NotFound");
  });

  it("a create-only subresource takes its own kind and answers 201", T, async () => {
    expectCode(await s.request(BOXES, { method: "POST", body: box("b2") }), 201);
    admitted.length = 0;
    const res = await s.request(`${BOXES}/b2/label`, { method: "POST", body: { apiVersion: `${GROUP}/v1`, kind: "BoxLabel", text: "fragile" } });
    expectCode(res, 201);
    assert.deepEqual(res.json(), { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
    assert.equal((await s.request(`${BOXES}/b2`)).json<Box>().metadata.annotations?.["label"], "fragile");
    assert.deepEqual(admitted, ["CREATE label BoxLabel b2 BoxLabel"]);

    const wrongKind = await s.request(`${BOXES}/b2/label`, { method: "POST", body: box("b2") });
    expectStatus(wrongKind, 400, "BadRequest");
  });

  it("a declared subresource needs its storage", () => {
    const server = new GenericAPIServer({ name: "broken" });
    const boxes = createRegistryStore(boxDefinition, { storage: new Store<Box>({ kv }) });
    assert.throws(
      () => server.installAPIGroup({ name: GROUP, versions: [{ version: "v1", resources: [boxes] }] }),
      /boxes\/(seal|label) is declared but its ResourceStorage has no subresources\.(seal|label)/,
    );
  });
});
