// Content negotiation (upstream: endpoints/handlers/negotiation).
//
// Output: the Accept header is a list of media ranges, tried in order of
// preference. We serve JSON and YAML; a range may also ask for the response to
// be transformed into another kind of meta.k8s.io:
//
//   application/json;as=Table;v=v1;g=meta.k8s.io            what kubectl get asks for
//   application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io   metadata-only informers
//
// A range we cannot honour (protobuf, CBOR, an unknown `as`) is skipped, so
// `application/vnd.kubernetes.protobuf,application/json` gets JSON. When no
// range fits, the answer is 406 NotAcceptable.
//
// Input: the Content-Type of a request body must be JSON or YAML, or
// Kubernetes' protobuf where the endpoint has a decoder for its kind (built-in
// kinds; kubectl's typed clients send it); 415 otherwise.

import { PROTOBUF_MEDIA_TYPE, StatusError, newNotAcceptable, newUnsupportedMediaType } from "@tskube/apimachinery";

export type OutputFormat = "json" | "yaml";

/** Kinds a response may be transformed into (meta.k8s.io, versions v1 and v1beta1). */
export type TransformKind = "Table" | "PartialObjectMetadata" | "PartialObjectMetadataList";

export const META_GROUP = "meta.k8s.io";

export interface TransformTarget {
  kind: TransformKind;
  version: "v1" | "v1beta1";
}

/** The outcome of output negotiation. */
export interface MediaTypeOptions {
  format: OutputFormat;
  /** Set when the client asked for a Table or PartialObjectMetadata(List) instead of the object. */
  convert?: TransformTarget;
  /** The media type asked for `pretty=1`. */
  pretty: boolean;
}

const OUTPUT_MEDIA_TYPES: Readonly<Record<OutputFormat, string>> = {
  json: "application/json",
  yaml: "application/yaml",
};

/** The media types we decode and encode objects in. */
export const SUPPORTED_MEDIA_TYPES: readonly string[] = [OUTPUT_MEDIA_TYPES.json, OUTPUT_MEDIA_TYPES.yaml];
/** The media types a watch can stream in (YAML has no framing for a stream). */
export const STREAMING_MEDIA_TYPES: readonly string[] = [OUTPUT_MEDIA_TYPES.json];

export function contentTypeOf(format: OutputFormat): string {
  return OUTPUT_MEDIA_TYPES[format];
}

/** One entry of an Accept header. */
export interface MediaRange {
  type: string;
  subtype: string;
  /** Parameters other than `q`, names lowercased. */
  params: Record<string, string>;
  /** The `q` weight, 1 when absent. */
  q: number;
}

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '"') quoted = !quoted;
    else if (ch === "\\" && quoted) i++;
    else if (ch === sep && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return value;
}

/**
 * Parses an Accept header into media ranges, most preferred first: by `q`,
 * keeping the client's order among equal weights. Malformed entries are dropped.
 */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const entry of splitOutsideQuotes(header, ",")) {
    const [mediaRange = "", ...paramTexts] = splitOutsideQuotes(entry, ";").map((s) => s.trim());
    if (mediaRange === "") continue;
    // A bare "*" is sent by some clients for "*/*".
    const [type, subtype] = mediaRange === "*" ? ["*", "*"] : mediaRange.toLowerCase().split("/", 2);
    if (!type || !subtype) continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const p of paramTexts) {
      const eq = p.indexOf("=");
      if (eq <= 0) continue;
      const name = p.slice(0, eq).trim().toLowerCase();
      const value = unquote(p.slice(eq + 1).trim());
      if (name === "q") {
        const weight = Number(value);
        q = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 1) : 0;
      } else {
        params[name] = value;
      }
    }
    ranges.push({ type, subtype, params, q });
  }
  // Array.prototype.sort is stable, so equal weights keep the client's order.
  return ranges.sort((a, b) => b.q - a.q);
}

