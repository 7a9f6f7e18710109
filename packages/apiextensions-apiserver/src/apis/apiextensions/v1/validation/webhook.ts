// Validation of how a webhook is reached (upstream: k8s.io/apiserver
// util/webhook/validation.go): a URL, or a Service reference, and the CA
// bundle that verifies it.

import { X509Certificate } from "node:crypto";
import { type FieldError, FieldPath, invalid, isDNS1123Subdomain, required } from "@tskube/apimachinery";

const URL_FORM = "; desired format: https://host[/path]";

export function validateWebhookURL(path: FieldPath, text: string): FieldError[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Go's url.Parse accepts almost anything; what WHATWG URL refuses would have no scheme or host there.
    return [invalid(path, "", `host must be specified${URL_FORM}`)];
  }
  const errs: FieldError[] = [];
  const scheme = url.protocol.replace(/:$/, "");
  if (scheme !== "https") errs.push(invalid(path, scheme, `'https' is the only allowed URL scheme${URL_FORM}`));
  if (url.host === "") errs.push(invalid(path, url.host, `host must be specified${URL_FORM}`));
  if (url.username !== "" || url.password !== "") {
    const user = url.password !== "" ? `${url.username}:${url.password}` : url.username;
    errs.push(invalid(path, user, "user information is not permitted in the URL"));
  }
  if (url.hash !== "") errs.push(invalid(path, url.hash.slice(1), "fragments are not permitted in the URL"));
  if (url.search !== "") errs.push(invalid(path, url.search.slice(1), "query parameters are not permitted in the URL"));
  return errs;
}

export function validateWebhookService(
  path: FieldPath,
  service: { namespace: string; name: string; path?: string | undefined; port?: number | undefined },
): FieldError[] {
  const errs: FieldError[] = [];
  if (service.name === "") errs.push(required(path.child("name")));
  if (service.namespace === "") errs.push(required(path.child("namespace")));
  const port = service.port ?? 443;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    errs.push(invalid(path.child("port"), port, "port is not valid: must be between 1 and 65535, inclusive"));
  }
  const urlPath = service.path;
  if (urlPath === undefined || urlPath === "" || urlPath === "/") return errs;
  const pathField = path.child("path");
  if (urlPath === "//") return [...errs, invalid(pathField, urlPath, "segment[0] may not be empty")];
  if (!urlPath.startsWith("/")) errs.push(invalid(pathField, urlPath, "must start with a '/'"));
  let rest = urlPath.slice(1);
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  rest.split("/").forEach((step, i) => {
    if (step === "") {
      errs.push(invalid(pathField, urlPath, `segment[${i}] may not be empty`));
      return;
    }
    for (const msg of isDNS1123Subdomain(step)) errs.push(invalid(pathField, urlPath, `segment[${i}]: ${msg}`));
  });
  return errs;
}

/** The certificates of a PEM bundle; throws when it holds none that parse. */
export function parseCABundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const certs: X509Certificate[] = [];
  for (const block of blocks) {
    try {
      certs.push(new X509Certificate(block));
    } catch {
      throw new Error("unable to load root certificates: failed to parse certificate");
    }
  }
  if (certs.length === 0) throw new Error("unable to load root certificates: unable to parse bytes as PEM block");
  return certs;
}

/** `caBundle` is base64 of PEM text (decoding has already checked the base64). */
export function validateCABundle(path: FieldPath | string, caBundle: string): FieldError[] {
  try {
    parseCABundle(Buffer.from(caBundle, "base64").toString("utf8"));
    return [];
  } catch (err) {
    return [invalid(path, caBundle, (err as Error).message)];
  }
}

export function isValidCABundle(caBundle: string): boolean {
  return validateCABundle(FieldPath.root("caBundle"), caBundle).length === 0;
}
