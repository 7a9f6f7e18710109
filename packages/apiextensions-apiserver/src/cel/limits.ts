// Upstream's CEL cost limits (k8s.io/apiserver/pkg/apis/cel/config.go) and the
// size estimates used where a schema sets no maxLength/maxItems/maxProperties
// (an object can be no larger than a request, 3 MiB).

/** The most one evaluation of one expression may cost. */
export const PER_CALL_LIMIT = 1_000_000;
/** The most all rules together may cost while validating one object. */
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;
/** The most one rule's estimated cost (times how often it can run) may be. */
export const STATIC_ESTIMATED_COST_LIMIT = 10_000_000;
/** The most all rules of one schema may be estimated to cost together. */
export const STATIC_ESTIMATED_CRD_COST_LIMIT = 100_000_000;
/** The longest a messageExpression result may be. */
export const MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES = 5 * 1024;

export const MAX_REQUEST_SIZE_BYTES = 3 * 1024 * 1024;

/** How many elements of `minSize` serialized bytes (plus a comma) fit in a request. */
export function estimateMaxItems(minSize: number): number {
  return Math.floor((MAX_REQUEST_SIZE_BYTES - 2) / (minSize + 1));
}

/** The longest string a request can hold (less its quotes). */
export const MAX_STRING_LENGTH_PER_REQUEST = MAX_REQUEST_SIZE_BYTES - 2;

/** The fewest bytes a value of this schema takes in JSON. */
export function minSerializedSize(s: { type?: string; "x-kubernetes-int-or-string"?: boolean; xIntOrString?: boolean }): number {
  if (s["x-kubernetes-int-or-string"] || s.xIntOrString) return 1;
  switch (s.type) {
    case "string":
    case "object":
    case "array":
      return 2;
    case "boolean":
      return 4;
    default:
      return 1;
  }
}
