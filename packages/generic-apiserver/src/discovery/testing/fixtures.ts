// API groups for the discovery and OpenAPI tests: a core group with a
// namespaced and a cluster-scoped kind, and a custom group whose namespaced
// kind has status and scale subresources and patch metadata.
//
// Discovery and OpenAPI read only `main.definition`; every storage method
// here throws, which is acceptable only in these tests.

import type { KubeObject } from "@tskube/apimachinery";
import { MetaLabelSelectorSchema, ObjectMetaSchema, TimeSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { ALL_VERBS, type ResourceDefinition } from "../../registry/resource.js";
import type { ResourceStorage, RESTStorage } from "../../registry/rest-storage.js";
import type { APIGroupInfo } from "../../server/api-group.js";

function notUsed(): never {
  throw new Error("not used here: discovery and OpenAPI only read the definition");
}

/** A storage whose definition is all there is. */
export function definitionOnly(definition: ResourceDefinition): ResourceStorage {
  const main: RESTStorage = {
    definition,
    get: notUsed,
    list: notUsed,
    watch: notUsed,
    create: notUsed,
    update: notUsed,
    delete: notUsed,
    deleteCollection: notUsed,
  };
  return { main };
}

// ---- core/v1 ----

export const ConfigMapSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema,
  data: optionalField(z.record(z.string(), z.string()).describe("Text configuration, by key.")),
  binaryData: optionalField(
    z.record(z.string(), z.base64().describe("Base64 bytes.")).describe("Binary configuration, by key."),
  ),
  immutable: optionalField(z.boolean().describe("If true, only metadata can change.")),
});

export const NamespaceSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema,
  spec: optionalField(
    z
      .object({
        finalizers: optionalField(z.array(z.string()).describe("Must be empty before the namespace is removed.")),
      })
      .describe("What the namespace should be."),
  ),
  status: optionalField(
    z.object({ phase: optionalField(z.enum(["Active", "Terminating"]).describe("Lifecycle phase.")) }).describe("Observed state."),
  ),
});

const configMaps: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "ConfigMap",
  resource: "configmaps",
  singular: "configmap",
  shortNames: ["cm"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ConfigMapSchema as z.ZodType<KubeObject>,
  strategy: {},
  description: "Non-secret configuration as key/value pairs.",
};

const namespaces: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "Namespace",
  resource: "namespaces",
  singular: "namespace",
  shortNames: ["ns"],
  namespaced: false,
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  schema: NamespaceSchema as z.ZodType<KubeObject>,
  strategy: {},
  subresources: { status: true },
  description: "A scope for names.",
};

// ---- widgets.example.com ----

export const WIDGET_GROUP = "widgets.example.com";

const PortSchema = z.object({
  containerPort: z.int32().describe("Port number."),
  protocol: optionalField(z.enum(["TCP", "UDP"]).default("TCP").describe("Protocol of the port.")),
  name: optionalField(z.string().describe("Name of the port.")),
});

const PartSchema = z
  .object({
    name: z.string().describe("Name of the part, unique in the widget."),
    image: optionalField(z.string().describe("What the part is made from.")),
  })
  .meta({ id: "com.example.widgets.v1.Part" })
  .describe("One part of a widget.");

export const WidgetSpecSchema = z.object({
  replicas: optionalField(z.int32().describe("Desired number of copies.")),
  selector: optionalField(MetaLabelSelectorSchema.describe("Selects the copies.")),
  parts: optionalField(
    z
      .array(PartSchema)
      .meta({ "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge" })
      .describe("Parts, merged by name."),
  ),
  ports: optionalField(
    z
      .array(PortSchema)
      .meta({
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
        "x-kubernetes-patch-merge-key": "containerPort",
        "x-kubernetes-patch-strategy": "merge",
      })
      .describe("Ports the widget listens on."),
  ),
  tags: optionalField(z.array(z.string()).meta({ "x-kubernetes-list-type": "set" }).describe("Free-form tags.")),
  maxSurge: optionalField(z.union([z.int(), z.string()]).describe("How many extra copies, as a number or a percentage.")),
  mode: z.enum(["Fast", "Slow"]).describe("How the widget runs."),
  weight: optionalField(z.number().describe("Relative weight.")),
  size: optionalField(z.int().describe("Size in bytes.")),
});

export const WidgetSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema,
  spec: WidgetSpecSchema.describe("What the widget should be."),
  status: optionalField(
    z
      .object({
        readyReplicas: optionalField(z.int32().describe("Copies that are ready.")),
        lastUpdate: optionalField(TimeSchema.describe("When the status last changed.")),
      })
      .describe("What the widget is."),
  ),
});

export const GadgetSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema,
  spec: optionalField(z.object({ color: optionalField(z.string().describe("Its color.")) }).describe("Desired state.")),
});

function widgets(version: string): ResourceDefinition {
  return {
    group: WIDGET_GROUP,
    version,
    kind: "Widget",
    resource: "widgets",
    singular: "widget",
    shortNames: ["wd"],
    categories: ["all"],
    namespaced: true,
    verbs: ALL_VERBS,
    schema: WidgetSchema as unknown as z.ZodType<KubeObject>,
    strategy: {},
    subresources: {
      status: true,
      scale: {
        specReplicas: () => 1,
        statusReplicas: () => 1,
        selector: () => "",
        withSpecReplicas: (obj) => obj,
      },
    },
    description: "A test kind with subresources and patch metadata.",
  };
}

const gadgets: ResourceDefinition = {
  group: WIDGET_GROUP,
  version: "v1",
  kind: "Gadget",
  resource: "gadgets",
  singular: "gadget",
  namespaced: false,
  verbs: ALL_VERBS,
  schema: GadgetSchema as z.ZodType<KubeObject>,
  strategy: {},
  strategicMergePatch: false,
  description: "A cluster-scoped test kind that, like a custom resource, takes no strategic merge patch.",
};

export function coreGroup(): APIGroupInfo {
  return { name: "", versions: [{ version: "v1", resources: [definitionOnly(configMaps), definitionOnly(namespaces)] }] };
}

/** widgets.example.com: v1 (preferred) with widgets and gadgets, v1beta1 with widgets. */
export function widgetGroup(): APIGroupInfo {
  return {
    name: WIDGET_GROUP,
    versions: [
      { version: "v1", resources: [definitionOnly(widgets("v1")), definitionOnly(gadgets)] },
      { version: "v1beta1", resources: [definitionOnly(widgets("v1beta1"))] },
    ],
  };
}
