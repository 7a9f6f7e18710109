// The query and path parameters of resource operations, as upstream
// publishes them. Clients read some of them: kubectl sends `fieldValidation`
// only if the PATCH operation of the kind declares it, and otherwise
// validates on its own from the protobuf /openapi/v2.

import type { ParameterSpec, V2Parameter, V3Parameter } from "./types.js";

function query(name: string, type: ParameterSpec["type"], description: string): ParameterSpec {
  return { name, in: "query", type, description };
}

export const PARAMETERS = {
  pretty: query("pretty", "string", "If 'true', the response is indented for reading."),
  dryRun: query(
    "dryRun",
    "string",
    "With 'All', every stage of the request (defaulting, admission, validation) runs but nothing is stored.",
  ),
  fieldManager: query(
    "fieldManager",
    "string",
    "Name of the client making the change, recorded in managedFields. At most 128 printable characters; required for apply.",
  ),
  fieldValidation: query(
    "fieldValidation",
    "string",
    "What to do with unknown or duplicate fields in the body: 'Ignore' drops them, 'Warn' (the default) drops them and says so in Warning headers, 'Strict' rejects the request.",
  ),
  force: query(
    "force",
    "boolean",
    "Apply only: take over fields another field manager owns instead of failing with a conflict.",
  ),
  labelSelector: query("labelSelector", "string", "Only objects whose labels match, e.g. 'app=web,tier!=db'."),
  fieldSelector: query("fieldSelector", "string", "Only objects whose fields match, e.g. 'metadata.name=web'."),
  limit: query(
    "limit",
    "integer",
    "Maximum number of items to return; if more exist, the list's metadata.continue holds a token for the next page.",
  ),
  continue: query(
    "continue",
    "string",
    "The token from a previous page's metadata.continue, to get the next page of the same list.",
  ),
  resourceVersion: query(
    "resourceVersion",
    "string",
    "Which state to read: unset for the latest, '0' for any state the server has cached, or a version the result must not be older than.",
  ),
  resourceVersionMatch: query(
    "resourceVersionMatch",
    "string",
    "How resourceVersion applies to a list: 'NotOlderThan' or 'Exact'. Requires resourceVersion.",
  ),
  timeoutSeconds: query("timeoutSeconds", "integer", "Upper bound, in seconds, on the duration of the list or watch call."),
  watch: query("watch", "boolean", "Stream changes (ADDED, MODIFIED, DELETED events) instead of returning a list."),
  allowWatchBookmarks: query(
    "allowWatchBookmarks",
    "boolean",
    "Allow the watch to send BOOKMARK events, which only carry a newer resourceVersion to resume from.",
  ),
  sendInitialEvents: query(
    "sendInitialEvents",
    "boolean",
    "Begin the watch with the current objects as ADDED events, ended by a bookmark annotated 'k8s.io/initial-events-end'. Requires resourceVersionMatch=NotOlderThan.",
  ),
  gracePeriodSeconds: query(
    "gracePeriodSeconds",
    "integer",
    "Seconds the object is given before it is removed; 0 means at once. Unset uses the kind's default.",
  ),
  propagationPolicy: query(
    "propagationPolicy",
    "string",
    "What happens to dependents: 'Orphan' keeps them, 'Background' deletes them after the owner, 'Foreground' before it.",
  ),
  orphanDependents: query("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
  ignoreStoreReadErrorWithClusterBreakingPotential: query(
    "ignoreStoreReadErrorWithClusterBreakingPotential",
    "boolean",
    "Delete even if the stored object cannot be read (it fails to decode or decrypt). Dangerous: no admission or finalizers run.",
  ),
} satisfies Record<string, ParameterSpec>;

export function nameParameter(kind: string): ParameterSpec {
  return { name: "name", in: "path", type: "string", required: true, description: `Name of the ${kind}.` };
}

export const NAMESPACE_PARAMETER: ParameterSpec = {
  name: "namespace",
  in: "path",
  type: "string",
  required: true,
  description: "The namespace: a scope for names, and the unit of access control.",
};

const P = PARAMETERS;
/** The query parameters of each operation, in upstream's (alphabetical) order. */
export const OPERATION_PARAMETERS = {
  list: [
    P.allowWatchBookmarks,
    P.continue,
    P.fieldSelector,
    P.labelSelector,
    P.limit,
    P.resourceVersion,
    P.resourceVersionMatch,
    P.sendInitialEvents,
    P.timeoutSeconds,
    P.watch,
  ],
  create: [P.dryRun, P.fieldManager, P.fieldValidation],
  deletecollection: [
    P.continue,
    P.dryRun,
    P.fieldSelector,
    P.gracePeriodSeconds,
    P.ignoreStoreReadErrorWithClusterBreakingPotential,
    P.labelSelector,
    P.limit,
    P.orphanDependents,
    P.propagationPolicy,
    P.resourceVersion,
    P.resourceVersionMatch,
    P.sendInitialEvents,
    P.timeoutSeconds,
  ],
  get: [],
  update: [P.dryRun, P.fieldManager, P.fieldValidation],
  patch: [P.dryRun, P.fieldManager, P.fieldValidation, P.force],
  delete: [
    P.dryRun,
    P.gracePeriodSeconds,
    P.ignoreStoreReadErrorWithClusterBreakingPotential,
    P.orphanDependents,
    P.propagationPolicy,
  ],
} satisfies Record<string, ParameterSpec[]>;

export function toV2Parameter(p: ParameterSpec): V2Parameter {
  // `uniqueItems` on scalars is an upstream quirk kept for fidelity; readers ignore it.
  return { name: p.name, in: p.in, description: p.description, ...(p.required ? { required: true } : {}), type: p.type, uniqueItems: true };
}

export function toV3Parameter(p: ParameterSpec): V3Parameter {
  return {
    name: p.name,
    in: p.in,
    description: p.description,
    ...(p.required ? { required: true } : {}),
    schema: { type: p.type, uniqueItems: true },
  };
}