const TRANSFORM_KINDS: ReadonlySet<string> = new Set<TransformKind>(["Table", "PartialObjectMetadata", "PartialObjectMetadataList"]);

/** What an endpoint can produce besides its own objects. */
export interface EndpointRestrictions {
  /** Table and PartialObjectMetadata(List) may be asked for (resource endpoints; not errors). */
  allowTransforms: boolean;
  /** The response is a watch stream. */
  stream: boolean;
}

/** The format a media range selects, or undefined when we cannot produce it. */
function formatFor(range: MediaRange): OutputFormat | undefined {
  if (range.type === "*" && range.subtype === "*") return "json";
  if (range.type !== "application") return undefined;
  if (range.subtype === "*" || range.subtype === "json") return "json";
  if (range.subtype === "yaml") return "yaml";
  return undefined;
}

/** How a media range wants the response transformed: undefined = no transform, null = one we cannot do. */
function transformFor(range: MediaRange): TransformTarget | undefined | null {
  const { as, g, v } = range.params;
  if (as === undefined && g === undefined && v === undefined) return undefined;
  if (as === undefined || !TRANSFORM_KINDS.has(as) || g !== META_GROUP) return null;
  if (v !== "v1" && v !== "v1beta1") return null;
  return { kind: as as TransformKind, version: v };
}

/** The options of the first media range the endpoint can satisfy, or undefined. */
export function selectMediaType(
  ranges: readonly MediaRange[],
  restrictions: EndpointRestrictions,
): MediaTypeOptions | undefined {
  for (const range of ranges) {
    if (range.q <= 0) continue;
    const format = formatFor(range);
    if (format === undefined) continue;
    if (restrictions.stream && format !== "json") continue;
    // `stream=watch` is the only stream schema there is.
    const stream = range.params.stream;
    if (stream !== undefined && stream !== "" && stream !== "watch") continue;
    const convert = transformFor(range);
    if (convert === null) continue;
    if (convert !== undefined && !restrictions.allowTransforms) continue;
    return { format, pretty: range.params.pretty === "1", ...(convert ? { convert } : {}) };
  }
  return undefined;
}

/**
 * Negotiates the response media type from an Accept header (absent = anything).
 * Throws 406 NotAcceptable listing what we serve when nothing fits.
 */
export function negotiateOutput(accept: string | undefined, restrictions: EndpointRestrictions): MediaTypeOptions {
  const ranges = parseAccept(accept === undefined || accept.trim() === "" ? "*/*" : accept);
  const selected = selectMediaType(ranges, restrictions);
  if (selected === undefined) throw notAcceptable(restrictions.stream ? STREAMING_MEDIA_TYPES : SUPPORTED_MEDIA_TYPES);
  return selected;
}

export function notAcceptable(accepted: readonly string[]): StatusError {
  return newNotAcceptable(`only the following media types are accepted: ${accepted.join(", ")}`);
}

export function unsupportedMediaType(accepted: readonly string[]): StatusError {
  return newUnsupportedMediaType(
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );
}

/** The media type of a Content-Type header, lowercased, without parameters ("" when absent). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

/** The formats a request body may come in. */
export type InputFormat = OutputFormat | "protobuf";

/**
 * The format of a request body; an absent Content-Type means JSON. Protobuf
 * only when `protobuf` says the endpoint can decode it. Throws 415 otherwise,
 * listing what the endpoint accepts.
 */
export function negotiateInput(contentType: string | undefined, protobuf = false): InputFormat {
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === "" || mediaType === OUTPUT_MEDIA_TYPES.json) return "json";
  if (mediaType === OUTPUT_MEDIA_TYPES.yaml) return "yaml";
  if (protobuf && mediaType === PROTOBUF_MEDIA_TYPE) return "protobuf";
  throw unsupportedMediaType(protobuf ? [...SUPPORTED_MEDIA_TYPES, PROTOBUF_MEDIA_TYPE] : SUPPORTED_MEDIA_TYPES);
}
