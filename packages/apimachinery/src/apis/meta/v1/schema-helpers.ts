// Small building blocks shared by the meta/v1 schemas.
//
// They encode two habits of upstream's JSON decoder that clients rely on:
// `null` is accepted wherever a field is optional (kubectl sends
// `creationTimestamp: null`), and enum-like strings decode as plain strings
// so that validation, not decoding, rejects unknown values with upstream's message.

import { z } from "zod";

/**
 * An optional field that treats `null` like an absent field, as Go's decoder
 * does for pointers, slices, maps and omitempty strings.
 */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}

/**
 * A string with well-known values (`"In" | "NotIn" | ...`) that still accepts
 * any string when decoding. The TypeScript type lists the known values for
 * editors while staying open, like Go's `type X string` enums.
 */
export function knownStrings<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  // The runtime schema is a plain string; only the static type is narrowed.
  return z.string().describe(`${description} Known values: ${values.join(", ")}.`) as unknown as z.ZodType<
    T[number] | (string & {}),
    string
  >;
}

/** A string field that upstream always serializes (no omitempty): absent or null decode as "". */
export function stringOrEmpty(description: string) {
  return z.preprocess((value) => (value === null ? undefined : value), z.string().default("").describe(description));
}
