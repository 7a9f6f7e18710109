// The other shapes a response can take when the Accept header asks for them
// (upstream: endpoints/handlers/response.go):
//
//   Table                      rows of cells for `kubectl get`: Name, the
//                              resource's columns, Age; each row carries the
//                              object's metadata (or the object, or nothing)
//   PartialObjectMetadata      just the metadata of one object
//   PartialObjectMetadataList  just the metadata of each item of a list
//
// Status objects (errors, delete results) are never transformed.

import { type KubeObject, type ListMeta, newNotAcceptable } from "@tskube/apimachinery";
import type { ResourceDefinition, TableColumn } from "../../registry/resource.js";
import type { ObjectList } from "../../registry/rest-storage.js";
import { translateTimestampSince } from "../human-duration.js";
import { META_GROUP, type TransformTarget } from "../negotiation.js";
import type { TableOptions } from "./options.js";

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  /** PartialObjectMetadata, the full object, or null (includeObject=None). */
  object: unknown;
}

export interface Table {
  apiVersion: string;
  kind: "Table";
  metadata: ListMeta;
  /** Null on the second and later events of a watch: only the first one carries the headers. */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

export interface PartialObjectMetadata {
  apiVersion: string;
  kind: "PartialObjectMetadata";
  metadata: KubeObject["metadata"];
}

export interface PartialObjectMetadataList {
  apiVersion: string;
  kind: "PartialObjectMetadataList";
  metadata: ListMeta;
  items: PartialObjectMetadata[];
}

/** A list as the handlers see it: a KubeObject list or anything with items and list metadata. */
export type AnyList = ObjectList<KubeObject>;

export function isList(value: unknown): value is AnyList {
  return typeof value === "object" && value !== null && Array.isArray((value as { items?: unknown }).items);
}

export function isStatus(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "Status";
}

const NAME_COLUMN: TableColumn = {
  name: "Name",
  type: "string",
  format: "name",
  description: "The object's name, unique among objects of its kind in its namespace (or in the cluster, for cluster-scoped kinds).",
  priority: 0,
  cell: (obj) => obj.metadata?.name ?? "",
};

const AGE_COLUMN: TableColumn = {
  name: "Age",
  type: "string",
  format: "",
  description: "How long ago the object was created (from metadata.creationTimestamp).",
  priority: 0,
  cell: (obj) => translateTimestampSince(obj.metadata?.creationTimestamp),
};

/** The columns of a resource's Table: Name, the definition's own, then Age unless it lists one (or `age` is false). */
export function tableColumnsOf(columns: readonly TableColumn<KubeObject>[] | undefined, age = true): TableColumn<KubeObject>[] {
  const own = columns ?? [];
  const hasName = own.some((c) => c.name === "Name");
  const hasAge = own.some((c) => c.name === "Age");
  return [...(hasName ? [] : [NAME_COLUMN]), ...own, ...(hasAge || !age ? [] : [AGE_COLUMN])];
}

export function tableColumnsForDefinition(def: ResourceDefinition<KubeObject>): TableColumn<KubeObject>[] {
  return tableColumnsOf(def.tableColumns, def.ageColumn !== false);
}

function columnDefinition(c: TableColumn<KubeObject>): TableColumnDefinition {
  return { name: c.name, type: c.type, format: c.format ?? "", description: c.description, priority: c.priority ?? 0 };
}

function metaApiVersion(version: TransformTarget["version"]): string {
  return `${META_GROUP}/${version}`;
}

export function asPartialObjectMetadata(obj: KubeObject, version: TransformTarget["version"]): PartialObjectMetadata {
  return { apiVersion: metaApiVersion(version), kind: "PartialObjectMetadata", metadata: obj.metadata ?? {} };
}

/** List metadata without empty fields (ListMeta fields are omitempty). */
function listMetaOf(meta: ListMeta | undefined): ListMeta {
  const out: ListMeta = {};
  if (meta?.resourceVersion) out.resourceVersion = meta.resourceVersion;
  if (meta?.continue) out.continue = meta.continue;
  if (meta?.remainingItemCount !== undefined) out.remainingItemCount = meta.remainingItemCount;
  return out;
}

export interface TableInput {
  columns: readonly TableColumn<KubeObject>[];
  options: TableOptions;
  version: TransformTarget["version"];
  /** Whether to include columnDefinitions (false after the first event of a watch). */
  headers: boolean;
  /** The apiVersion and kind to give objects included whole (includeObject=Object). */
  apiVersion: string;
  kind: string;
  now?: number;
}

function rowObject(obj: KubeObject, input: TableInput): unknown {
  switch (input.options.includeObject) {
    case "None":
      return null;
    case "Object":
      return { ...obj, apiVersion: input.apiVersion, kind: input.kind };
    case "Metadata":
      return asPartialObjectMetadata(obj, input.version);
  }
}

function cellValue(column: TableColumn<KubeObject>, obj: KubeObject, now: number | undefined): unknown {
  return column === AGE_COLUMN ? translateTimestampSince(obj.metadata?.creationTimestamp, now) : column.cell(obj);
}

/**
 * A Table of one object or of a list's items. A BOOKMARK object in a watch
 * (it only carries a resourceVersion) gives a Table without rows.
 */
export function asTable(result: KubeObject | AnyList, input: TableInput, bookmark = false): Table {
  const items = isList(result) ? result.items : bookmark ? [] : [result];
  const metadata = isList(result)
    ? listMetaOf(result.metadata)
    : result.metadata?.resourceVersion
      ? { resourceVersion: result.metadata.resourceVersion }
      : {};
  return {
    apiVersion: metaApiVersion(input.version),
    kind: "Table",
    metadata,
    columnDefinitions: input.headers ? input.columns.map(columnDefinition) : null,
    rows: items.map((obj) => ({
      cells: input.columns.map((c) => cellValue(c, obj, input.now)),
      object: rowObject(obj, input),
    })),
  };
}

/**
 * Transforms a handler's result into the requested target. Status objects
 * pass through. A list asked for as PartialObjectMetadata, or an object asked
 * for as PartialObjectMetadataList, is a 406 NotAcceptable, as upstream.
 */
export function transformObject(
  result: unknown,
  target: TransformTarget | undefined,
  table: Omit<TableInput, "version"> | undefined,
): unknown {
  if (target === undefined || isStatus(result)) return result;
  const resultKind = (result as { kind?: unknown }).kind;
  switch (target.kind) {
    case "PartialObjectMetadata":
      if (isList(result)) {
        throw newNotAcceptable(`you requested PartialObjectMetadata, but the requested object is a list (${String(resultKind)})`);
      }
      return asPartialObjectMetadata(result as KubeObject, target.version);
    case "PartialObjectMetadataList": {
      if (!isList(result)) {
        throw newNotAcceptable(
          `you requested PartialObjectMetadataList, but the requested object is not a list (${String(resultKind)})`,
        );
      }
      const list: PartialObjectMetadataList = {
        apiVersion: metaApiVersion(target.version),
        kind: "PartialObjectMetadataList",
        metadata: listMetaOf(result.metadata),
        items: result.items.map((item) => asPartialObjectMetadata(item, target.version)),
      };
      return list;
    }
    case "Table":
      if (table === undefined) throw newNotAcceptable(`no Table exists for this endpoint`);
      return asTable(result as KubeObject | AnyList, { ...table, version: target.version });
  }
}
