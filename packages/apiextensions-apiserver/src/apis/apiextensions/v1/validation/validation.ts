// Validation of a CustomResourceDefinition (upstream:
// apis/apiextensions/validation/validation.go), in upstream's order and
// words. The schema rules themselves are the schema engine's
// (validateCustomResourceSchema); this file checks everything around them.
// Which path a version's schema, subresources, columns and selectable fields
// are reported at is explained in placement.ts.

import {
  type FieldError,
  FieldPath,
  duplicate,
  forbidden,
  invalid,
  isDNS1035Label,
  isDNS1123Subdomain,
  notSupported,
  required,
  tooMany,
  validateImmutableField,
} from "@tskube/apimachinery";
import { validateCustomResourceSchema } from "../../../../schema/crd-schema-validation.js";
import { walkFieldPath } from "../../../../schema/field-path.js";
import { toStructural } from "../../../../schema/structural.js";
import type { JSONSchemaProps } from "../../../../schema/types.js";
import {
  API_APPROVED_ANNOTATION,
  ESTABLISHED,
  apiApprovalState,
  isConditionTrue,
  isProtectedCommunityGroup,
} from "../helpers.js";
import type {
  CustomResourceColumnDefinition,
  CustomResourceConversion,
  CustomResourceDefinition,
  CustomResourceDefinitionNames,
  CustomResourceDefinitionSpec,
  CustomResourceDefinitionStatus,
  CustomResourceDefinitionVersion,
  CustomResourceSubresources,
  SelectableField,
} from "../schema.js";
import { type Placement, placementOf, subresourcesFor } from "./placement.js";
import { isValidCABundle, validateCABundle, validateWebhookService, validateWebhookURL } from "./webhook.js";

const PRINTER_COLUMN_TYPES = ["boolean", "date", "integer", "number", "string"];
const PRINTER_COLUMN_FORMATS = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"];
const ACCEPTED_CONVERSION_REVIEW_VERSIONS = ["v1", "v1beta1"];
export const MAX_SELECTABLE_FIELDS = 8;

/** What an update may still tolerate, from the stored CRD. */
interface Options {
  requireRecognizedConversionReviewVersion: boolean;
  requireImmutableNames: boolean;
  requireOpenAPISchema: boolean;
  allowInvalidCABundle: boolean;
}

const CREATE_OPTIONS: Options = {
  requireRecognizedConversionReviewVersion: true,
  requireImmutableNames: false,
  requireOpenAPISchema: true,
  // Not established yet: a bad bundle only breaks this CRD's own conversions.
  allowInvalidCABundle: true,
};

/**
 * The rules upstream relaxes on update so that objects it once accepted can
 * still be updated. Only those that can matter here are kept: this server
 * has always applied today's schema rules, so stored CRDs meet them.
 */
function updateOptions(old: CustomResourceDefinition): Options {
  const oldReviews = old.spec.conversion?.webhook?.conversionReviewVersions ?? [];
  return {
    requireRecognizedConversionReviewVersion: oldReviews.length === 0 || oldReviews.some((v) => ACCEPTED_CONVERSION_REVIEW_VERSIONS.includes(v)),
    requireImmutableNames: isConditionTrue(old, ESTABLISHED),
    requireOpenAPISchema: (old.spec.versions ?? []).every((v) => v.schema?.openAPIV3Schema !== undefined),
    allowInvalidCABundle: allowInvalidCABundle(old),
  };
}

/** An invalid caBundle stays allowed until the CRD is established, and afterwards only if the stored one is invalid too. */
function allowInvalidCABundle(old: CustomResourceDefinition): boolean {
  if (!isConditionTrue(old, ESTABLISHED)) return true;
  const bundle = old.spec.conversion?.webhook?.clientConfig?.caBundle;
  if (bundle === undefined || bundle === "") return false;
  return !isValidCABundle(bundle);
}

