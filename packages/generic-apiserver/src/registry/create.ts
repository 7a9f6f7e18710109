// Everything that happens to a new object before it is stored (upstream:
// rest.BeforeCreate plus the generic strategy rules). The handler has already
// decoded and defaulted the body; the name is already chosen.
//
// Order, as upstream: request namespace -> system fields -> status reset and
// generation -> strategy.prepareForCreate -> strategy.validate -> generic
// metadata validation -> warnings -> strategy.canonicalize.

import { type KubeObject, validateObjectMeta } from "@tskube/apimachinery";
import { validatePathSegmentName } from "./keys.js";
import { ensureRequestNamespace, fillCreateSystemFields } from "./object-meta.js";
import { addWarnings, throwIfInvalid, withTypeMeta } from "./objects.js";
import type { ResourceDefinition } from "./resource.js";
import type { RequestScope } from "./rest-storage.js";
import { resetStatusOnCreate } from "./spec-status.js";

/** Prepares and validates `obj` for storage; returns the object to store. Throws 400 or 422. */
export function prepareCreate<T extends KubeObject>(def: ResourceDefinition<T>, scope: RequestScope, input: T): T {
  const obj = withTypeMeta(def, input);
  obj.metadata = { ...obj.metadata };
  const meta = obj.metadata;
  ensureRequestNamespace(meta, scope.namespace, def.namespaced);
  fillCreateSystemFields(meta);
  const strategy = def.strategy;
  resetStatusOnCreate(obj, def.subresources?.status === true && strategy.keepStatusOnCreate !== true);
  meta.generation = 1;

  strategy.prepareForCreate?.(obj);
  const name = meta.name ?? "";
  // The kind's own validation first, so its more specific messages win (as upstream).
  throwIfInvalid(def, name, strategy.validate?.(obj) ?? []);
  const validateName = strategy.validateName ?? validatePathSegmentName;
  throwIfInvalid(def, name, validateObjectMeta(meta, def.namespaced, validateName));

  addWarnings(scope.warnings, strategy.warningsOnCreate?.(obj));
  strategy.canonicalize?.(obj);
  return obj;
}
