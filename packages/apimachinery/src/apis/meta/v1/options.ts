// Request options of meta/v1: DeleteOptions (body or query of a DELETE) and
// ListOptions (query of a list or watch), plus the Preconditions a delete may carry.

import { z } from "zod";
import { knownStrings, optionalField } from "./schema-helpers.js";
import { TypeMetaSchema } from "./types.js";

export const PreconditionsSchema = z.object({
  uid: optionalField(z.string().describe("The delete fails with Conflict unless the object has this UID.")),
  resourceVersion: optionalField(
    z.string().describe("The delete fails with Conflict unless the object has this resourceVersion."),
  ),
});
export type Preconditions = z.infer<typeof PreconditionsSchema>;

/** How a delete treats the object's dependents (metav1.DeletionPropagation). */
export const DELETION_PROPAGATIONS = ["Orphan", "Background", "Foreground"] as const;
export type DeletionPropagation = (typeof DELETION_PROPAGATIONS)[number];

/** The only value `dryRun` accepts. */
export const DRY_RUN_ALL = "All";

export const DeleteOptionsSchema = TypeMetaSchema.extend({
  gracePeriodSeconds: optionalField(
    z.number().int().describe("Seconds before the object is removed; 0 means now, absent means the kind's default."),
  ),
  preconditions: optionalField(PreconditionsSchema.describe("Checks that must hold for the delete to go ahead.")),
  orphanDependents: optionalField(
    z.boolean().describe("Deprecated: use propagationPolicy. True orphans dependents, false deletes them."),
  ),
  propagationPolicy: optionalField(
    knownStrings(DELETION_PROPAGATIONS, "Whether and how the garbage collector deletes dependents."),
  ),
  dryRun: optionalField(z.array(z.string()).describe("`All` runs every stage of the request but persists nothing.")),
  ignoreStoreReadErrorWithClusterBreakingPotential: optionalField(
    z.boolean().describe("Delete even when the stored object cannot be read (decode or decrypt failure). Dangerous."),
  ),
});
export type DeleteOptions = z.infer<typeof DeleteOptionsSchema>;

/** How `resourceVersion` is interpreted on a list (metav1.ResourceVersionMatch). */
export const RESOURCE_VERSION_MATCHES = ["NotOlderThan", "Exact"] as const;
export type ResourceVersionMatch = (typeof RESOURCE_VERSION_MATCHES)[number];

export const ListOptionsSchema = TypeMetaSchema.extend({
  labelSelector: optionalField(z.string().describe("Only objects whose labels match this selector, e.g. `app=web,tier!=db`.")),
  fieldSelector: optionalField(z.string().describe("Only objects whose fields match this selector, e.g. `metadata.name=x`.")),
  watch: optionalField(z.boolean().describe("Stream changes instead of returning a list.")),
  allowWatchBookmarks: optionalField(
    z.boolean().describe("Let a watch send BOOKMARK events that only carry a newer resourceVersion."),
  ),
  resourceVersion: optionalField(
    z.string().describe("Where to read from: unset is a consistent read, `0` any cached state, N not older than N."),
  ),
  resourceVersionMatch: optionalField(
    knownStrings(RESOURCE_VERSION_MATCHES, "How resourceVersion applies to a list; requires resourceVersion."),
  ),
  timeoutSeconds: optionalField(z.number().int().describe("Upper bound on the duration of a list or watch call.")),
  limit: optionalField(z.number().int().describe("Maximum number of items in one page; the rest come via `continue`.")),
  continue: optionalField(z.string().describe("Token from a previous page's metadata.continue to get the next page.")),
  sendInitialEvents: optionalField(
    z.boolean().describe("Start a watch with the current objects as ADDED events, ended by a bookmark."),
  ),
});
export type ListOptions = z.infer<typeof ListOptionsSchema>;
