// apiregistration.k8s.io/v1 APIService: which server serves one API
// group/version. Every field of upstream's v1 type; descriptions in our own words.

import {
  ObjectMetaSchema,
  TimeSchema,
  TypeMetaSchema,
  base64Bytes,
  optionalField,
  stringOrEmpty,
} from "@tskube/apimachinery";
import { z } from "zod";

/** The condition the availability controller keeps: can requests for this group/version be served? */
export const CONDITION_AVAILABLE = "Available";
export const CONDITION_STATUSES = ["True", "False", "Unknown"] as const;

export const ServiceReferenceSchema = z
  .object({
    namespace: optionalField(z.string().describe("Namespace of the Service.")),
    name: optionalField(z.string().describe("Name of the Service.")),
    port: optionalField(
      z
        .number()
        .int()
        .describe("The Service port the API server listens on (HTTPS). Defaults to 443; must be 1 to 65535."),
    ),
  })
  .meta({ id: "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.ServiceReference" })
  .describe("Where to find the API server: a Service in the cluster.");

export const APIServiceSpecSchema = z
  .object({
    service: optionalField(
      ServiceReferenceSchema.describe(
        "The Service in front of the API server for this group/version. Without one, the group/version is served " +
          "locally, by this server's own handler chain.",
      ),
    ),
    group: optionalField(z.string().describe("The API group served, e.g. wardle.example.com.")),
    version: optionalField(z.string().describe("The API version served, e.g. v1alpha1.")),
    insecureSkipTLSVerify: optionalField(
      z.boolean().describe("Talk to the server without checking its serving certificate. Discouraged: set caBundle instead."),
    ),
    caBundle: optionalField(
      base64Bytes(
        "PEM-encoded CA certificates that the server's serving certificate must chain to. Without it, the system's " +
          "trusted roots are used.",
      ).meta({ "x-kubernetes-list-type": "atomic" }),
    ),
    groupPriorityMinimum: z
      .number()
      .int()
      .default(0)
      .describe(
        "The least priority this group should have; the group's priority is the highest of its versions'. Clients " +
          "prefer groups of higher priority (20 before 10), then by name. Built-in groups use around 18000; " +
          "extensions are suggested around 2000.",
      ),
    versionPriority: z
      .number()
      .int()
      .default(0)
      .describe(
        "The order of this version within its group: higher first, then by Kubernetes version ordering (v2 before " +
          "v1beta1). Must be greater than zero.",
      ),
  })
  .meta({ id: "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceSpec" })
  .describe("How to reach the server for a group/version. Only HTTPS is used.");

export const APIServiceConditionSchema = z
  .object({
    type: stringOrEmpty("Which aspect this condition reports on: Available."),
    status: stringOrEmpty("Whether the condition holds: True, False or Unknown."),
    lastTransitionTime: optionalField(TimeSchema.describe("When status last changed from one value to another.")),
    reason: optionalField(z.string().describe("Why the condition last changed, as one CamelCase word for programs.")),
    message: optionalField(z.string().describe("Why the condition last changed, in words for people.")),
  })
  .meta({ id: "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceCondition" })
  .describe("One observation about the APIService.");

export const APIServiceStatusSchema = z
  .object({
    conditions: optionalField(
      z
        .array(APIServiceConditionSchema)
        .meta({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        })
        .describe("The latest observations of the APIService, one per type."),
    ),
  })
  .meta({ id: "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceStatus" })
  .describe("What the aggregator observed about the APIService.");

export const APIServiceSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata. The name is <version>.<group>."),
  spec: optionalField(APIServiceSpecSchema),
  status: optionalField(APIServiceStatusSchema),
}).describe("Which server serves an API group/version: this one (local), or one behind a Service, to which requests are proxied.");

export type APIService = z.infer<typeof APIServiceSchema>;
export type APIServiceSpec = z.infer<typeof APIServiceSpecSchema>;
export type APIServiceCondition = z.infer<typeof APIServiceConditionSchema>;
