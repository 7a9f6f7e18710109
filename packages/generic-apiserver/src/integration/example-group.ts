// An example API group built with the library: example.tskube.dev/v1 with
//
//   Widget  namespaced; spec (replicas, selector, parts merged by name),
//           status (replicas, conditions); `status` and `scale` subresources;
//           table columns; defaults and validation in its strategy
//   Gadget  cluster-scoped; selectable by spec.color; no strategic merge patch,
//           like a custom resource
//
// A new resource is a zod schema (decoding, the TypeScript type, OpenAPI)
// plus a Strategy (defaults, validation); the generic registry does the rest.
// The integration tests serve this group; the package README shows it as
// the example of building a server.

import {
  type FieldError,
  type KubeObject,
  MetaLabelSelectorSchema,
  ObjectMetaSchema,
  TimeSchema,
  TypeMetaSchema,
  duplicate,
  forbidden,
  invalid,
  knownStrings,
  labelSelectorFromMeta,
  notSupported,
  optionalField,
} from "@tskube/apimachinery";
import { type KvDriver, Store, type WatchCacheConfig, createStorage } from "@tskube/storage";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { createRegistryStore } from "../registry/create-registry-store.js";
import { ALL_VERBS, type ResourceDefinition } from "../registry/resource.js";
import type { ResourceStorage } from "../registry/rest-storage.js";
import type { APIGroupInfo } from "../server/api-group.js";

export const EXAMPLE_GROUP = "example.tskube.dev";
export const EXAMPLE_VERSION = "v1";
export const EXAMPLE_API_VERSION = `${EXAMPLE_GROUP}/${EXAMPLE_VERSION}`;

// ---- Widget -------------------------------------------------------------------

const PartSchema = z
  .object({
    name: z.string().describe("Name of the part, unique within the widget."),
    material: optionalField(z.string().describe("What the part is made of.")),
    count: optionalField(z.int32().describe("How many of the part the widget has.")),
  })
  .describe("One part of a widget.");

const ConditionSchema = z
  .object({
    type: z.string().describe("What the condition is about, e.g. Ready."),
    status: knownStrings(["True", "False", "Unknown"], "Whether the condition holds."),
    reason: optionalField(z.string().describe("Why, in one CamelCase word.")),
    message: optionalField(z.string().describe("Why, for people.")),
    lastTransitionTime: optionalField(TimeSchema.describe("When the status last changed.")),
  })
  .describe("One aspect of the widget's state.");

export const WidgetSpecSchema = z.object({
  replicas: optionalField(z.int32().describe("Desired number of copies. Defaults to 1.")),
  selector: optionalField(MetaLabelSelectorSchema.describe("Selects the widget's copies by label. Cannot be changed.")),
  parts: optionalField(
    z
      .array(PartSchema)
      // Strategic merge patch merges this list by `name` instead of replacing it.
      .meta({
        "x-kubernetes-patch-merge-key": "name",
        "x-kubernetes-patch-strategy": "merge",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["name"],
      })
      .describe("The widget's parts."),
  ),
});

export const WidgetStatusSchema = z.object({
  replicas: optionalField(z.int32().describe("Copies that exist.")),
  conditions: optionalField(
    z
      .array(ConditionSchema)
      .meta({
        "x-kubernetes-patch-merge-key": "type",
        "x-kubernetes-patch-strategy": "merge",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["type"],
      })
      .describe("The widget's conditions, one per type."),
  ),
});

export const WidgetSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}),
  spec: optionalField(WidgetSpecSchema.describe("What the widget should be.")),
  status: optionalField(WidgetStatusSchema.describe("What the widget is, as its controller last saw it.")),
});

export type Widget = z.infer<typeof WidgetSchema>;
type WidgetSpec = z.infer<typeof WidgetSpecSchema>;

function validateWidgetSpec(spec: WidgetSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (spec?.replicas !== undefined && spec.replicas < 0) {
    errs.push(invalid("spec.replicas", spec.replicas, "must be greater than or equal to 0"));
  }
  const seen = new Set<string>();
  spec?.parts?.forEach((part, i) => {
    if (seen.has(part.name)) errs.push(duplicate(`spec.parts[${i}].name`, part.name));
    seen.add(part.name);
  });
  return errs;
}

