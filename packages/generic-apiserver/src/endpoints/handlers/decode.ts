// Decoding a request body into an object (upstream: the serializer plus the
// decode steps of handlers/create.go and update.go).
//
//  1. parse JSON or YAML; malformed text is a 400. A protobuf body (where the
//     endpoint's type has a decoder) is turned into the value the same object
//     has as JSON, and from here on goes through the same steps;
//  2. check the kind (and later the apiVersion) against the endpoint; absent
//     ones default to the endpoint's, as upstream's decoder does;
//  3. decode with the kind's zod schema: a wrong type is a 400;
//  4. strict decoding: fields the schema does not know, and keys given twice,
//     are handled per `fieldValidation`:
//        Strict  400 `... strict decoding error: unknown field "spec.x", duplicate field "y"`
//        Warn    one `Warning: 299 - "unknown field \"spec.x\""` header each (the default)
//        Ignore  dropped silently
//  5. apply the kind's defaults.

import { type KubeObject, ProtobufError, type ProtobufMessageDecoder, newBadRequest, readEnvelope } from "@tskube/apimachinery";
import { LineCounter, isScalar, parseDocument, visit } from "yaml";
import type { z } from "zod";
import type { InputFormat, OutputFormat } from "../negotiation.js";
import { type KeyOccurrence, childPath, indexPath, scanJSONKeys } from "./json-keys.js";

/** The `fieldValidation` query parameter (metav1.FieldValidation*). */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** The kind an endpoint reads and writes, and how to decode it. */
export interface ObjectType {
  group: string;
  version: string;
  kind: string;
  schema: z.ZodType<KubeObject>;
  applyDefaults?: (obj: KubeObject) => void;
  /** Decodes the kind's protobuf message; with it, `application/vnd.kubernetes.protobuf` bodies are accepted. */
  protobuf?: ProtobufMessageDecoder;
}

export function groupVersionOf(type: { group: string; version: string }): string {
  return type.group === "" ? type.version : `${type.group}/${type.version}`;
}

/** A body that is not well-formed JSON or YAML. The caller words the error for its context. */
export class BodySyntaxError extends Error {
  override readonly name = "BodySyntaxError";
}

/** A request body parsed into a plain value, with what strict decoding needs from its text. */
export interface RawBody {
  value: unknown;
  format: InputFormat;
  /** JSON only: every object key in document order (empty when not collected). */
  keys: KeyOccurrence[];
  /** YAML only: duplicate keys, as `line 5: key "name" already set in map`, in line order. */
  yamlDuplicates: string[];
}

/**
 * Parses a body. With `collectStrict`, also records what strict decoding
 * reports: JSON key positions (for duplicates) or YAML duplicate keys.
 */
export function parseRawBody(body: Buffer, format: OutputFormat, collectStrict: boolean): RawBody {
  const text = body.toString("utf8");
  if (format === "json") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const detail = text.trim() === "" ? "unexpected end of JSON input" : (err as Error).message;
      throw new BodySyntaxError(`json parse error: ${detail}`);
    }
    return { value, format, keys: collectStrict ? scanJSONKeys(text) : [], yamlDuplicates: [] };
  }
  return parseYAMLBody(text, collectStrict);
}

function parseYAMLBody(text: string, collectStrict: boolean): RawBody {
  const lineCounter = new LineCounter();
  // Duplicate keys are allowed here (the last one wins, as in Go's YAML
  // decoder); strict decoding reports them below.
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) throw new BodySyntaxError(`error converting YAML to JSON: yaml: ${firstError.message}`);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });

  const duplicates: { line: number; message: string }[] = [];
  if (collectStrict) {
    visit(doc, {
      Map(_, map) {
        const seen = new Set<string>();
        for (const item of map.items) {
          if (!isScalar(item.key)) continue;
          const key = String(item.key.value);
          if (seen.has(key)) {
            const line = item.key.range ? lineCounter.linePos(item.key.range[0]).line : 0;
            duplicates.push({ line, message: `line ${line}: key ${JSON.stringify(key)} already set in map` });
          }
          seen.add(key);
        }
      },
    });
  }
  duplicates.sort((a, b) => a.line - b.line);
  return { value, format: "yaml", keys: [], yamlDuplicates: duplicates.map((d) => d.message) };
}

/** A protobuf body's envelope: its apiVersion and kind (left out when empty) and the object's own message. */
export interface ProtobufBody {
  typeMeta: { apiVersion?: string; kind?: string };
  message: Uint8Array;
}

