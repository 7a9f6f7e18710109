// The zod schema of a custom resource version. It does not describe the
// object (the CRD's structural schema does); it only decodes, through the
// schema engine, as upstream's decoder does for custom resources:
//
//   coerce metadata to ObjectMeta -> prune unknown fields -> drop
//   non-nullable nulls -> apply defaults
//
// The generic request decoding then compares the body with what this
// returns, so every pruned field is reported per `fieldValidation` (Strict:
// 400 `strict decoding error: unknown field "spec.x"`; Warn: a warning).
//
// For OpenAPI, the schema is published as the CRD gave it (with apiVersion,
// kind and metadata added), through givenOpenAPISchemas.

import { type KubeObject, ObjectMetaSchema } from "@tskube/apimachinery";
import { givenOpenAPISchemas } from "@tskube/generic-apiserver";
import { z } from "zod";
import { normalizeCustomResource } from "../schema/custom-resource.js";
import { buildKindSchemas, type CustomResourceKind } from "../schema/openapi.js";
import type { Structural } from "../schema/structural.js";

/** The decoding schema of one version's objects. `structural` is undefined for a version without a schema (kept as sent). */
export function customResourceSchema(structural: Structural | undefined, kind: CustomResourceKind): z.ZodType<KubeObject> {
  const schema = z.unknown().transform((input, ctx): KubeObject => {
    const obj = structuredClone(input) as Record<string, unknown>;
    if (structural !== undefined) {
      const { errors } = normalizeCustomResource(obj, structural);
      for (const err of errors) ctx.addIssue({ code: "custom", message: err.toString() });
    }
    obj.metadata ??= {};
    return obj as KubeObject;
  });
  const v3 = buildKindSchemas(structural, kind, "v3");
  const v2 = buildKindSchemas(structural, kind, "v2");
  givenOpenAPISchemas.add(schema, { schema: v3.kind, v2: v2.kind, uses: [ObjectMetaSchema] });
  return schema as unknown as z.ZodType<KubeObject>;
}