export function validateCustomResourceDefinition(crd: CustomResourceDefinition): FieldError[] {
  return [
    ...validateName(crd),
    ...validateSpec(crd.spec, CREATE_OPTIONS, FieldPath.root("spec")),
    ...validateStatus(crd.status),
    ...validateStoredVersions(crd.status?.storedVersions ?? [], crd.spec.versions ?? [], FieldPath.root("status", "storedVersions")),
    ...validateAPIApproval(crd, undefined),
    ...validatePreserveUnknownFields(crd, undefined),
  ];
}

export function validateCustomResourceDefinitionUpdate(crd: CustomResourceDefinition, old: CustomResourceDefinition): FieldError[] {
  const spec = FieldPath.root("spec");
  const opts = updateOptions(old);
  const errs = [...validateName(crd), ...validateSpec(crd.spec, opts, spec)];
  if (opts.requireImmutableNames) {
    // These decide where and as what objects are stored.
    errs.push(...validateImmutableField(crd.spec.scope, old.spec.scope, spec.child("scope")));
    errs.push(...validateImmutableField(crd.spec.names.kind, old.spec.names.kind, spec.child("names", "kind")));
  }
  // The CRD's name is made of these, and names never change.
  errs.push(...validateImmutableField(crd.spec.group, old.spec.group, spec.child("group")));
  errs.push(...validateImmutableField(crd.spec.names.plural, old.spec.names.plural, spec.child("names", "plural")));
  return [
    ...errs,
    ...validateStatus(crd.status),
    ...validateStoredVersions(crd.status?.storedVersions ?? [], crd.spec.versions ?? [], FieldPath.root("status", "storedVersions")),
    ...validateAPIApproval(crd, old),
    ...validatePreserveUnknownFields(crd, old),
  ];
}

/** A write to /status (the generic rules check metadata). */
export function validateCustomResourceDefinitionStatusUpdate(crd: CustomResourceDefinition): FieldError[] {
  return validateStatus(crd.status);
}

/**
 * The name must be `<plural>.<group>` (upstream folds this into the name
 * function; the generic metadata rules check that it is a DNS subdomain).
 */
function validateName(crd: CustomResourceDefinition): FieldError[] {
  const name = crd.metadata.name ?? "";
  if (name === "" || name === `${crd.spec.names.plural}.${crd.spec.group}`) return [];
  return [invalid(FieldPath.root("metadata", "name"), name, `must be spec.names.plural+"."+spec.group`)];
}

