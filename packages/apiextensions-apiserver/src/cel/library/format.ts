// Kubernetes' format library (k8s.io/apiserver/pkg/cel/library/format.go):
// `format.named("dns1123Label")` or `format.dns1123Label()`, then
// `.validate(s)`: optional.none() when valid, else the list of problems.

import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from "@tskube/apimachinery";
import { isDate, isDateTime, isURI, stringFormatChecker } from "../../schema/formats.js";
import { T } from "../types.js";
import { OpaqueValue, Optional, type Value } from "../values.js";
import { type Overload, fn, linearCost, method } from "./overload.js";

export const FORMAT_TYPE = T.opaque("kubernetes.NamedFormat");

/** A prefix for generateName: may end in a dash, which is masked before checking. */
const prefix = (check: (s: string) => string[]) => (s: string) => check(s.endsWith("-") ? `${s.slice(0, -1)}a` : s);
const fromCheck = (ok: (s: string) => boolean, what: string) => (s: string) => (ok(s) ? [] : [`does not match the ${what} format`]);

const FORMATS: Record<string, (s: string) => string[]> = {
  dns1123Label: isDNS1123Label,
  dns1123Subdomain: isDNS1123Subdomain,
  dns1035Label: isDNS1035Label,
  qualifiedName: isQualifiedName,
  dns1123LabelPrefix: prefix(isDNS1123Label),
  dns1123SubdomainPrefix: prefix(isDNS1123Subdomain),
  dns1035LabelPrefix: prefix(isDNS1035Label),
  labelValue: isValidLabelValue,
  uri: fromCheck(isURI, "uri"),
  uuid: fromCheck(stringFormatChecker("uuid")!, "uuid"),
  byte: fromCheck(stringFormatChecker("byte")!, "byte"),
  date: fromCheck(isDate, "date"),
  datetime: fromCheck(isDateTime, "datetime"),
};

export class FormatValue extends OpaqueValue {
  readonly typeName = "kubernetes.NamedFormat";
  constructor(readonly name: string) {
    super();
  }
  equals(other: OpaqueValue): boolean {
    return other instanceof FormatValue && other.name === this.name;
  }
}

export const formatLibrary: Overload[] = [
  fn("format.named", [T.string], T.optional(FORMAT_TYPE), (n) => (FORMATS[n as string] ? Optional.of(new FormatValue(n as string)) : Optional.none)),
  ...Object.keys(FORMATS).map((name) => fn(`format.${name}`, [], FORMAT_TYPE, () => new FormatValue(name))),
  method("validate", [FORMAT_TYPE, T.string], T.optional(T.list(T.string)), (f, s) => {
    const problems = FORMATS[(f as FormatValue).name]!(s as string);
    return problems.length === 0 ? Optional.none : Optional.of(problems as readonly Value[]);
  }, linearCost),
];
