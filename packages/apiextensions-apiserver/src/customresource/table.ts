// The Table `kubectl get` prints for a custom resource (upstream:
// apiserver/tableconvertor): Name, then one column per
// additionalPrinterColumn (or Age when the CRD names none), each cell the
// first value its JSONPath reaches, typed as the column says:
//
//   integer  a whole number (a fraction is truncated)   number  any number
//   boolean  true/false                                 string  the value as JSONPath prints it
//   date     a timestamp, shown as its age (`5m`)       missing or of another type: empty
//
// A column whose JSONPath does not parse stays empty.

import type { KubeObject } from "@tskube/apimachinery";
import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { CustomResourceColumnDefinition } from "../apis/apiextensions/v1/schema.js";
import { JSONPath, printValue } from "./jsonpath.js";

type ColumnType = TableColumn["type"];
const COLUMN_TYPES: ReadonlySet<string> = new Set(["integer", "number", "boolean", "string", "date"]);

function cellOf(type: string, value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  switch (type) {
    case "integer":
      return typeof value === "number" ? Math.trunc(value) : null;
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "string":
      return printValue(value);
    case "date":
      if (typeof value !== "string") return null;
      return Number.isNaN(Date.parse(value)) ? "<invalid>" : translateTimestampSince(value);
    default:
      return null;
  }
}

export function printerColumns(columns: readonly CustomResourceColumnDefinition[]): TableColumn<KubeObject>[] {
  return columns.map((column) => {
    let path: JSONPath | undefined;
    try {
      path = new JSONPath(column.jsonPath);
    } catch {
      path = undefined;
    }
    const type = COLUMN_TYPES.has(column.type) ? (column.type as ColumnType) : "string";
    return {
      name: column.name,
      type,
      ...(column.format ? { format: column.format } : {}),
      description: column.description || `Custom resource definition column (in JSONPath format): ${column.jsonPath}`,
      priority: column.priority ?? 0,
      cell: (obj: KubeObject) => (path === undefined ? null : cellOf(column.type, path.first(obj))),
    };
  });
}
