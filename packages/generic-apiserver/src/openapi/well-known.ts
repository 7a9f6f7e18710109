// Definitions every document shares: the meta/v1 types (by upstream's names),
// the autoscaling/v1 Scale that scale subresources read and write (the scale
// endpoint decodes with the schema defined here), and the opaque Patch body.

import {
  DeleteOptionsSchema,
  LabelSelectorRequirementSchema,
  ListMetaSchema,
  ManagedFieldsEntrySchema,
  MetaLabelSelectorSchema,
  MicroTimeSchema,
  ObjectMetaSchema,
  OwnerReferenceSchema,
  PreconditionsSchema,
  StatusCauseSchema,
  StatusDetailsSchema,
  StatusSchema,
  TimeSchema,
  TypeMetaSchema,
  WatchEventSchema,
  optionalField,
} from "@tskube/apimachinery";
import { z } from "zod";
import { DefinitionNames, META_V1 } from "./definition-names.js";
import type { SchemaObject } from "./types.js";

export const ScaleSpecSchema = z.object({
  replicas: optionalField(z.int32().describe("Desired number of instances.")),
});

export const ScaleStatusSchema = z.object({
  // Decoded as Go does: an absent count is 0.
  replicas: z.int32().default(0).describe("Number of instances observed by the controller."),
  selector: optionalField(
    z.string().describe("Label selector of the instances, in the string form `kubectl get -l` takes."),
  ),
});

/** autoscaling/v1 Scale: what GET and PUT of a `/scale` subresource exchange. */
export const ScaleSchema = TypeMetaSchema.extend({
  metadata: optionalField(ObjectMetaSchema),
  spec: optionalField(ScaleSpecSchema.describe("The desired number of instances.")),
  status: optionalField(ScaleStatusSchema.describe("The observed number of instances; read-only.")),
});

export const SCALE_DEFINITION = "io.k8s.api.autoscaling.v1.Scale";
export const STATUS_DEFINITION = `${META_V1}.Status`;
export const PATCH_DEFINITION = `${META_V1}.Patch`;

/** The body of a PATCH: its shape depends on the Content-Type, so the schema says nothing about it. */
export const PATCH_SCHEMA: SchemaObject = {
  description:
    "A patch document. Its format is given by the request's Content-Type: JSON patch, JSON merge patch, strategic merge patch or an apply configuration.",
  type: "object",
};

/** The names every document starts from. */
export function wellKnownNames(): DefinitionNames {
  const names = new DefinitionNames();
  const meta = (schema: z.core.$ZodType, name: string, description: string) =>
    names.register(schema, { name: `${META_V1}.${name}`, description });

  meta(ObjectMetaSchema, "ObjectMeta", "Metadata every persisted object has: its name and namespace, labels and annotations, and what the server records (uid, resourceVersion, timestamps, owners, field managers).");
  meta(ListMetaSchema, "ListMeta", "Metadata of a list: the resourceVersion it was read at and the token for the next page.");
  meta(OwnerReferenceSchema, "OwnerReference", "Names an object this one depends on, so the garbage collector can find dependents.");
  meta(ManagedFieldsEntrySchema, "ManagedFieldsEntry", "The fields one field manager owns, for server-side apply.");
  meta(TimeSchema, "Time", "A timestamp in RFC 3339 form, with second precision.");
  meta(MicroTimeSchema, "MicroTime", "A timestamp in RFC 3339 form, with microsecond precision.");
  names.register(StatusSchema, {
    name: STATUS_DEFINITION,
    description: "The result of a call that returns no object, most often the reason a call failed.",
    gvk: [{ group: "", version: "v1", kind: "Status" }],
  });
  meta(StatusDetailsSchema, "StatusDetails", "Extra data about a Status, depending on its reason.");
  meta(StatusCauseSchema, "StatusCause", "One cause of a failure, e.g. one invalid field.");
  meta(DeleteOptionsSchema, "DeleteOptions", "Options of a delete: grace period, preconditions, how dependents are handled.");
  meta(PreconditionsSchema, "Preconditions", "Conditions an object must meet for a delete to go ahead.");
  meta(MetaLabelSelectorSchema, "LabelSelector", "Selects objects by their labels; an empty selector matches every object, an absent one none.");
  meta(LabelSelectorRequirementSchema, "LabelSelectorRequirement", "One requirement on a label: a key, an operator and values.");
  meta(WatchEventSchema, "WatchEvent", "One event of a watch stream.");

  names.register(ScaleSchema, {
    name: SCALE_DEFINITION,
    description: "The desired and observed size of a scalable resource.",
    gvk: [{ group: "autoscaling", version: "v1", kind: "Scale" }],
  });
  names.register(ScaleSpecSchema, { name: "io.k8s.api.autoscaling.v1.ScaleSpec", description: "The desired size." });
  names.register(ScaleStatusSchema, { name: "io.k8s.api.autoscaling.v1.ScaleStatus", description: "The observed size." });
  return names;
}
