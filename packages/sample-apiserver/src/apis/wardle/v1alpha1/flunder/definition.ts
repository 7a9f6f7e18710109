// The flunders resource of wardle.example.com/v1alpha1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Flunder, FlunderSchema } from "./schema.js";
import { flunderStrategy } from "./strategy.js";

export const flunderDefinition: ResourceDefinition<Flunder> = {
  group: "wardle.example.com",
  version: "v1alpha1",
  kind: "Flunder",
  resource: "flunders",
  singular: "flunder",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: FlunderSchema,
  strategy: flunderStrategy,
  description: "A flunder: an example namespaced kind served by an aggregated API server.",
};
