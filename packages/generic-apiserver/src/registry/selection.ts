// Which objects a list or watch reads: the label and field selectors as a
// storage predicate, and the narrowest key range that can hold the matches.
//
// fieldSelector accepts only the fields the resource declares selectable:
// metadata.name and metadata.namespace everywhere, plus the definition's
// selectableFields (pods: spec.nodeName, ...). Anything else is a 400
// `field label not supported: <field>`, as upstream.

import { type KubeObject, newBadRequest, validateNamespaceName } from "@tskube/apimachinery";
import type { ObjectAttrs, SelectionPredicate } from "@tskube/storage";
import type { ResourceKeys } from "./keys.js";
import type { ResourceDefinition } from "./resource.js";
import type { ListParams } from "./rest-storage.js";

const NAME_FIELD = "metadata.name";
const NAMESPACE_FIELD = "metadata.namespace";

/** What to ask storage for. */
export interface Selection<T extends KubeObject> {
  key: string;
  /** false: `key` names one object (a fieldSelector pinned metadata.name). */
  recursive: boolean;
  predicate: SelectionPredicate<T>;
}

/** The fields an object can be selected by, with their values. */
export function objectAttrs<T extends KubeObject>(def: ResourceDefinition<T>, obj: T): ObjectAttrs {
  const fields: Record<string, string> = {
    [NAME_FIELD]: obj.metadata.name ?? "",
    [NAMESPACE_FIELD]: obj.metadata.namespace ?? "",
  };
  for (const [field, value] of Object.entries(def.selectableFields ?? {})) fields[field] = value(obj);
  return { labels: obj.metadata.labels ?? {}, fields };
}

/** Throws 400 when the field selector names a field this resource cannot be selected by. */
export function checkSelectableFields(selectableFields: object | undefined, params: ListParams): void {
  for (const { field } of params.fieldSelector?.requirements() ?? []) {
    const known = field === NAME_FIELD || field === NAMESPACE_FIELD || Object.hasOwn(selectableFields ?? {}, field);
    if (!known) throw newBadRequest(`field label not supported: ${field}`);
  }
}

/**
 * The storage request for a list or watch in `namespace` ("" = all namespaces).
 * Like upstream, a field selector that pins the namespace narrows an
 * all-namespaces request, and one that pins the name reads just that key
 * (unless paging, which needs the whole range).
 */
export function selectionFor<T extends KubeObject>(
  def: ResourceDefinition<T>,
  keys: ResourceKeys,
  namespace: string,
  params: ListParams,
): Selection<T> {
  checkSelectableFields(def.selectableFields, params);
  const predicate: SelectionPredicate<T> = {
    getAttrs: (obj) => objectAttrs(def, obj),
    ...(params.labelSelector ? { label: params.labelSelector } : {}),
    ...(params.fieldSelector ? { field: params.fieldSelector } : {}),
    ...(params.limit !== undefined ? { limit: params.limit } : {}),
    ...(params.continue !== undefined ? { continue: params.continue } : {}),
  };

  let ns = namespace;
  const pinnedNamespace = params.fieldSelector?.requiresExactMatch(NAMESPACE_FIELD);
  if (def.namespaced && ns === "" && pinnedNamespace && validateNamespaceName(pinnedNamespace, false).length === 0) {
    ns = pinnedNamespace;
  }

  const pinnedName = params.fieldSelector?.requiresExactMatch(NAME_FIELD);
  const paging = (params.limit ?? 0) > 0 || (params.continue ?? "") !== "";
  if (pinnedName && !paging && (!def.namespaced || ns !== "")) {
    try {
      return { key: keys.object(ns, pinnedName), recursive: false, predicate };
    } catch {
      // A name that cannot be a key (e.g. contains '/') matches nothing stored; scan as usual.
    }
  }
  return { key: keys.collection(ns), recursive: true, predicate };
}
