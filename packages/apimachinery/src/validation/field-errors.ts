// Field errors: one problem at one field path, as upstream's field.Error.
// They print as `spec.replicas: Invalid value: -1: must be greater than or equal to 0`
// and become the `details.causes` of a 422 Invalid Status.

/** The cause types upstream uses (metav1.CauseType values). */
export type FieldErrorType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError"
  | "FieldValueTypeInvalid";

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
  FieldValueTypeInvalid: "Invalid value",
};

/** Marks "no bad value to print" (upstream omits the value for Required, Forbidden, ...). */
const OMIT = Symbol("omit");

/** A path to a field: `spec.containers[0].image`, `metadata.labels[app]`. */
export class FieldPath {
  private constructor(private readonly text: string) {}

  static root(name: string, ...more: string[]): FieldPath {
    return more.reduce((p, n) => p.child(n), new FieldPath(name));
  }

  child(name: string, ...more: string[]): FieldPath {
    const first = new FieldPath(this.text === "" ? name : `${this.text}.${name}`);
    return more.reduce((p, n) => p.child(n), first);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
  ) {}

  /** The message without the field path: `Invalid value: "X": detail`. */
  body(): string {
    let s = TYPE_TEXT[this.type];
    if (this.badValue !== OMIT) s += `: ${formatValue(this.badValue)}`;
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return this.field ? `${this.field}: ${this.body()}` : this.body();
  }
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return JSON.stringify(v);
}

type PathLike = FieldPath | string;
const p = (path: PathLike): string => path.toString();

export function required(path: PathLike, detail = ""): FieldError {
  return new FieldError("FieldValueRequired", p(path), OMIT, detail);
}
export function invalid(path: PathLike, value: unknown, detail: string): FieldError {
  return new FieldError("FieldValueInvalid", p(path), value, detail);
}
/** An invalid value that is not printed (upstream: field.Invalid with field.OmitValueType). */
export function invalidWithoutValue(path: PathLike, detail: string): FieldError {
  return new FieldError("FieldValueInvalid", p(path), OMIT, detail);
}
export function notSupported(path: PathLike, value: unknown, valid: string[]): FieldError {
  const detail = valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(", ")}` : "";
  return new FieldError("FieldValueNotSupported", p(path), value, detail);
}
export function duplicate(path: PathLike, value: unknown): FieldError {
  return new FieldError("FieldValueDuplicate", p(path), value, "");
}
export function forbidden(path: PathLike, detail: string): FieldError {
  return new FieldError("FieldValueForbidden", p(path), OMIT, detail);
}
export function notFound(path: PathLike, value: unknown): FieldError {
  return new FieldError("FieldValueNotFound", p(path), value, "");
}
export function tooLong(path: PathLike, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? "byte" : "bytes"}` : "value is too long";
  return new FieldError("FieldValueTooLong", p(path), OMIT, detail);
}
export function tooMany(path: PathLike, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? "item" : "items"}` : "has too many items";
  return new FieldError("FieldValueTooMany", p(path), actual >= 0 ? actual : OMIT, detail);
}
export function typeInvalid(path: PathLike, value: unknown, detail: string): FieldError {
  return new FieldError("FieldValueTypeInvalid", p(path), value, detail);
}
export function internalError(path: PathLike, err: unknown): FieldError {
  return new FieldError("InternalError", p(path), OMIT, err instanceof Error ? err.message : String(err));
}

/**
 * Joins error messages the way upstream's aggregate errors print: duplicates
 * dropped, a single message as is, several as `[first, second]`.
 */
export function aggregateMessages(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? "") : `[${unique.join(", ")}]`;
}