function validateSpec(spec: CustomResourceDefinitionSpec, opts: Options, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const versions = spec.versions ?? [];
  const placement = placementOf(spec);

  if (spec.group === "") errs.push(required(path.child("group")));
  else {
    const msgs = isDNS1123Subdomain(spec.group);
    if (msgs.length > 0) errs.push(invalid(path.child("group"), spec.group, msgs.join(",")));
    else if (spec.group.split(".").length < 2) errs.push(invalid(path.child("group"), spec.group, "should be a domain with at least one dot"));
  }

  errs.push(...validateEnum(path.child("scope"), spec.scope, ["Cluster", "Namespaced"]));

  const preserveUnknownFields = spec.preserveUnknownFields === true;
  if (opts.requireOpenAPISchema) {
    if (!placement.schema.lifted || placement.schema.shared?.openAPIV3Schema === undefined) {
      versions.forEach((v, i) => {
        if (v.schema?.openAPIV3Schema === undefined) {
          errs.push(required(path.child("versions").index(i).child("schema", "openAPIV3Schema"), "schemas are required"));
        }
      });
    }
  } else if (!preserveUnknownFields) {
    versions.forEach((v, i) => {
      if (v.served && v.schema?.openAPIV3Schema === undefined) {
        errs.push(required(path.child("versions").index(i).child("schema", "openAPIV3Schema"), "because otherwise all fields are pruned"));
      }
    });
  }
  if (preserveUnknownFields && versions.some((v) => schemaHasDefaults(v.schema?.openAPIV3Schema))) {
    errs.push(invalid(path.child("preserveUnknownFields"), true, "must be false in order to use defaults in the schema"));
  }

  let storageVersions = 0;
  const seen = new Set<string>();
  let uniqueNames = true;
  versions.forEach((version, i) => {
    const versionPath = path.child("versions").index(i);
    if (version.storage) storageVersions++;
    if (seen.has(version.name)) uniqueNames = false;
    seen.add(version.name);
    const msgs = isDNS1035Label(version.name);
    if (msgs.length > 0) errs.push(invalid(versionPath.child("name"), version.name, msgs.join(",")));
    errs.push(...validateVersion(version, placement, versionPath));
  });
  if (!uniqueNames) errs.push(invalid(path.child("versions"), versions, "must contain unique version names"));
  if (storageVersions !== 1) errs.push(invalid(path.child("versions"), versions, "must have exactly one version marked as storage version"));

  // Besides their form, some names are required in the spec (not in status).
  if (spec.names.plural === "") errs.push(required(path.child("names", "plural")));
  if (!spec.names.singular) errs.push(required(path.child("names", "singular")));
  if (spec.names.kind === "") errs.push(required(path.child("names", "kind")));
  if (!spec.names.listKind) errs.push(required(path.child("names", "listKind")));
  errs.push(...validateNames(spec.names, path.child("names")));

  // The fields every version shares, at the spec level (placement.ts).
  const anyStatus = versions.some((v) => subresourcesFor(placement, v)?.status !== undefined);
  if (placement.schema.lifted) errs.push(...validateSchema(placement.schema.shared, anyStatus, path.child("validation")));
  if (placement.subresources.lifted) errs.push(...validateSubresources(placement.subresources.shared, path.child("subresources")));
  if (placement.columns.lifted) errs.push(...validateColumns(placement.columns.shared, path.child("additionalPrinterColumns")));
  if (placement.selectableFields.lifted && placement.selectableFields.shared !== undefined) {
    errs.push(...validateSelectableFields(placement.selectableFields.shared, placement.schema.shared?.openAPIV3Schema, path.child("selectableFields")));
  }

  const strategy = spec.conversion?.strategy;
  if (strategy !== undefined && strategy !== "None" && preserveUnknownFields) {
    errs.push(invalid(path.child("conversion", "strategy"), strategy, "must be None if spec.preserveUnknownFields is true"));
  }
  errs.push(...validateConversion(spec.conversion, opts, path.child("conversion")));
  return errs;
}

/** The fields of a version that were not lifted to the spec. */
function validateVersion(version: CustomResourceDefinitionVersion, placement: Placement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const msg of deprecationWarningErrors(version)) errs.push(invalid(path.child("deprecationWarning"), version.deprecationWarning ?? null, msg));
  const statusEnabled = subresourcesFor(placement, version)?.status !== undefined;
  if (!placement.schema.lifted) errs.push(...validateSchema(version.schema, statusEnabled, path.child("schema")));
  if (!placement.subresources.lifted) errs.push(...validateSubresources(version.subresources, path.child("subresources")));
  if (!placement.columns.lifted) errs.push(...validateColumns(version.additionalPrinterColumns ?? [], path.child("additionalPrinterColumns")));
  const selectable = version.selectableFields ?? [];
  if (!placement.selectableFields.lifted && selectable.length > 0) {
    const schema = placement.schema.lifted ? placement.schema.shared?.openAPIV3Schema : version.schema?.openAPIV3Schema;
    errs.push(...validateSelectableFields(selectable, schema, path.child("selectableFields")));
  }
  return errs;
}

