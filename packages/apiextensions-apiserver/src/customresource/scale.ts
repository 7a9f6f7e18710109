// The scale subresource of a custom resource (upstream: customresource's
// scale REST and the validator's scale checks): replicas and the selector
// live where the CRD's specReplicasPath, statusReplicasPath and
// labelSelectorPath say (simple dotted paths such as `.spec.replicas`).

import { type FieldError, type KubeObject, invalid } from "@tskube/apimachinery";
import type { ScaleSubresource } from "@tskube/generic-apiserver";
import type { CustomResourceSubresourceScale } from "../apis/apiextensions/v1/schema.js";
import { isObject } from "../schema/json.js";

const MAX_INT32 = 2 ** 31 - 1;

function segments(path: string): string[] {
  return path.replace(/^\./, "").split(".");
}

/** The value at a dotted path, and whether it is there. */
function nested(obj: unknown, path: string): { found: boolean; value: unknown } {
  let v = obj;
  for (const name of segments(path)) {
    if (!isObject(v) || !Object.hasOwn(v, name)) return { found: false, value: undefined };
    v = v[name];
  }
  return { found: true, value: v };
}

/** The Go type a decoded JSON value has, as upstream's unstructured accessors name it. */
function goType(v: unknown): string {
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return "[]interface {}";
  if (isObject(v)) return "map[string]interface {}";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  return typeof v === "boolean" ? "bool" : "string";
}

/** An integer at `path` (absent = 0), or the accessor error upstream reports. */
function int64At(obj: unknown, path: string): { value: number; error?: string } {
  const { found, value } = nested(obj, path);
  if (!found) return { value: 0 };
  if (typeof value === "number" && Number.isInteger(value)) return { value };
  return { value: 0, error: `${path} accessor error: ${JSON.stringify(value)} is of the type ${goType(value)}, expected int64` };
}

function replicaErrors(obj: unknown, path: string): FieldError[] {
  // Upstream names these errors by the CRD's path itself, leading dot included.
  const { value, error } = int64At(obj, path);
  if (error !== undefined) return [invalid(path, value, error)];
  if (value < 0) return [invalid(path, value, "should be a non-negative integer")];
  if (value > MAX_INT32) return [invalid(path, value, `should be less than or equal to ${MAX_INT32}`)];
  return [];
}

/** Checks of the spec replicas, on writes of the main resource. */
export function validateScaleSpec(obj: KubeObject, scale: CustomResourceSubresourceScale): FieldError[] {
  return replicaErrors(obj, scale.specReplicasPath);
}

/** Checks of the status replicas and the selector, on every write. */
export function validateScaleStatus(obj: KubeObject, scale: CustomResourceSubresourceScale): FieldError[] {
  const errs = replicaErrors(obj, scale.statusReplicasPath);
  const selectorPath = scale.labelSelectorPath;
  if (selectorPath) {
    const { found, value } = nested(obj, selectorPath);
    if (found && typeof value !== "string") {
      errs.push(invalid(selectorPath, "", `${selectorPath} accessor error: ${JSON.stringify(value)} is of the type ${goType(value)}, expected string`));
    }
  }
  return errs;
}

/** How the generic scale subresource reads and writes a custom resource. */
export function scaleAccessors(scale: CustomResourceSubresourceScale): ScaleSubresource<KubeObject> {
  return {
    specReplicas: (obj) => int64At(obj, scale.specReplicasPath).value,
    statusReplicas: (obj) => int64At(obj, scale.statusReplicasPath).value,
    selector: (obj) => {
      if (!scale.labelSelectorPath) return "";
      const { value } = nested(obj, scale.labelSelectorPath);
      return typeof value === "string" ? value : "";
    },
    withSpecReplicas(obj, replicas) {
      const next = structuredClone(obj) as Record<string, unknown>;
      const names = segments(scale.specReplicasPath);
      let parent = next;
      for (const name of names.slice(0, -1)) {
        const child = parent[name];
        parent = isObject(child) ? child : (parent[name] = {});
      }
      parent[names[names.length - 1]!] = replicas;
      return next as KubeObject;
    },
  };
}
