// wardle.example.com/v1alpha1 Fischer: the cluster-scoped kind of upstream's
// sample API server; it lists the flunder names the BanFlunder admission
// plugin refuses. Every field of upstream's v1alpha1 type.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";

export const FischerSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata."),
  disallowedFlunders: optionalField(z.array(z.string()).describe("Names no flunder may be created with.")),
}).describe("A fischer: an example cluster-scoped kind served by an aggregated API server.");

export type Fischer = z.infer<typeof FischerSchema>;