function deprecationWarningErrors(version: CustomResourceDefinitionVersion): string[] {
  const warning = version.deprecationWarning;
  if (version.deprecated !== true && warning !== undefined) return ["can only be set for deprecated versions"];
  if (warning === undefined) return [];
  const errs: string[] = [];
  if ([...warning].length > 256) errs.push("must be <= 256 characters long");
  if (warning.length === 0) errs.push("must not be an empty string");
  let i = 0;
  for (const ch of warning) {
    if (/\p{Cc}/u.test(ch)) {
      errs.push(`must only contain printable UTF-8 characters; control character found at index ${i}`);
      break;
    }
    if (!/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch)) {
      errs.push(`must only contain printable UTF-8 characters; non-printable character found at index ${i}`);
      break;
    }
    i += Buffer.byteLength(ch);
  }
  return errs;
}

function validateSchema(validation: { openAPIV3Schema?: JSONSchemaProps | undefined } | undefined, statusSubresource: boolean, path: FieldPath): FieldError[] {
  const schema = validation?.openAPIV3Schema;
  return schema === undefined ? [] : validateCustomResourceSchema({ openAPIV3Schema: schema }, path, { statusSubresource });
}

export function validateNames(names: CustomResourceDefinitionNames, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const label = (value: string | undefined, field: string, mixedCase = false) => {
    if (!value) return;
    const msgs = isDNS1035Label(mixedCase ? value.toLowerCase() : value);
    if (msgs.length === 0) return;
    const detail = mixedCase ? `may have mixed case, but should otherwise match: ${msgs.join(",")}` : msgs.join(",");
    errs.push(invalid(path.child(field), value, detail));
  };
  label(names.plural, "plural");
  label(names.singular, "singular");
  label(names.kind, "kind", true);
  label(names.listKind, "listKind", true);
  (names.shortNames ?? []).forEach((shortName, i) => {
    const msgs = isDNS1035Label(shortName);
    if (msgs.length > 0) errs.push(invalid(path.child("shortNames").index(i), shortName, msgs.join(",")));
  });
  // The same kind and list kind would make decoding ambiguous.
  if (names.kind !== "" && names.kind === names.listKind) {
    errs.push(invalid(path.child("listKind"), names.listKind, "kind and listKind may not be the same"));
  }
  (names.categories ?? []).forEach((category, i) => {
    const msgs = isDNS1035Label(category);
    if (msgs.length > 0) errs.push(invalid(path.child("categories").index(i), category, msgs.join(",")));
  });
  return errs;
}

function validateStatus(status: CustomResourceDefinitionStatus | undefined): FieldError[] {
  const accepted = status?.acceptedNames;
  return accepted === undefined ? [] : validateNames(accepted, FieldPath.root("status", "acceptedNames"));
}

function validateStoredVersions(stored: string[], versions: CustomResourceDefinitionVersion[], path: FieldPath): FieldError[] {
  if (stored.length === 0) return [invalid(path, stored, "must have at least one stored version")];
  const errs: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const v of versions) {
    if (v.storage && !remaining.has(v.name)) errs.push(invalid(path, stored, `must have the storage version ${v.name}`));
    remaining.delete(v.name);
  }
  for (const [v, i] of remaining) {
    errs.push(
      invalid(
        path.index(i),
        v,
        `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`,
      ),
    );
  }
  return errs;
}

function validateEnum(path: FieldPath, value: string | undefined, accepted: string[]): FieldError[] {
  if (value === undefined || value === "") return [required(path)];
  return accepted.includes(value) ? [] : [notSupported(path, value, accepted)];
}

