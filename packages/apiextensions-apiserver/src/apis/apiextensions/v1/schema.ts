// apiextensions.k8s.io/v1 CustomResourceDefinition: a new resource kind the
// server serves from then on. Every field of upstream's v1.32 type;
// descriptions in our own words. The schema of each version
// (JSONSchemaProps) is in json-schema-props.ts.

import {
  ObjectMetaSchema,
  TimeSchema,
  TypeMetaSchema,
  base64Bytes,
  optionalField,
  stringOrEmpty,
} from "@tskube/apimachinery";
import { z } from "zod";
import { JSONSchemaPropsSchema } from "./json-schema-props.js";

const PKG = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1";

function obj<T extends z.ZodRawShape>(name: string, shape: T, description: string) {
  return z.object(shape).meta({ id: `${PKG}.${name}`, description });
}

/** A named schema as list items: a plain reference to its definition (no description of its own). */
const items = <T extends z.ZodType>(named: T): z.ZodArray<T> => z.array(named.meta({}) as T);

const str = (description: string) => optionalField(z.string().describe(description));
const strings = (description: string) => optionalField(z.array(z.string()).describe(description));
/** A boolean upstream always writes (no omitempty): absent decodes as false. */
const boolOrFalse = (description: string) => z.preprocess((v) => (v === null ? undefined : v), z.boolean().default(false).describe(description));

export const SCOPES = ["Cluster", "Namespaced"] as const;
export const CONVERSION_STRATEGIES = ["None", "Webhook"] as const;
export const CONDITION_TYPES = ["Established", "NamesAccepted", "NonStructuralSchema", "Terminating", "KubernetesAPIApprovalPolicyConformant"] as const;

export const CustomResourceDefinitionNamesSchema = obj(
  "CustomResourceDefinitionNames",
  {
    plural: stringOrEmpty("The resource's name in URLs, lowercase and plural: /apis/<group>/<version>/.../<plural>. The CRD's name is <plural>.<group>."),
    singular: str("The singular lowercase name, an alias in kubectl. Default: the kind in lowercase."),
    shortNames: strings("Short lowercase aliases for kubectl (`kubectl get <shortname>`)."),
    kind: stringOrEmpty("The kind of the objects, in CamelCase; what their `kind` field says."),
    listKind: str("The kind of a list of the objects. Default: <kind>List."),
    categories: strings("Groups of resources this one belongs to, e.g. `all` (`kubectl get all`)."),
  },
  "The names a custom resource is known by.",
);

export const CustomResourceColumnDefinitionSchema = obj(
  "CustomResourceColumnDefinition",
  {
    name: stringOrEmpty("The column's heading."),
    type: stringOrEmpty("The type of its cells: integer, number, string, boolean or date (shown as an age)."),
    format: str("An optional OpenAPI format of the cells (int32, int64, float, double, byte, date, date-time, password); `name` marks the column holding the object's name."),
    description: str("What the column shows, for people."),
    priority: optionalField(z.int32().describe("How important the column is: 0 is always shown, higher numbers only with `-o wide`.")),
    jsonPath: stringOrEmpty("A simple JSONPath, evaluated on each object, giving the cell (e.g. `.spec.replicas`)."),
  },
  "One column of the table `kubectl get` prints.",
);

export const SelectableFieldSchema = obj(
  "SelectableField",
  {
    jsonPath: stringOrEmpty(
      "A simple JSONPath to a string, integer or boolean field (outside metadata) that field selectors may use, e.g. `.spec.color`; the field selector then names it without the leading dot.",
    ),
  },
  "A field that field selectors can match on.",
);

export const CustomResourceSubresourceScaleSchema = obj(
  "CustomResourceSubresourceScale",
  {
    specReplicasPath: stringOrEmpty("The JSONPath under .spec of the desired replica count (Scale spec.replicas), e.g. `.spec.replicas`."),
    statusReplicasPath: stringOrEmpty("The JSONPath under .status of the observed replica count (Scale status.replicas)."),
    labelSelectorPath: str(
      "The JSONPath under .spec or .status of the label selector, serialized as a string, that selects the scaled pods (Scale status.selector); needed for horizontal pod autoscaling.",
    ),
  },
  "Where the scale subresource finds the replica counts and the selector.",
);

