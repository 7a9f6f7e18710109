// Everything that happens to an updated object before it is stored (upstream:
// rest.BeforeUpdate plus the generic strategy rules). The resourceVersion
// check has already passed; `old` is the stored object.
//
// A write to the main resource and a write to `/status` differ only in which
// part of the object they may change (see spec-status.ts).

import { type FieldError, type KubeObject, validateObjectMeta } from "@tskube/apimachinery";
import { validatePathSegmentName } from "./keys.js";
import { ensureRequestNamespace, keepSystemFieldsOnUpdate, validateObjectMetaUpdate } from "./object-meta.js";
import { addWarnings, throwIfInvalid, withTypeMeta } from "./objects.js";
import type { ResourceDefinition } from "./resource.js";
import type { RequestScope } from "./rest-storage.js";
import { bumpGenerationOnChange, keepStatusOnUpdate, onlyStatusChanges } from "./spec-status.js";

/**
 * Which endpoint the update came through: the main resource, `/status`, or
 * another subresource with rules of its own (namespaces/finalize: only
 * spec.finalizers may change).
 */
export type UpdateTarget<T extends KubeObject = KubeObject> = "main" | "status" | SubresourceUpdateRules<T>;

/** How a subresource other than status changes an object (upstream: that subresource's UpdateStrategy). */
export interface SubresourceUpdateRules<T extends KubeObject = KubeObject> {
  subresource: string;
  /** Before validating: e.g. keep everything the subresource may not change. */
  prepareForUpdate?(obj: T, old: T): void;
  /** Validation beyond the generic metadata rules. */
  validateUpdate?(obj: T, old: T): FieldError[];
}

/** Prepares and validates the new state of an object; returns the object to store. Throws 400 or 422. */
export function prepareUpdate<T extends KubeObject>(
  def: ResourceDefinition<T>,
  scope: RequestScope,
  input: T,
  old: T,
  target: UpdateTarget<T>,
): T {
  const strategy = def.strategy;
  const hasStatusSubresource = def.subresources?.status === true;

  let obj = withTypeMeta(def, input);
  obj.metadata = { ...obj.metadata };
  ensureRequestNamespace(obj.metadata, scope.namespace, def.namespaced);
  // Clients cannot set generation; it only moves when the desired state changes.
  if (old.metadata.generation === undefined) delete obj.metadata.generation;
  else obj.metadata.generation = old.metadata.generation;

  if (target === "main") {
    keepStatusOnUpdate(obj, old, hasStatusSubresource);
    strategy.prepareForUpdate?.(obj, old);
    bumpGenerationOnChange(obj, old, hasStatusSubresource);
  } else if (target === "status") {
    obj = onlyStatusChanges(obj, old);
    strategy.prepareForStatusUpdate?.(obj, old);
  } else {
    target.prepareForUpdate?.(obj, old);
  }
  keepSystemFieldsOnUpdate(obj.metadata, old.metadata);

  const meta = obj.metadata;
  const validateName = strategy.validateName ?? validatePathSegmentName;
  const kindErrors =
    target === "main"
      ? strategy.validateUpdate?.(obj, old)
      : target === "status"
        ? (strategy.validateStatusUpdate ?? strategy.validateUpdate)?.call(strategy, obj, old)
        : target.validateUpdate?.(obj, old);
  throwIfInvalid(def, meta.name ?? "", [
    ...validateObjectMeta(meta, def.namespaced, validateName),
    ...validateObjectMetaUpdate(meta, old.metadata),
    ...(kindErrors ?? []),
  ]);

  if (target === "main") addWarnings(scope.warnings, strategy.warningsOnUpdate?.(obj, old));
  strategy.canonicalize?.(obj);
  return obj;
}