function validateSubresources(subresources: CustomResourceSubresources | undefined, path: FieldPath): FieldError[] {
  const scale = subresources?.scale;
  if (scale === undefined) return [];
  const errs: FieldError[] = [];
  const underRoot = (field: string, value: string, roots: string[], words: string) => {
    const p = path.child(`scale.${field}`);
    const pathErrs = validateSimpleJSONPath(value, p);
    if (pathErrs.length > 0) errs.push(...pathErrs);
    else if (!roots.some((root) => value.startsWith(`${root}.`))) errs.push(invalid(p, value, `should be a json path under ${words}`));
  };
  if (scale.specReplicasPath === "") errs.push(required(path.child("scale.specReplicasPath")));
  else underRoot("specReplicasPath", scale.specReplicasPath, [".spec"], ".spec");
  if (scale.statusReplicasPath === "") errs.push(required(path.child("scale.statusReplicasPath")));
  else underRoot("statusReplicasPath", scale.statusReplicasPath, [".status"], ".status");
  if (scale.labelSelectorPath) underRoot("labelSelectorPath", scale.labelSelectorPath, [".spec", ".status"], "either .spec or .status");
  return errs;
}

/** A path like `.spec.replicas` (upstream checks little more than the leading dot). */
function validateSimpleJSONPath(s: string, path: FieldPath): FieldError[] {
  if (s === "") return [invalid(path, s, "must not be empty")];
  if (!s.startsWith(".")) return [invalid(path, s, "must be a simple json path starting with .")];
  return [];
}

function validateColumns(columns: CustomResourceColumnDefinition[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (columns ?? []).forEach((column, i) => {
    const p = path.index(i);
    if (column.name === "") errs.push(required(p.child("name")));
    const types = `must be one of ${PRINTER_COLUMN_TYPES.join(",")}`;
    if (column.type === "") errs.push(required(p.child("type"), types));
    else if (!PRINTER_COLUMN_TYPES.includes(column.type)) errs.push(invalid(p.child("type"), column.type, types));
    if (column.format && !PRINTER_COLUMN_FORMATS.includes(column.format)) {
      errs.push(invalid(p.child("format"), column.format, `must be one of ${PRINTER_COLUMN_FORMATS.join(",")}`));
    }
    // Upstream names the field as its Go struct does here.
    if (column.jsonPath === "") errs.push(required(p.child("JSONPath")));
    else errs.push(...validateSimpleJSONPath(column.jsonPath, p.child("JSONPath")));
  });
  return errs;
}

function validateSelectableFields(fields: SelectableField[], schema: JSONSchemaProps | undefined, path: FieldPath): FieldError[] {
  if (schema === undefined) {
    return [invalid(path, "", "selectableFields may only be set when version.schema.openAPIV3Schema is not included")];
  }
  const structural = toStructural(schema);
  const errs: FieldError[] = [];
  const unique = new Set<string>();
  fields.forEach((field, i) => {
    const p = path.index(i).child("jsonPath");
    if (field.jsonPath === "") {
      errs.push(required(p));
      return;
    }
    const found = walkFieldPath(field.jsonPath, structural);
    if (found === undefined) {
      errs.push(invalid(p, field.jsonPath, "is an invalid path: does not refer to a valid field"));
      return;
    }
    if (found.path === "metadata" || found.path.startsWith("metadata.") || found.path.startsWith("metadata[")) {
      errs.push(invalid(p, field.jsonPath, "must not point to fields in metadata"));
    }
    if (!["string", "boolean", "integer"].includes(found.schema?.type ?? "")) {
      errs.push(invalid(p, field.jsonPath, "must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed."));
    }
    if (unique.has(found.path)) errs.push(duplicate(p, field.jsonPath));
    else unique.add(found.path);
  });
  if (unique.size > MAX_SELECTABLE_FIELDS) errs.push(tooMany(path, unique.size, MAX_SELECTABLE_FIELDS));
  return errs;
}

/** Errors at `spec.conversion`; the webhook's fields are named as upstream's internal type names them. */
function validateConversion(conversion: CustomResourceConversion | undefined, opts: Options, path: FieldPath): FieldError[] {
  if (conversion === undefined) return [];
  const errs = validateEnum(path.child("strategy"), conversion.strategy, ["None", "Webhook"]);
  const clientConfig = conversion.webhook?.clientConfig;
  const reviewVersions = conversion.webhook?.conversionReviewVersions;
  const clientPath = path.child("webhookClientConfig");
  if (conversion.strategy === "Webhook") {
    if (clientConfig === undefined) errs.push(required(clientPath, "required when strategy is set to Webhook"));
    else {
      const hasURL = clientConfig.url !== undefined;
      const hasService = clientConfig.service !== undefined;
      if (hasURL === hasService) errs.push(required(clientPath, "exactly one of url or service is required"));
      else if (clientConfig.url !== undefined) errs.push(...validateWebhookURL(clientPath.child("url"), clientConfig.url));
      else if (clientConfig.service !== undefined) errs.push(...validateWebhookService(clientPath.child("service"), clientConfig.service));
      if (clientConfig.caBundle && !opts.allowInvalidCABundle) errs.push(...validateCABundle(clientPath.child("caBundle"), clientConfig.caBundle));
    }
    errs.push(...validateConversionReviewVersions(reviewVersions ?? [], opts.requireRecognizedConversionReviewVersion, path.child("conversionReviewVersions")));
  } else {
    if (clientConfig !== undefined) errs.push(forbidden(clientPath, "should not be set when strategy is not set to Webhook"));
    if ((reviewVersions ?? []).length > 0) errs.push(forbidden(path.child("conversionReviewVersions"), "should not be set when strategy is not set to Webhook"));
  }
  return errs;
}

function validateConversionReviewVersions(versions: string[], requireRecognized: boolean, path: FieldPath): FieldError[] {
  if (versions.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  let recognized = false;
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errs.push(invalid(path.index(i), v, "duplicate version"));
      return;
    }
    seen.add(v);
    for (const msg of isDNS1035Label(v)) errs.push(invalid(path.index(i), v, msg));
    if (ACCEPTED_CONVERSION_REVIEW_VERSIONS.includes(v)) recognized = true;
  });
  if (requireRecognized && !recognized) {
    errs.push(invalid(path, versions, `must include at least one of ${ACCEPTED_CONVERSION_REVIEW_VERSIONS.join(", ")}`));
  }
  return errs;
}