/** Reads the envelope of a protobuf body. A malformed one is a BodySyntaxError. */
export function readProtobufBody(body: Buffer): ProtobufBody {
  try {
    const { apiVersion, kind, raw } = readEnvelope(body);
    return { typeMeta: { ...(apiVersion !== "" ? { apiVersion } : {}), ...(kind !== "" ? { kind } : {}) }, message: raw };
  } catch (err) {
    if (err instanceof ProtobufError) throw new BodySyntaxError(err.message);
    throw err;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The paths of fields in `input` that decoding dropped: keys the schema does
 * not know. Only the outermost unknown key of a subtree is reported. A key
 * whose value is null is not reported: optional fields decode null as absent.
 * Top-level apiVersion and kind are always known.
 */
export function unknownFields(input: unknown, decoded: unknown, sortKeys: boolean): string[] {
  const out: string[] = [];
  const walk = (inValue: unknown, outValue: unknown, path: string) => {
    if (isPlainObject(inValue) && isPlainObject(outValue)) {
      const keys = Object.keys(inValue);
      if (sortKeys) keys.sort();
      for (const key of keys) {
        if (path === "" && (key === "apiVersion" || key === "kind")) continue;
        const p = childPath(path, key);
        if (!Object.hasOwn(outValue, key)) {
          if (inValue[key] !== null) out.push(p);
          continue;
        }
        walk(inValue[key], outValue[key], p);
      }
    } else if (Array.isArray(inValue) && Array.isArray(outValue)) {
      const n = Math.min(inValue.length, outValue.length);
      for (let i = 0; i < n; i++) walk(inValue[i], outValue[i], indexPath(path, i));
    }
  };
  walk(input, decoded, "");
  return out;
}

/** What strict decoding found: `errors` for a Strict failure message, `warnings` one per Warning header. */
export interface StrictDecodingResult {
  errors: string[];
  warnings: string[];
}

const quote = (s: string) => JSON.stringify(s);

/**
 * Unknown and duplicate fields of a body, worded as upstream's decoder does.
 * JSON: in document order; a key both unknown and duplicated is reported once,
 * as unknown. YAML: the duplicate keys first (one error with a line each, as
 * Go's YAML decoder words them), then unknown fields in key order.
 */
export function strictDecodingErrors(raw: RawBody, decoded: unknown): StrictDecodingResult {
  if (raw.format === "yaml") {
    const unknown = unknownFields(raw.value, decoded, true).map((p) => `unknown field ${quote(p)}`);
    const dupes = raw.yamlDuplicates;
    const errors = dupes.length > 0 ? [`yaml: unmarshal errors:\n  ${dupes.join("\n  ")}`, ...unknown] : unknown;
    return { errors, warnings: [...dupes, ...unknown] };
  }
  const unknown = new Set(unknownFields(raw.value, decoded, false));
  const underUnknown = (path: string) => {
    for (const u of unknown) if (path.startsWith(`${u}.`) || path.startsWith(`${u}[`)) return true;
    return false;
  };
  const errors: string[] = [];
  for (const key of raw.keys) {
    if (unknown.has(key.path)) {
      if (!key.duplicate) errors.push(`unknown field ${quote(key.path)}`);
    } else if (key.duplicate && !underUnknown(key.path)) {
      errors.push(`duplicate field ${quote(key.path)}`);
    }
  }
  // A value built in memory (a patched object) has no text and so no recorded
  // keys: report its unknown fields in key order.
  if (raw.keys.length === 0) for (const p of unknown) errors.push(`unknown field ${quote(p)}`);
  return { errors, warnings: errors };
}

export function strictDecodingMessage(errors: readonly string[]): string {
  return `strict decoding error: ${errors.join(", ")}`;
}

/** `spec.containers[0].image` from a zod issue path. */
function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    out = typeof segment === "number" ? indexPath(out, segment) : childPath(out, String(segment));
  }
  return out;
}

