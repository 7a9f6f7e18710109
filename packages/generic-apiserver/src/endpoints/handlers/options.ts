// Query parameters of the REST verbs, decoded and validated as upstream's
// parameter codec and meta/v1 validation do:
//
//   list/watch   labelSelector fieldSelector resourceVersion resourceVersionMatch
//                limit continue timeoutSeconds allowWatchBookmarks sendInitialEvents
//   writes       dryRun fieldManager fieldValidation (force on apply)
//   delete       gracePeriodSeconds propagationPolicy orphanDependents dryRun (or a DeleteOptions body)
//   Table        includeObject
//
// Unparseable values are 400 BadRequest; values that parse but are not
// allowed are 422 Invalid on the options kind, e.g.
// `ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: ...`.

import {
  DELETION_PROPAGATIONS,
  DRY_RUN_ALL,
  type DeleteOptions,
  DeleteOptionsSchema,
  type FieldError,
  type FieldSelector,
  type KubeObject,
  META_PROTOBUF,
  ProtobufError,
  forbidden,
  invalid,
  newBadRequest,
  newInvalid,
  notSupported,
  oneTermEqualFieldSelector,
  parseFieldSelector,
  parseLabelSelector,
  tooLong,
} from "@tskube/apimachinery";
import type { ResourceVersionMatch } from "@tskube/storage";
import type { ResourceDefinition } from "../../registry/resource.js";
import type { ListParams } from "../../registry/rest-storage.js";
import type { InputFormat } from "../negotiation.js";
import { BodySyntaxError, type FieldValidation, describeSchemaError, isPlainObject, parseRawBody, readProtobufBody } from "./decode.js";

const META_GROUP = "meta.k8s.io";

/**
 * A boolean parameter as upstream's query decoding reads it: absent is
 * undefined, "false" and "0" (any case) are false, anything else is true.
 */
export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const lower = value.toLowerCase();
  return lower !== "false" && lower !== "0";
}

/** An integer parameter; absent or empty is undefined, anything else must be a base-10 integer (400). */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name)?.trim();
  if (value === undefined || value === "") return undefined;
  if (!/^[+-]?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw newBadRequest(`invalid value for query parameter ${name}: ${JSON.stringify(value)} is not an integer`);
  }
  return Number(value);
}

/** A string parameter; absent is undefined. */
export function stringParam(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) ?? undefined;
}

// ---- list and watch ----------------------------------------------------------

/** The fields every resource can be selected by, plus the definition's own. */
export function supportedFieldSelectors(def: ResourceDefinition<KubeObject>): Set<string> {
  return new Set(["metadata.name", "metadata.namespace", ...Object.keys(def.selectableFields ?? {})]);
}

function parseResourceFieldSelector(text: string, def: ResourceDefinition<KubeObject>): FieldSelector {
  const selector = parseFieldSelector(text);
  const supported = supportedFieldSelectors(def);
  for (const r of selector.requirements()) {
    if (!supported.has(r.field)) throw newBadRequest(`field label not supported: ${r.field}`);
  }
  return selector;
}

function listOptionsInvalid(errs: FieldError[]) {
  return newInvalid({ group: META_GROUP, kind: "ListOptions" }, "", errs);
}