function validateAPIApproval(crd: CustomResourceDefinition, old: CustomResourceDefinition | undefined): FieldError[] {
  if (!isProtectedCommunityGroup(crd.spec.group)) return [];
  const next = apiApprovalState(crd.metadata.annotations);
  // An unchanged approval never fails: a client that only updates the spec is not turned away.
  if (old !== undefined && apiApprovalState(old.metadata.annotations).state === next.state) return [];
  const path = FieldPath.root("metadata", "annotations").key(API_APPROVED_ANNOTATION);
  switch (next.state) {
    case "Approved":
    case "Bypassed":
      return [];
    case "Missing":
      return [required(path, next.reason)];
    case "Invalid":
      return [invalid(path, crd.metadata.annotations?.[API_APPROVED_ANNOTATION] ?? "", next.reason)];
  }
}

function validatePreserveUnknownFields(crd: CustomResourceDefinition, old: CustomResourceDefinition | undefined): FieldError[] {
  if (old?.spec.preserveUnknownFields === true) return []; // kept for objects stored before it was refused
  if (crd.spec.preserveUnknownFields !== true) return [];
  return [
    invalid(
      FieldPath.root("spec", "preserveUnknownFields"),
      true,
      "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead",
    ),
  ];
}

function schemaHasDefaults(schema: JSONSchemaProps | undefined): boolean {
  if (schema === undefined) return false;
  if (schema.default !== undefined) return true;
  const children: (JSONSchemaProps | undefined)[] = [
    ...(Array.isArray(schema.items) ? schema.items : [schema.items]),
    ...(schema.allOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    schema.not,
    ...Object.values(schema.properties ?? {}),
    typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined,
  ];
  return children.some(schemaHasDefaults);
}
