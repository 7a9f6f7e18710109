// String formats the API enforces on names, label keys and label values
// (upstream's k8s.io/apimachinery/pkg/util/validation). Each check returns a
// list of messages, empty when the value is fine; callers wrap them into
// FieldErrors. The message text is what clients see, so it follows upstream
// word for word, including its quirks (the double space in "(e.g. 'a',  or 'b', ...").

const textEncoder = new TextEncoder();

/** Length in UTF-8 bytes: upstream's limits count bytes, not characters. */
export function byteLength(value: string): number {
  return textEncoder.encode(value).length;
}

// ---- message helpers -------------------------------------------------------

/** `must be no more than 63 characters` */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** Explains a failed pattern: `<message> (e.g. 'a',  or 'b', regex used for validation is '<pattern>')`. */
export function regexError(message: string, pattern: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${pattern}')`;
  const shown = examples.map((e, i) => `${i > 0 ? " or " : ""}'${e}', `).join("");
  return `${message} (e.g. ${shown}regex used for validation is '${pattern}')`;
}

/** `must be non-empty` */
export function emptyError(): string {
  return "must be non-empty";
}

// ---- DNS names ---------------------------------------------------------------

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;

const dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";

const dns1123LabelRegexp = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1035LabelRegexp = new RegExp(`^${dns1035LabelFmt}$`);

const dns1123LabelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123SubdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1035LabelMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

/** A DNS label (RFC 1123): lower-case alphanumerics and '-', at most 63 characters. Namespace names use it. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelRegexp.test(value)) {
    // A valid subdomain that is not a valid label can only be wrong because of its dots.
    if (dns1123SubdomainRegexp.test(value)) errs.push("must not contain dots");
    else errs.push(regexError(dns1123LabelMsg, dns1123LabelFmt, "my-name", "123-abc"));
  }
  return errs;
}

/** A DNS subdomain (RFC 1123): dot-separated labels, at most 253 characters. Most object names use it. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRegexp.test(value)) errs.push(regexError(dns1123SubdomainMsg, dns1123SubdomainFmt, "example.com"));
  return errs;
}

/** A DNS-1035 label: like an RFC 1123 label but starting with a letter. Service names use it. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelRegexp.test(value)) errs.push(regexError(dns1035LabelMsg, dns1035LabelFmt, "my-name", "abc-123"));
  return errs;
}

// ---- qualified names and label values ----------------------------------------

export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;

const qualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const labelValueFmt = `(${qualifiedNameFmt})?`;
const qualifiedNameRegexp = new RegExp(`^${qualifiedNameFmt}$`);
const labelValueRegexp = new RegExp(`^${labelValueFmt}$`);

const qualifiedNameMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/**
 * A qualified name, the format of label and annotation keys: an optional
 * DNS-subdomain prefix and '/', then a name of at most 63 characters
 * (`app`, `example.com/tier`).
 */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? "";
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    name = parts[1] ?? "";
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isDNS1123Subdomain(prefix).map((msg) => `prefix part ${msg}`));
  } else {
    return [
      `a qualified name ${regexError(qualifiedNameMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc")}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }

  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!qualifiedNameRegexp.test(name)) {
    errs.push(`name part ${regexError(qualifiedNameMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc")}`);
  }
  return errs;
}

/** A label value: empty, or up to 63 alphanumerics, '-', '_' and '.', starting and ending alphanumeric. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValueRegexp.test(value)) errs.push(regexError(labelValueMsg, labelValueFmt, "MyValue", "my_value", "12345"));
  return errs;
}

// ---- object names (ValidateNameFunc) -----------------------------------------

/**
 * Validates an object name for one kind. `prefix` is true when the value is a
 * generateName prefix: random characters will follow, so a trailing '-' is fine.
 */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/** A prefix may end in '-'; swap that end for a letter before checking (as upstream does). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith("-") ? `${name.slice(0, -2)}a` : name;
}

/** Names that must be DNS subdomains (most kinds: ConfigMap, Deployment, ...). */
export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** Names that must be DNS labels (Namespace, ...). */
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** Names that must be DNS-1035 labels (Service, ...). */
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** Namespace names are DNS labels. */
export const validateNamespaceName: ValidateNameFunc = nameIsDNSLabel;
