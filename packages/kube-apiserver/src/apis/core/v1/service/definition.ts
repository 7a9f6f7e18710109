// The services resource of core/v1, as the generic registry serves it. The
// server wraps its registry store so that writes take cluster IPs and node
// ports from the cluster's ranges (allocation/service-storage.ts).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Service, ServiceSchema } from "./schema.js";
import { serviceStrategy } from "./strategy.js";
import { serviceColumns } from "./table.js";

export const serviceDefinition: ResourceDefinition<Service> = {
  group: "",
  version: "v1",
  kind: "Service",
  resource: "services",
  singular: "service",
  shortNames: ["svc"],
  categories: ["all"],
  namespaced: true,
  // As upstream: no deletecollection for services.
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  schema: ServiceSchema,
  strategy: serviceStrategy,
  tableColumns: serviceColumns,
  subresources: { status: true },
  selectableFields: {
    "spec.clusterIP": (s) => s.spec?.clusterIP ?? "",
    "spec.type": (s) => s.spec?.type ?? "",
  },
  description: "A stable name and virtual IP in front of a set of pods, or a DNS alias.",
};
