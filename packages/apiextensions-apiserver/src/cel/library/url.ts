// Kubernetes' URL library (k8s.io/apiserver/pkg/cel/library/urls.go):
// url(), isURL() and the parts of a URL. Like Go's url.ParseRequestURI, a
// URL is absolute (with a scheme) or an absolute path.

import { T } from "../types.js";
import { EvalError, MapValue, OpaqueValue, type Value } from "../values.js";
import { type Overload, fn, method } from "./overload.js";

export const URL_TYPE = T.opaque("kubernetes.URL");

interface Parts {
  scheme: string;
  host: string;
  escapedPath: string;
  rawQuery: string;
}

export class URLValue extends OpaqueValue {
  readonly typeName = "kubernetes.URL";
  constructor(readonly source: string, readonly parts: Parts) {
    super();
  }
  equals(other: OpaqueValue): boolean {
    return other instanceof URLValue && other.source === this.source;
  }
}

function parseURL(s: string): Parts | undefined {
  if (s === "" || /[\s\x00-\x1f]/.test(s)) return undefined;
  const noFragment = s.split("#")[0]!;
  if (noFragment.startsWith("/")) {
    const [path, query = ""] = splitOnce(noFragment, "?");
    return { scheme: "", host: "", escapedPath: path, rawQuery: query };
  }
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(noFragment);
  if (!m) return undefined;
  const scheme = m[1]!;
  let rest = m[2]!;
  let host = "";
  if (rest.startsWith("//")) {
    rest = rest.slice(2);
    const end = rest.search(/[/?]/);
    host = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? "" : rest.slice(end);
    const at = host.lastIndexOf("@");
    if (at >= 0) host = host.slice(at + 1);
    if (/^\[/.test(host) && !/^\[[0-9a-fA-F:.]+\](:\d*)?$/.test(host)) return undefined;
  } else if (!rest.startsWith("/")) {
    return undefined;
  }
  const [path, query = ""] = splitOnce(rest, "?");
  return { scheme, host, escapedPath: path, rawQuery: query };
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

function hostname(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  const colon = host.lastIndexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}

function port(host: string): string {
  const h = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host;
  const colon = h.lastIndexOf(":");
  return colon >= 0 ? h.slice(colon + 1) : "";
}

function query(raw: string): Value {
  const groups = new Map<string, string[]>();
  if (raw !== "") {
    for (const pair of raw.split("&")) {
      if (pair === "") continue;
      const [k, v = ""] = splitOnce(pair, "=");
      const key = decodeURIComponent(k.replace(/\+/g, " "));
      groups.set(key, [...(groups.get(key) ?? []), decodeURIComponent(v.replace(/\+/g, " "))]);
    }
  }
  return new MapValue([...groups].map(([k, v]) => [k, v] as [string, Value]));
}

const url = (v: Value) => (v as URLValue).parts;

export const urlLibrary: Overload[] = [
  fn("url", [T.string], URL_TYPE, (s) => {
    const parts = parseURL(s as string);
    if (!parts) throw new EvalError(`URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`);
    return new URLValue(s as string, parts);
  }),
  fn("isURL", [T.string], T.bool, (s) => parseURL(s as string) !== undefined),
  method("getScheme", [URL_TYPE], T.string, (u) => url(u).scheme),
  method("getHost", [URL_TYPE], T.string, (u) => url(u).host),
  method("getHostname", [URL_TYPE], T.string, (u) => hostname(url(u).host)),
  method("getPort", [URL_TYPE], T.string, (u) => port(url(u).host)),
  method("getEscapedPath", [URL_TYPE], T.string, (u) => url(u).escapedPath),
  method("getQuery", [URL_TYPE], T.map(T.string, T.list(T.string)), (u) => query(url(u).rawQuery)),
  fn("string", [URL_TYPE], T.string, (u) => (u as URLValue).source),
];
