// The CRD's selectableFields as field selectors (upstream: the custom
// resource strategy's GetAttrs): `.spec.color` is selected as `spec.color`,
// with the value printed as text (true, 3, red), or "" when the object has none.

import type { KubeObject } from "@tskube/apimachinery";
import type { SelectableField } from "../apis/apiextensions/v1/schema.js";
import { JSONPath, printValue } from "./jsonpath.js";

export function selectableFieldsOf(fields: readonly SelectableField[]): Record<string, (obj: KubeObject) => string> {
  const out: Record<string, (obj: KubeObject) => string> = {};
  for (const field of fields) {
    const path = new JSONPath(field.jsonPath);
    out[field.jsonPath.replace(/^\./, "")] = (obj) => {
      const value = path.first(obj);
      return value === undefined || value === null ? "" : printValue(value);
    };
  }
  return out;
}