export const CustomResourceSubresourcesSchema = obj(
  "CustomResourceSubresources",
  {
    status: optionalField(
      obj("CustomResourceSubresourceStatus", {}, "Turns on the status subresource; has no fields.").describe(
        "Serve /status: writes to the main resource then keep the stored status, writes to /status change only status, and generation moves only on changes outside metadata and status.",
      ),
    ),
    scale: optionalField(CustomResourceSubresourceScaleSchema.describe("Serve /scale, an autoscaling/v1 Scale over the given fields.")),
  },
  "The subresources the custom resources have.",
);

export const CustomResourceValidationSchema = obj(
  "CustomResourceValidation",
  { openAPIV3Schema: optionalField(JSONSchemaPropsSchema.describe("The OpenAPI v3 schema of the objects; required in apiextensions.k8s.io/v1.")) },
  "How the objects of a version are validated and pruned.",
);

export const CustomResourceDefinitionVersionSchema = obj(
  "CustomResourceDefinitionVersion",
  {
    name: stringOrEmpty("The version's name (v1, v2beta1, ...): the objects are served under /apis/<group>/<name>/ when served."),
    served: boolOrFalse("Whether the version is served by the REST API."),
    storage: boolOrFalse("Whether objects are stored in this version; exactly one version is the storage version."),
    deprecated: optionalField(z.boolean().describe("Requests to this version get a deprecation warning.")),
    deprecationWarning: str("Replaces the default deprecation warning; only for deprecated versions."),
    schema: optionalField(CustomResourceValidationSchema.describe("The schema of this version's objects.")),
    subresources: optionalField(CustomResourceSubresourcesSchema.describe("The subresources of this version.")),
    additionalPrinterColumns: optionalField(
      items(CustomResourceColumnDefinitionSchema).describe("Columns of `kubectl get` after the name; without any, an Age column is shown."),
    ),
    selectableFields: optionalField(
      items(SelectableFieldSchema).meta({ "x-kubernetes-list-type": "atomic" }).describe("Up to 8 fields usable in field selectors, besides metadata.name and metadata.namespace."),
    ),
  },
  "One version of a custom resource.",
);

export const ServiceReferenceSchema = obj(
  "ServiceReference",
  {
    namespace: stringOrEmpty("The service's namespace."),
    name: stringOrEmpty("The service's name."),
    path: str("The URL path the request is sent to."),
    port: optionalField(z.int32().describe("The service port to call (1-65535). Default 443.")),
  },
  "A Service the API server calls over HTTPS.",
);

export const WebhookClientConfigSchema = obj(
  "WebhookClientConfig",
  {
    url: str(
      "Where to send the request, as https://host[:port]/path (no user info, fragment or query). Use service instead for webhooks running in the cluster.",
    ),
    service: optionalField(ServiceReferenceSchema.describe("The Service to call; exactly one of url and service is set.")),
    caBundle: optionalField(base64Bytes("PEM certificates that the webhook's serving certificate must be signed by. Default: the system's roots.")),
  },
  "How to connect to a webhook.",
);

export const WebhookConversionSchema = obj(
  "WebhookConversion",
  {
    clientConfig: optionalField(WebhookClientConfigSchema.describe("How to reach the webhook; required with strategy Webhook.")),
    conversionReviewVersions: optionalField(
      z
        .array(z.string())
        .describe("ConversionReview versions the webhook understands, preferred first; the server uses the first it knows (v1, v1beta1)."),
    ),
  },
  "How to call a conversion webhook.",
);

export const CustomResourceConversionSchema = obj(
  "CustomResourceConversion",
  {
    strategy: stringOrEmpty(
      "How objects are converted between versions: None (only apiVersion changes) or Webhook (a webhook converts them; set webhook).",
    ),
    webhook: optionalField(WebhookConversionSchema.describe("The conversion webhook; only with strategy Webhook.")),
  },
  "How objects are converted between the versions of a custom resource.",
);

