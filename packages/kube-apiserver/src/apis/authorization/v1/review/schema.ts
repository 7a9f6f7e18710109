// The parts the authorization.k8s.io/v1 access reviews share: what is asked
// about (ResourceAttributes or NonResourceAttributes), the answer
// (SubjectAccessReviewStatus), and the rules of SelfSubjectRulesReview.
// Every field of upstream's v1.32 types; descriptions in our own words.

import { LabelSelectorRequirementSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";

export const AUTHORIZATION_GROUP = "authorization.k8s.io";

const ATOMIC = { "x-kubernetes-list-type": "atomic" };
const opt = optionalField;
const str = (description: string) => opt(z.string().describe(description));

export const FieldSelectorRequirementSchema = z
  .object({
    key: stringOrEmpty("The field the requirement applies to."),
    operator: stringOrEmpty("How the field relates to the values: In, NotIn, Exists or DoesNotExist."),
    values: opt(z.array(z.string()).meta(ATOMIC).describe("Values for In and NotIn; empty for Exists and DoesNotExist.")),
  })
  .meta({ id: "io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement" })
  .describe("One requirement of a field selector.");

export const FieldSelectorAttributesSchema = z
  .object({
    rawSelector: str("The field selector as a query string would carry it (`metadata.name=x`)."),
    requirements: opt(z.array(FieldSelectorRequirementSchema).meta(ATOMIC).describe("The selector parsed into requirements.")),
  })
  .meta({ id: "io.k8s.api.authorization.v1.FieldSelectorAttributes" })
  .describe("The field selector of a list or watch being asked about; set one of the two forms.");

export const LabelSelectorAttributesSchema = z
  .object({
    rawSelector: str("The label selector as a query string would carry it (`app=web`)."),
    requirements: opt(z.array(LabelSelectorRequirementSchema).meta(ATOMIC).describe("The selector parsed into requirements.")),
  })
  .meta({ id: "io.k8s.api.authorization.v1.LabelSelectorAttributes" })
  .describe("The label selector of a list or watch being asked about; set one of the two forms.");

export const ResourceAttributesSchema = z
  .object({
    namespace: str('The namespace of the request; "" for cluster-scoped resources, or for every namespace.'),
    verb: str("The verb: get, list, watch, create, update, patch, delete, deletecollection, or another (impersonate, bind, escalate, ...); `*` for all."),
    group: str('The API group; "" is the core group, `*` all groups.'),
    version: str("The API version; `*` (or empty) for all."),
    resource: str("The resource; `*` for all."),
    subresource: str('The subresource (`log`, `status`, ...); "" for none.'),
    name: str('The name of the object; "" for every object (lists, creates).'),
    fieldSelector: opt(FieldSelectorAttributesSchema.describe("The field selector of a list or watch, for authorizers that decide by it.")),
    labelSelector: opt(LabelSelectorAttributesSchema.describe("The label selector of a list or watch, for authorizers that decide by it.")),
  })
  .meta({ id: "io.k8s.api.authorization.v1.ResourceAttributes" })
  .describe("A request for a resource, as the authorizer sees it.");

export type ResourceAttributes = z.infer<typeof ResourceAttributesSchema>;

export const NonResourceAttributesSchema = z
  .object({
    path: str("The URL path (`/healthz`)."),
    verb: str("The HTTP verb, lower case (`get`)."),
  })
  .meta({ id: "io.k8s.api.authorization.v1.NonResourceAttributes" })
  .describe("A request for a path that is not a resource, as the authorizer sees it.");

export type NonResourceAttributes = z.infer<typeof NonResourceAttributesSchema>;

export const SubjectAccessReviewStatusSchema = z
  .object({
    allowed: z.preprocess((v) => (v === null ? undefined : v), z.boolean().default(false)).describe("Whether the request would be allowed."),
    denied: opt(z.boolean().describe("Whether an authorizer refused it outright; with both false, no authorizer had an opinion.")),
    reason: str("Why, as the authorizer that decided put it."),
    evaluationError: str("What went wrong while deciding; the answer may still be right (RBAC found a binding to a missing role, ...)."),
  })
  .meta({ id: "io.k8s.api.authorization.v1.SubjectAccessReviewStatus" })
  .describe("The answer to an access review.");

export type SubjectAccessReviewStatus = z.infer<typeof SubjectAccessReviewStatusSchema>;

export const ResourceRuleSchema = z
  .object({
    verbs: z.preprocess((v) => (v === null ? undefined : v), z.array(z.string()).default([])).meta(ATOMIC).describe("The verbs allowed; `*` for all."),
    apiGroups: opt(z.array(z.string()).meta(ATOMIC).describe("The API groups; `*` for all.")),
    resources: opt(z.array(z.string()).meta(ATOMIC).describe("The resources (`pods`, `pods/log`, `*/scale`); `*` for all.")),
    resourceNames: opt(z.array(z.string()).meta(ATOMIC).describe("Only these objects; every object when empty.")),
  })
  .meta({ id: "io.k8s.api.authorization.v1.ResourceRule" })
  .describe("What the user may do to resources.");

export const NonResourceRuleSchema = z
  .object({
    verbs: z.preprocess((v) => (v === null ? undefined : v), z.array(z.string()).default([])).meta(ATOMIC).describe("The verbs allowed; `*` for all."),
    nonResourceURLs: opt(z.array(z.string()).meta(ATOMIC).describe("The paths; a trailing `*` matches every path with that prefix.")),
  })
  .meta({ id: "io.k8s.api.authorization.v1.NonResourceRule" })
  .describe("What the user may do to paths that are not resources.");
