// Validation of StorageClasses (upstream v1.32: ValidateStorageClass and
// ValidateStorageClassUpdate; an update runs both):
//
// - provisioner is required and, lower-cased, a qualified name;
// - parameters: at most 512, no empty key, 256 KiB of keys and values in all;
// - reclaimPolicy Delete or Retain; volumeBindingMode Immediate or WaitForFirstConsumer;
// - allowedTopologies: each term's expressions have a label key, at least
//   one value and no value twice, and no key twice; no term twice;
// - on update: provisioner, parameters, reclaimPolicy and volumeBindingMode cannot change.

import { isDeepStrictEqual } from "node:util";
import {
  type FieldError,
  FieldPath,
  duplicate,
  forbidden,
  invalid,
  isQualifiedName,
  notSupported,
  required,
  tooLong,
  validateLabelName,
} from "@tskube/apimachinery";
import { RECLAIM_POLICIES, type StorageClass, type TopologySelectorTerm, VOLUME_BINDING_MODES } from "./schema.js";

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_BYTES = 256 * 1024;

/** A term's expressions as key -> set of values; errors for bad keys, missing or repeated values, repeated keys. */
function validateTerm(term: TopologySelectorTerm, path: FieldPath): { expressions: Map<string, Set<string>>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const expressions = new Map<string, Set<string>>();
  (term.matchLabelExpressions ?? []).forEach((req, i) => {
    const reqPath = path.child("matchLabelExpressions").index(i);
    const values = new Set<string>();
    if (req.values.length === 0) errs.push(required(reqPath.child("values"), ""));
    req.values.forEach((value, j) => {
      if (values.has(value)) errs.push(duplicate(reqPath.child("values").index(j), value));
      values.add(value);
    });
    errs.push(...validateLabelName(req.key, reqPath.child("key")));
    if (expressions.has(req.key)) errs.push(duplicate(reqPath.child("key"), req.key));
    expressions.set(req.key, values);
  });
  return { expressions, errs };
}

/** Whether two terms select the same thing: the same keys with the same sets of values. */
function sameExpressions(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, values] of a) {
    const other = b.get(key);
    if (other === undefined || other.size !== values.size || [...values].some((v) => !other.has(v))) return false;
  }
  return true;
}

function validateAllowedTopologies(terms: readonly TopologySelectorTerm[], path: FieldPath): FieldError[] {
  if (terms.length === 0) return [];
  const errs: FieldError[] = [];
  // Upstream compares each term with the ones before it and, through a
  // quirk, with as many empty ones as there are terms: a term without
  // expressions is reported as a duplicate that many times.
  const seen: Map<string, Set<string>>[] = terms.map(() => new Map());
  terms.forEach((term, i) => {
    const { expressions, errs: termErrs } = validateTerm(term, path.index(i));
    errs.push(...termErrs);
    for (const earlier of seen) {
      if (sameExpressions(expressions, earlier)) errs.push(duplicate(path.index(i).child("matchLabelExpressions"), ""));
    }
    seen.push(expressions);
  });
  return errs;
}

export function validateStorageClass(sc: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = sc.provisioner ?? "";
  if (provisioner === "") errs.push(required("provisioner", ""));
  else for (const msg of isQualifiedName(provisioner.toLowerCase())) errs.push(invalid("provisioner", provisioner.toLowerCase(), msg));

  const params = Object.entries(sc.parameters ?? {});
  if (params.length > MAX_PARAMETERS) {
    errs.push(tooLong("parameters", MAX_PARAMETERS));
  } else {
    let size = 0;
    for (const [key, value] of params) {
      if (key === "") errs.push(invalid("parameters", key, "field can not be empty."));
      size += Buffer.byteLength(key) + Buffer.byteLength(value);
    }
    if (size > MAX_PARAMETERS_BYTES) errs.push(tooLong("parameters", MAX_PARAMETERS_BYTES));
  }

  const reclaim = sc.reclaimPolicy ?? "";
  if (reclaim !== "" && !(RECLAIM_POLICIES as readonly string[]).includes(reclaim)) {
    errs.push(notSupported("reclaimPolicy", reclaim, [...RECLAIM_POLICIES]));
  }
  const mode = sc.volumeBindingMode;
  if (mode === undefined) errs.push(required("volumeBindingMode", ""));
  else if (!(VOLUME_BINDING_MODES as readonly string[]).includes(mode)) errs.push(notSupported("volumeBindingMode", mode, [...VOLUME_BINDING_MODES]));

  errs.push(...validateAllowedTopologies(sc.allowedTopologies ?? [], FieldPath.root("allowedTopologies")));
  return errs;
}

export function validateStorageClassUpdate(sc: StorageClass, old: StorageClass): FieldError[] {
  const errs = validateStorageClass(sc);
  if (!isDeepStrictEqual(sc.parameters, old.parameters)) errs.push(forbidden("parameters", "updates to parameters are forbidden."));
  if ((sc.provisioner ?? "") !== (old.provisioner ?? "")) errs.push(forbidden("provisioner", "updates to provisioner are forbidden."));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
  if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(invalid("volumeBindingMode", sc.volumeBindingMode ?? null, "field is immutable"));
  return errs;
}