/** One line per schema problem: `spec.replicas: Invalid input: expected number, received string`. */
export function describeSchemaError(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issuePath(issue.path)}: ${issue.message}` : issue.message)).join(", ");
}

/** Upstream's summary of a body in an error: up to `max` bytes, as text when it looks like JSON, else hex. */
export function summarizeData(body: Buffer, max = 30): string {
  if (body.length === 0) return "<empty>";
  const more = body.length > max ? " ..." : "";
  const head = body.subarray(0, max);
  return body[0] === 0x7b /* { */ ? `${head.toString("utf8")}${more}` : `${head.toString("hex")}${more}`;
}

/** The kind and group/version a body declares, each defaulting to the endpoint's. */
export interface DeclaredType {
  apiVersion: string;
  kind: string;
  /** The version part of apiVersion (`v1` of `apps/v1`). */
  version: string;
}

export function declaredType(value: Record<string, unknown>, type: ObjectType): DeclaredType {
  const apiVersion = typeof value.apiVersion === "string" && value.apiVersion !== "" ? value.apiVersion : groupVersionOf(type);
  const kind = typeof value.kind === "string" && value.kind !== "" ? value.kind : type.kind;
  const slash = apiVersion.lastIndexOf("/");
  return { apiVersion, kind, version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1) };
}

export interface DecodeOptions {
  fieldValidation: FieldValidation;
  /** Where Warn-mode strict decoding warnings go. */
  warnings: string[];
}

/** Returns `obj` with apiVersion and kind set to the type's, first in key order. */
export function withTypeMeta<T extends KubeObject>(obj: T, apiVersion: string, kind: string): T {
  if (obj.apiVersion === apiVersion && obj.kind === kind) return obj;
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = obj;
  return { apiVersion, kind, ...rest } as T;
}

function cannotHandleAs(declared: DeclaredType, type: ObjectType, detail: string) {
  return newBadRequest(`${declared.kind} in version ${quote(declared.version)} cannot be handled as a ${type.kind}: ${detail}`);
}

/**
 * A protobuf body as the value its object has in JSON: the envelope's
 * apiVersion and kind, then the message's fields. A body of another kind
 * keeps only its type, for the kind check to report. A malformed message is
 * a 400 naming the kind, as upstream's.
 */
function parseProtobufObject(body: Buffer, type: ObjectType): RawBody {
  const { typeMeta, message } = readProtobufBody(body);
  const declared = declaredType(typeMeta, type);
  let value: Record<string, unknown> = typeMeta;
  if (declared.kind === type.kind) {
    if (type.protobuf === undefined) throw new Error(`no protobuf decoder for ${type.kind}`); // negotiateInput prevents this
    try {
      value = { ...typeMeta, ...type.protobuf(message) };
    } catch (err) {
      if (err instanceof ProtobufError) throw cannotHandleAs(declared, type, err.message);
      throw err;
    }
  }
  return { value, format: "protobuf", keys: [], yamlDuplicates: [] };
}

/**
 * Decodes a create or update body into an object of `type` (steps 1-5 above).
 * Throws 400 BadRequest StatusErrors worded as upstream's.
 */
export function decodeObjectBody(body: Buffer, format: InputFormat, type: ObjectType, opts: DecodeOptions): KubeObject {
  const unrecognized = (detail: string) =>
    newBadRequest(`the object provided is unrecognized (must be of type ${type.kind}): ${detail} (${summarizeData(body)})`);

  let raw: RawBody;
  try {
    raw = format === "protobuf" ? parseProtobufObject(body, type) : parseRawBody(body, format, opts.fieldValidation !== "Ignore");
  } catch (err) {
    if (err instanceof BodySyntaxError) throw unrecognized(format === "protobuf" ? err.message : `couldn't get version/kind; ${err.message}`);
    throw err;
  }
  if (!isPlainObject(raw.value)) {
    const got = raw.value === null ? "null" : Array.isArray(raw.value) ? "an array" : `a ${typeof raw.value}`;
    throw unrecognized(`couldn't get version/kind; json parse error: expected an object, got ${got}`);
  }
  for (const field of ["apiVersion", "kind"] as const) {
    const v = raw.value[field];
    if (v !== undefined && v !== null && typeof v !== "string") {
      throw unrecognized(`couldn't get version/kind; json parse error: ${field} must be a string`);
    }
  }

  const declared = declaredType(raw.value, type);
  const cannotHandle = (detail: string) => cannotHandleAs(declared, type, detail);
  if (declared.kind !== type.kind) {
    throw cannotHandle(`the kind in the data (${declared.kind}) does not match the expected kind (${type.kind})`);
  }

  const result = type.schema.safeParse(raw.value);
  if (!result.success) throw cannotHandle(describeSchemaError(result.error));

  if (opts.fieldValidation !== "Ignore") {
    const strict = strictDecodingErrors(raw, result.data);
    if (strict.errors.length > 0) {
      if (opts.fieldValidation === "Strict") throw cannotHandle(strictDecodingMessage(strict.errors));
      opts.warnings.push(...strict.warnings);
    }
  }

  const expected = groupVersionOf(type);
  if (declared.apiVersion !== expected) {
    throw newBadRequest(
      `the API version in the data (${declared.apiVersion}) does not match the expected API version (${expected})`,
    );
  }

  const obj = withTypeMeta(result.data, expected, type.kind);
  type.applyDefaults?.(obj);
  return obj;
}
