// `kubectl get events.events.k8s.io`: the same table as core/v1 Events
// (upstream prints both from one internal type): LAST SEEN TYPE REASON
// OBJECT MESSAGE, and with -o wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.

import type { TableColumn } from "@tskube/generic-apiserver";
import { eventColumns as coreEventColumns } from "../../../core/v1/event/table.js";
import { toCoreEvent } from "./conversion.js";
import type { Event } from "./schema.js";

export const eventColumns: TableColumn<Event>[] = coreEventColumns.map((column) => ({
  ...column,
  cell: (ev: Event) => column.cell(toCoreEvent(ev)),
}));
