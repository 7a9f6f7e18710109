// The fischers resource of wardle.example.com/v1alpha1 (cluster-scoped), as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Fischer, FischerSchema } from "./schema.js";

export const fischerDefinition: ResourceDefinition<Fischer> = {
  group: "wardle.example.com",
  version: "v1alpha1",
  kind: "Fischer",
  resource: "fischers",
  singular: "fischer",
  namespaced: false,
  verbs: ALL_VERBS,
  schema: FischerSchema,
  strategy: {
    // Upstream's sample strategy keeps no generation.
    canonicalize(fischer) {
      delete fischer.metadata.generation;
    },
  },
  description: "A fischer: an example cluster-scoped kind served by an aggregated API server.",
};
