// Some apps/v1 validation errors show a struct, a map or an IntOrString as
// the bad value. Upstream prints those with Go's `%#v` of its internal
// types, and clients see it in the message, e.g.
//
//   spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable
//
// These helpers print our JSON values that way, and GoValueError carries
// such a printed value into a FieldError.

import { FieldError, type FieldErrorType, type FieldPath, type MetaLabelSelector } from "@tskube/apimachinery";

const quote = (s: string): string => JSON.stringify(s);

/** `map[string]string{"a":"1", "b":"2"}` (keys sorted, as fmt prints maps), or `map[string]string(nil)`. */
export function goStringMap(map: Readonly<Record<string, string>> | undefined): string {
  if (map === undefined) return "map[string]string(nil)";
  const keys = Object.keys(map).sort();
  return `map[string]string{${keys.map((k) => `${quote(k)}:${quote(map[k] ?? "")}`).join(", ")}}`;
}

/** `[]string{"a", "b"}`, or `[]string(nil)`. */
export function goStringSlice(list: readonly string[] | undefined): string {
  return list === undefined ? "[]string(nil)" : `[]string{${list.map(quote).join(", ")}}`;
}

/** A metav1.LabelSelector as `%#v` prints it; a missing one as upstream prints a nil pointer, `"null"`. */
export function goLabelSelector(selector: MetaLabelSelector | undefined): string {
  if (selector === undefined) return '"null"';
  const exprs = selector.matchExpressions;
  const printedExprs =
    exprs === undefined
      ? "[]v1.LabelSelectorRequirement(nil)"
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((r) => `v1.LabelSelectorRequirement{Key:${quote(r.key)}, Operator:${quote(r.operator)}, Values:${goStringSlice(r.values)}}`)
          .join(", ")}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${printedExprs}}`;
}

/** An intstr.IntOrString: Type 0 holds a number, Type 1 a string. An absent one is the zero value. */
export function goIntOrString(value: number | string | undefined): string {
  if (typeof value === "string") return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${quote(value)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${value ?? 0}, StrVal:""}`;
}

/**
 * A pointer field inside a printed struct: `(*apps.X)(nil)`, or, when set,
 * its address. Go prints the real address; any address says as much, so a
 * fixed one stands in.
 */
export function goPointer(typeName: string, present: boolean): string {
  return `(*${typeName})(${present ? "0xc000010000" : "nil"})`;
}

const TYPE_TEXT: Partial<Record<FieldErrorType, string>> = {
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
};

/** A FieldError whose bad value is already printed (Go syntax), so it is shown as is, unquoted. */
export class GoValueError extends FieldError {
  constructor(
    type: "FieldValueInvalid" | "FieldValueNotSupported",
    path: FieldPath,
    private readonly printed: string,
    detail: string,
  ) {
    super(type, path.toString(), printed, detail);
  }

  override body(): string {
    const text = `${TYPE_TEXT[this.type] ?? this.type}: ${this.printed}`;
    return this.detail ? `${text}: ${this.detail}` : text;
  }
}

/** `Invalid value: <printed>: detail`. */
export function invalidGo(path: FieldPath, printed: string, detail: string): FieldError {
  return new GoValueError("FieldValueInvalid", path, printed, detail);
}

/** `Unsupported value: <printed>: supported values: "a", "b"`. */
export function notSupportedGo(path: FieldPath, printed: string, valid: readonly string[]): FieldError {
  return new GoValueError("FieldValueNotSupported", path, printed, `supported values: ${valid.map(quote).join(", ")}`);
}
