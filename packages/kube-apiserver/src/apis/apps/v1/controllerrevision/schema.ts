// apps/v1 ControllerRevision: an immutable snapshot of state that the
// StatefulSet and DaemonSet controllers record for each template revision,
// so they can roll back. Every field of upstream's v1.32 type; descriptions
// in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";

/** A runtime.RawExtension: any JSON value, kept as given (usually an object, a patch of the owner's spec). */
export const RawExtensionSchema = z
  .unknown()
  .meta({ id: "io.k8s.apimachinery.pkg.runtime.RawExtension" })
  .describe("Any JSON value, stored and returned as given.");

export const ControllerRevisionSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  data: optionalField(RawExtensionSchema.describe("The recorded state, in whatever form its controller chose. Required; cannot change.")),
  // Always written by upstream (no omitempty): the strategy's defaults fill in 0.
  revision: optionalField(z.int().describe("The revision number of the recorded state.")),
}).describe("An immutable snapshot of state recorded by a controller, for updates and rollbacks.");

export type ControllerRevision = z.infer<typeof ControllerRevisionSchema>;