export const widgetDefinition: ResourceDefinition<Widget> = {
  group: EXAMPLE_GROUP,
  version: EXAMPLE_VERSION,
  kind: "Widget",
  resource: "widgets",
  singular: "widget",
  shortNames: ["wd"],
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: WidgetSchema,
  description: "A thing made of parts, run as some number of copies.",
  strategy: {
    applyDefaults(widget) {
      widget.spec ??= {};
      widget.spec.replicas ??= 1;
    },
    validate: (widget) => validateWidgetSpec(widget.spec),
    validateUpdate(widget, old) {
      const errs = validateWidgetSpec(widget.spec);
      if (!isDeepStrictEqual(widget.spec?.selector, old.spec?.selector)) {
        errs.push(forbidden("spec.selector", "field is immutable"));
      }
      return errs;
    },
  },
  tableColumns: [
    { name: "Replicas", type: "integer", description: "Desired copies.", cell: (w) => w.spec?.replicas ?? 0 },
    { name: "Current", type: "integer", description: "Copies that exist.", cell: (w) => w.status?.replicas ?? 0 },
    {
      name: "Parts",
      type: "string",
      priority: 1, // only with -o wide
      description: "Names of the parts.",
      cell: (w) => (w.spec?.parts ?? []).map((p) => p.name).join(","),
    },
  ],
  subresources: {
    status: true,
    scale: {
      specReplicas: (w) => w.spec?.replicas ?? 0,
      statusReplicas: (w) => w.status?.replicas ?? 0,
      selector: (w) => labelSelectorFromMeta(w.spec?.selector).toString(),
      withSpecReplicas: (w, replicas) => ({ ...w, spec: { ...w.spec, replicas } }),
    },
  },
};

// ---- Gadget -------------------------------------------------------------------

const GADGET_COLORS = ["red", "green", "blue"] as const;

export const GadgetSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}),
  spec: optionalField(
    z
      .object({
        color: optionalField(knownStrings(GADGET_COLORS, "The gadget's color.")),
        size: optionalField(z.int32().describe("Size in centimetres.")),
      })
      .describe("What the gadget should be."),
  ),
});

export type Gadget = z.infer<typeof GadgetSchema>;

export const gadgetDefinition: ResourceDefinition<Gadget> = {
  group: EXAMPLE_GROUP,
  version: EXAMPLE_VERSION,
  kind: "Gadget",
  resource: "gadgets",
  singular: "gadget",
  shortNames: ["gd"],
  namespaced: false,
  verbs: ALL_VERBS,
  schema: GadgetSchema,
  description: "A small cluster-wide thing with a color.",
  strategy: {
    validate: validateGadget,
    validateUpdate: validateGadget,
  },
  // `kubectl get gadgets --field-selector spec.color=red`
  selectableFields: { "spec.color": (g) => g.spec?.color ?? "" },
  // Like a custom resource: JSON patch and merge patch only.
  strategicMergePatch: false,
  tableColumns: [{ name: "Color", type: "string", description: "The gadget's color.", cell: (g) => g.spec?.color ?? "" }],
};

function validateGadget(gadget: Gadget): FieldError[] {
  const color = gadget.spec?.color;
  if (color === undefined || (GADGET_COLORS as readonly string[]).includes(color)) return [];
  return [notSupported("spec.color", color, [...GADGET_COLORS])];
}

// ---- the group ------------------------------------------------------------------

export interface ExampleGroup {
  /** What `server.installAPIGroup` takes. */
  info: APIGroupInfo;
  /** Stops the watch caches (the kv driver belongs to the caller). */
  destroy(): void;
}

/**
 * The group's storage over a kv driver: one watch cache per resource in front
 * of the object store, keys under `/registry/example.tskube.dev/<resource>/`.
 */
export function exampleGroup(kv: KvDriver, watchCache: WatchCacheConfig = { enabled: true }): ExampleGroup {
  const caches: { destroy(): void }[] = [];
  function storageFor<T extends KubeObject>(def: ResourceDefinition<T>): ResourceStorage<T> {
    const resourcePrefix = `/${def.group}/${def.resource}`;
    const cached = createStorage({ store: new Store<T>({ kv }), resourcePrefix, watchCache });
    caches.push(cached);
    return createRegistryStore(def, { storage: cached.storage, resourcePrefix });
  }
  return {
    info: {
      name: EXAMPLE_GROUP,
      versions: [{ version: EXAMPLE_VERSION, resources: [storageFor(widgetDefinition), storageFor(gadgetDefinition)] }],
    },
    destroy: () => caches.forEach((cache) => cache.destroy()),
  };
}
