// The services resource of core/v1, as the generic registry serves it.
//
// Not here yet: allocation of cluster IPs from --service-cluster-ip-range
// and of node ports (the kube-apiserver config has no range to allocate
// from yet). Until then a service keeps the clusterIP it was created with
// (an IP, None for headless, or none at all) and the node ports it asked for.

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