export const CustomResourceDefinitionSpecSchema = obj(
  "CustomResourceDefinitionSpec",
  {
    group: stringOrEmpty("The API group of the resource (/apis/<group>/...); a DNS name with at least one dot, part of the CRD's name."),
    names: z.preprocess((v) => v ?? {}, CustomResourceDefinitionNamesSchema).describe("The names the resource and its kind are known by."),
    scope: stringOrEmpty("Whether the objects live in namespaces: Cluster or Namespaced."),
    versions: optionalField(
      items(CustomResourceDefinitionVersionSchema).describe("The versions served, most preferred first (kubectl uses the first it finds); exactly one is the storage version."),
    ),
    conversion: optionalField(CustomResourceConversionSchema.describe("How objects are converted between versions.")),
    preserveUnknownFields: optionalField(
      z.boolean().describe("Deprecated: keep fields no schema names. Must be false in v1; use x-kubernetes-preserve-unknown-fields in the schemas instead."),
    ),
  },
  "The resource a CustomResourceDefinition defines.",
);

export const CustomResourceDefinitionConditionSchema = obj(
  "CustomResourceDefinitionCondition",
  {
    type: stringOrEmpty(`What the condition is about. Known values: ${CONDITION_TYPES.join(", ")}.`),
    status: stringOrEmpty("Whether it holds: True, False or Unknown."),
    lastTransitionTime: optionalField(TimeSchema.describe("When status last changed.")),
    reason: str("Why it last changed, as one CamelCase word for programs."),
    message: str("Why it last changed, in words for people."),
  },
  "One aspect of the state of a CRD.",
);

export const CustomResourceDefinitionStatusSchema = obj(
  "CustomResourceDefinitionStatus",
  {
    conditions: optionalField(
      items(CustomResourceDefinitionConditionSchema)
        .meta({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"] })
        .describe("The CRD's state: names accepted, established (served), terminating, ..."),
    ),
    acceptedNames: optionalField(
      CustomResourceDefinitionNamesSchema.describe("The names actually served; they can differ from spec.names while these conflict with another CRD's."),
    ),
    storedVersions: strings(
      "Every version objects have ever been stored in. A version leaves this list only after a storage migration, and must stay in spec.versions while listed.",
    ),
  },
  "What the server has made of a CRD.",
);

export const CustomResourceDefinitionSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata; the name must be <spec.names.plural>.<spec.group>."),
  spec: z.preprocess((v) => v ?? {}, CustomResourceDefinitionSpecSchema).describe("The resource to define."),
  status: optionalField(CustomResourceDefinitionStatusSchema.describe("The state of the definition, written by the server.")),
});

export type CustomResourceDefinition = z.infer<typeof CustomResourceDefinitionSchema>;
export type CustomResourceDefinitionSpec = CustomResourceDefinition["spec"];
export type CustomResourceDefinitionVersion = NonNullable<CustomResourceDefinitionSpec["versions"]>[number];
export type CustomResourceDefinitionNames = CustomResourceDefinitionSpec["names"];
export type CustomResourceDefinitionStatus = NonNullable<CustomResourceDefinition["status"]>;
export type CustomResourceDefinitionCondition = NonNullable<CustomResourceDefinitionStatus["conditions"]>[number];
export type CustomResourceColumnDefinition = NonNullable<CustomResourceDefinitionVersion["additionalPrinterColumns"]>[number];
export type CustomResourceSubresources = NonNullable<CustomResourceDefinitionVersion["subresources"]>;
export type CustomResourceSubresourceScale = NonNullable<CustomResourceSubresources["scale"]>;
export type SelectableField = NonNullable<CustomResourceDefinitionVersion["selectableFields"]>[number];
export type CustomResourceConversion = NonNullable<CustomResourceDefinitionSpec["conversion"]>;
export type WebhookClientConfig = NonNullable<NonNullable<CustomResourceConversion["webhook"]>["clientConfig"]>;
export type ServiceReference = NonNullable<WebhookClientConfig["service"]>;
