// `kubectl get controllerrevisions`: NAME CONTROLLER REVISION AGE (upstream:
// printControllerRevision in pkg/printers/internalversion/printers.go). The
// controller is the owner marked as controller, as `<kind>.<group>/<name>`
// in lower case (`statefulset.apps/web`).

import type { OwnerReference } from "@tskube/apimachinery";
import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { ControllerRevision } from "./schema.js";

/** The group of an apiVersion: `apps` of `apps/v1`, "" of `v1`. */
function groupOf(apiVersion: string): string {
  const parts = apiVersion.split("/");
  return parts.length === 2 ? (parts[0] ?? "") : "";
}

export function controllerCell(owners: readonly OwnerReference[] | undefined): string {
  const ref = (owners ?? []).find((o) => o.controller === true);
  if (!ref) return "<none>";
  const group = groupOf(ref.apiVersion);
  if (!ref.kind && !group) return ref.name;
  return `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
}

export const controllerRevisionColumns: TableColumn<ControllerRevision>[] = [
  { name: "Controller", type: "string", description: "The object that recorded this revision.", cell: (cr) => controllerCell(cr.metadata.ownerReferences) },
  { name: "Revision", type: "string", description: "The revision number.", cell: (cr) => cr.revision ?? 0 },
  { name: "Age", type: "string", description: "How long ago the revision was recorded.", cell: (cr) => translateTimestampSince(cr.metadata.creationTimestamp) },
];