/** ValidateListOptions for a list (upstream: meta/internalversion/validation). */
function validateListOptions(match: string, resourceVersion: string, cont: string, sendInitialEvents: boolean | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (match !== "") {
    if (resourceVersion === "") {
      errs.push(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
    }
    if (cont !== "") errs.push(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
    if (match !== "Exact" && match !== "NotOlderThan") {
      errs.push(notSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan", ""]));
    }
    if (match === "Exact" && resourceVersion === "0") {
      errs.push(forbidden("resourceVersionMatch", 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
  }
  if (sendInitialEvents !== undefined) errs.push(forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
  return errs;
}

/** ValidateListOptions for a watch: resourceVersionMatch only goes with sendInitialEvents. */
function validateWatchOptions(
  match: string,
  cont: string,
  sendInitialEvents: boolean | undefined,
  allowWatchBookmarks: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  if (sendInitialEvents !== undefined) {
    if (match !== "NotOlderThan") {
      errs.push(forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
    }
    if (!allowWatchBookmarks) {
      errs.push(forbidden("allowWatchBookmarks", "sendInitialEvents requires setting allowWatchBookmarks to true"));
    }
  }
  if (match !== "") {
    if (sendInitialEvents === undefined) {
      errs.push(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
    }
    if (match !== "NotOlderThan") errs.push(notSupported("resourceVersionMatch", match, ["NotOlderThan"]));
    if (cont !== "") errs.push(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
  }
  return errs;
}

export interface ListRequest {
  watch: boolean;
  /** The object name from the path (or from a metadata.name field selector): the list is narrowed to it. */
  name: string;
}

/** Decodes and validates a list or watch's query into ListParams. */
export function parseListParams(query: URLSearchParams, def: ResourceDefinition<KubeObject>, request: ListRequest): ListParams {
  const params: ListParams = {};

  const labelText = query.get("labelSelector");
  if (labelText) params.labelSelector = parseLabelSelector(labelText);

  const fieldText = query.get("fieldSelector");
  let fieldSelector = fieldText ? parseResourceFieldSelector(fieldText, def) : undefined;
  if (request.name !== "") {
    // A watch of one object (or a list narrowed by the request's name) selects
    // that name; a field selector may only repeat it.
    if (fieldSelector !== undefined && !fieldSelector.empty()) {
      if (fieldSelector.requiresExactMatch("metadata.name") !== request.name) {
        throw newBadRequest("fieldSelector metadata.name doesn't match requested name");
      }
    } else {
      fieldSelector = oneTermEqualFieldSelector("metadata.name", request.name);
    }
  }
  if (fieldSelector !== undefined) params.fieldSelector = fieldSelector;

  const resourceVersion = query.get("resourceVersion") ?? "";
  const match = query.get("resourceVersionMatch") ?? "";
  const cont = query.get("continue") ?? "";
  const sendInitialEvents = boolParam(query, "sendInitialEvents");
  const allowWatchBookmarks = boolParam(query, "allowWatchBookmarks") ?? false;
  const errs = request.watch
    ? validateWatchOptions(match, cont, sendInitialEvents, allowWatchBookmarks)
    : validateListOptions(match, resourceVersion, cont, sendInitialEvents);
  if (errs.length > 0) throw listOptionsInvalid(errs);
  if (!request.watch && cont !== "" && resourceVersion !== "" && resourceVersion !== "0") {
    throw newBadRequest("specifying resource version is not allowed when using continue");
  }

  if (resourceVersion !== "") params.resourceVersion = resourceVersion;
  if (match !== "") params.resourceVersionMatch = match as ResourceVersionMatch;
  if (cont !== "") params.continue = cont;
  const limit = intParam(query, "limit");
  if (limit !== undefined && limit > 0) params.limit = limit;
  const timeoutSeconds = intParam(query, "timeoutSeconds");
  if (timeoutSeconds !== undefined) params.timeoutSeconds = timeoutSeconds;
  if (request.watch) {
    params.allowWatchBookmarks = allowWatchBookmarks;
    if (sendInitialEvents !== undefined) params.sendInitialEvents = sendInitialEvents;
  }
  return params;
}

// ---- create, update, patch -----------------------------------------------------

/** What every write accepts in its query (metav1 CreateOptions, UpdateOptions, PatchOptions). */
export interface WriteOptions {
  dryRun: boolean;
  fieldManager?: string;
  fieldValidation: FieldValidation;
}

export type WriteOptionsKind = "CreateOptions" | "UpdateOptions" | "PatchOptions";

export const FIELD_MANAGER_MAX_LENGTH = 128;
const FIELD_VALIDATIONS = ["Ignore", "Strict", "Warn"] as const;

function validateDryRun(values: readonly string[]): FieldError[] {
  return values.every((v) => v === DRY_RUN_ALL) ? [] : [notSupported("dryRun", values, [DRY_RUN_ALL])];
}

function isPrintable(ch: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
}

/**
 * The field manager a write without `fieldManager` is recorded under: the
 * User-Agent up to its first slash, printable characters only, at most 128 bytes.
 */
export function fieldManagerFromUserAgent(userAgent: string | undefined): string {
  const product = (userAgent ?? "").split("/", 1)[0] ?? "";
  let out = "";
  for (const ch of product) {
    if (!isPrintable(ch)) continue;
    if (Buffer.byteLength(out + ch) > FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
  }
  return out;
}

/** Decodes and validates the query of a create, update or patch (422 on `kind` when invalid). */
export function parseWriteOptions(query: URLSearchParams, kind: WriteOptionsKind, userAgent: string | undefined): WriteOptions {
  const errs: FieldError[] = [];
  const dryRun = query.getAll("dryRun");
  errs.push(...validateDryRun(dryRun));

  const fieldManager = query.get("fieldManager") ?? "";
  if (Buffer.byteLength(fieldManager) > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong("fieldManager", FIELD_MANAGER_MAX_LENGTH));
  [...fieldManager].forEach((ch, i) => {
    if (!isPrintable(ch)) {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
      errs.push(invalid("fieldManager", fieldManager, `invalid character ${code} (at position ${i})`));
    }
  });

  const fieldValidation = query.get("fieldValidation") ?? "";
  if (fieldValidation !== "" && !(FIELD_VALIDATIONS as readonly string[]).includes(fieldValidation)) {
    errs.push(notSupported("fieldValidation", fieldValidation, ["", ...FIELD_VALIDATIONS]));
  }
  // `force` belongs to server-side apply, the only patch type that may carry it.
  if (kind === "PatchOptions" && query.has("force")) {
    errs.push(forbidden("force", "may not be specified for non-apply patch"));
  }
  if (errs.length > 0) throw newInvalid({ group: META_GROUP, kind }, "", errs);

  const manager = fieldManager !== "" ? fieldManager : fieldManagerFromUserAgent(userAgent);
  return {
    dryRun: dryRun.length > 0,
    ...(manager !== "" ? { fieldManager: manager } : {}),
    // An absent fieldValidation means Warn (kubectl sends Strict itself).
    fieldValidation: fieldValidation === "" ? "Warn" : (fieldValidation as FieldValidation),
  };
}

// ---- delete and deletecollection ----------------------------------------------------

/** DeleteOptions from the query: gracePeriodSeconds, propagationPolicy, orphanDependents, dryRun. */
export function deleteOptionsFromQuery(query: URLSearchParams): DeleteOptions {
  const opts: DeleteOptions = {};
  const grace = intParam(query, "gracePeriodSeconds");
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  const policy = query.get("propagationPolicy");
  if (policy !== null && policy !== "") opts.propagationPolicy = policy;
  const orphan = boolParam(query, "orphanDependents");
  if (orphan !== undefined) opts.orphanDependents = orphan;
  const dryRun = query.getAll("dryRun");
  if (dryRun.length > 0) opts.dryRun = dryRun;
  return opts;
}

const decodeDeleteOptionsMessage = META_PROTOBUF.decoderFor({ group: META_GROUP, version: "v1", kind: "DeleteOptions" });

/** A protobuf DeleteOptions body as its JSON value (typed clients send `v1` DeleteOptions so). */
function protobufDeleteOptions(body: Buffer): Record<string, unknown> {
  const { typeMeta, message } = readProtobufBody(body);
  if (typeMeta.kind !== undefined && typeMeta.kind !== "DeleteOptions") return typeMeta; // reported below
  if (decodeDeleteOptionsMessage === undefined) throw new Error("no protobuf table for DeleteOptions");
  try {
    return { ...typeMeta, ...decodeDeleteOptionsMessage(message) };
  } catch (err) {
    if (err instanceof ProtobufError) throw new BodySyntaxError(err.message);
    throw err;
  }
}

/**
 * DeleteOptions from a JSON, YAML or protobuf body. Any group's DeleteOptions
 * is accepted (clients send `v1`, `meta.k8s.io/v1` or their own group's), but
 * the kind, when present, must be DeleteOptions.
 */
export function deleteOptionsFromBody(body: Buffer, format: InputFormat): DeleteOptions {
  let value: unknown;
  try {
    value = format === "protobuf" ? protobufDeleteOptions(body) : parseRawBody(body, format, false).value;
  } catch (err) {
    if (err instanceof BodySyntaxError) throw newBadRequest(`unable to decode DeleteOptions: ${err.message}`);
    throw err;
  }
  if (!isPlainObject(value)) throw newBadRequest("unable to decode DeleteOptions: the body must be an object");
  if (value.kind !== undefined && value.kind !== null && value.kind !== "" && value.kind !== "DeleteOptions") {
    throw newBadRequest(`unable to decode DeleteOptions: the body is a ${String(value.kind)}, not DeleteOptions`);
  }
  const result = DeleteOptionsSchema.safeParse(value);
  if (!result.success) throw newBadRequest(`unable to decode DeleteOptions: ${describeSchemaError(result.error)}`);
  return result.data;
}

/** ValidateDeleteOptions: 422 on DeleteOptions.meta.k8s.io. */
export function validateDeleteOptions(opts: DeleteOptions): void {
  const errs: FieldError[] = [];
  if (opts.orphanDependents !== undefined && opts.propagationPolicy !== undefined) {
    errs.push(invalid("propagationPolicy", opts.propagationPolicy, "orphanDependents and deletionPropagation cannot be both set"));
  }
  if (opts.propagationPolicy !== undefined && !(DELETION_PROPAGATIONS as readonly string[]).includes(opts.propagationPolicy)) {
    errs.push(notSupported("propagationPolicy", opts.propagationPolicy, ["Foreground", "Background", "Orphan", "nil"]));
  }
  errs.push(...validateDryRun(opts.dryRun ?? []));
  if (errs.length > 0) throw newInvalid({ group: META_GROUP, kind: "DeleteOptions" }, "", errs);
}

// ---- Table ------------------------------------------------------------------

/** What each Table row carries as `object` (metav1.IncludeObjectPolicy). */
export type IncludeObjectPolicy = "Metadata" | "Object" | "None";

export interface TableOptions {
  includeObject: IncludeObjectPolicy;
}

/** TableOptions from the query; 400 for an unknown includeObject, worded as upstream. */
export function parseTableOptions(query: URLSearchParams): TableOptions {
  const include = query.get("includeObject") ?? "";
  if (include === "") return { includeObject: "Metadata" };
  if (include === "Metadata" || include === "Object" || include === "None") return { includeObject: include };
  const err = invalid("includeObject", include, "must be 'Metadata', 'Object', 'None', or empty");
  throw newBadRequest(`Unable to convert to Table as requested: ${err.toString()}`);
}
