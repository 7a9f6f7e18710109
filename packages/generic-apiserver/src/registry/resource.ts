// A resource definition: everything the library needs to serve one kind.
// A new resource is a zod schema plus a strategy, never a new store
// (upstream: a registry Store configured with a RESTCreateStrategy, ...).

import type { FieldError, KubeObject, ValidateNameFunc } from "@tskube/apimachinery";
import type { z } from "zod";

export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

export const ALL_VERBS: readonly Verb[] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** Per-kind rules the generic registry calls at each step of a write. */
export interface Strategy<T extends KubeObject = KubeObject> {
  /** Before validating a create: reset fields clients may not set (e.g. status when a status subresource exists). */
  prepareForCreate?(obj: T): void;
  /** Validation of a new object beyond its schema; errors become a 422 Invalid. */
  validate?(obj: T): FieldError[];
  /** Before validating an update of the main resource: e.g. keep the old status. */
  prepareForUpdate?(obj: T, old: T): void;
  /** Validation of an update (immutable fields, ...). */
  validateUpdate?(obj: T, old: T): FieldError[];
  /**
   * The kind's rule for metadata.name and generateName (e.g. nameIsDNSSubdomain).
   * Default: upstream's generic rule, a name that is a valid URL path segment.
   */
  validateName?: ValidateNameFunc;
  /** Before validating a write to the `status` subresource (the registry has already kept everything but status). */
  prepareForStatusUpdate?(obj: T, old: T): void;
  /** Validation of a write to the `status` subresource. Default: validateUpdate. */
  validateStatusUpdate?(obj: T, old: T): FieldError[];
  /** Normalise an object before it is stored (e.g. sort a list that is a set). */
  canonicalize?(obj: T): void;
  /** Fill in defaults (upstream's defaulting functions); runs on decode, before prepare/validate. */
  applyDefaults?(obj: T): void;
  /**
   * A create keeps the status the client sent although status has its own
   * subresource (upstream: nodes, which the kubelet registers with their
   * status filled in). Default false: create drops it.
   */
  keepStatusOnCreate?: boolean;
  /** PUT of a missing object creates it (upstream: AllowCreateOnUpdate). Default false. */
  allowCreateOnUpdate?: boolean;
  /** PUT without a resourceVersion is allowed (last write wins). Default true for built-in kinds. */
  allowUnconditionalUpdate?: boolean;
  /** Warnings returned to the client on create/update (Warning headers). */
  warningsOnCreate?(obj: T): string[];
  warningsOnUpdate?(obj: T, old: T): string[];
}

/** One column of the Table kubectl prints (`kubectl get`). */
export interface TableColumn<T extends KubeObject = KubeObject> {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format?: string;
  description: string;
  /** 0 = always shown; > 0 = only with `-o wide`. */
  priority?: number;
  /** The cell for an object. */
  cell(obj: T): string | number | boolean | null;
}

/** The scale subresource: where replicas and the selector live in the object. */
export interface ScaleSubresource<T extends KubeObject = KubeObject> {
  specReplicas(obj: T): number;
  statusReplicas(obj: T): number;
  /** The label selector, serialized as a string (autoscaling/v1 Scale status.selector). */
  selector(obj: T): string;
  /** A copy of `obj` with spec replicas set. */
  withSpecReplicas(obj: T, replicas: number): T;
}

/** The verbs a subresource can offer: read, replace (PUT), patch (PATCH) and create (POST). */
export type SubresourceVerb = "get" | "update" | "patch" | "create";

/** A kind other than the resource's own, read and written by a subresource (e.g. authentication.k8s.io/v1 TokenRequest). */
export interface SubresourceKind {
  group: string;
  version: string;
  kind: string;
  /** Decodes request bodies; also what OpenAPI publishes (give it a `.meta({ id })` to be a named definition). */
  schema: z.ZodType<KubeObject>;
  /** Defaults filled in on decode. */
  applyDefaults?(obj: KubeObject): void;
}

/**
 * A subresource beyond status and scale (upstream serves, e.g.,
 * `namespaces/finalize`, `serviceaccounts/token`, `pods/binding`,
 * `pods/eviction`). The definition declares it; the ResourceStorage's
 * `subresources` entry of the same name serves it. Discovery and OpenAPI list
 * it with the declared verbs; request info, authorization and admission see
 * its name as the subresource.
 */
export interface CustomSubresource {
  /** `patch` goes through the storage's update, so it needs `update` too. */
  verbs: readonly SubresourceVerb[];
  /** What its request and response bodies are; default the resource's own kind. */
  kind?: SubresourceKind;
}

export interface ResourceDefinition<T extends KubeObject = KubeObject> {
  group: string;
  version: string;
  kind: string;
  /** Defaults to `${kind}List`. */
  listKind?: string;
  /** Plural, lowercase: the URL segment (`deployments`). */
  resource: string;
  singular: string;
  shortNames?: string[];
  /** e.g. `all`, so `kubectl get all` includes it. */
  categories?: string[];
  namespaced: boolean;
  verbs: readonly Verb[];
  /**
   * The verbs discovery lists, when they differ from those served: a
   * terminating CRD's resource is listed with delete, deletecollection, get,
   * list and watch only, while updates (removing finalizers) still work.
   * Default: `verbs`.
   */
  discoveryVerbs?: readonly Verb[];
  /**
   * How aggregated discovery writes this resource's responseKind (and its
   * status subresource's): built-in resources leave group and version empty
   * ("the group-version being listed"); upstream's apiextensions-apiserver
   * names them for custom resources and lists status before scale.
   * Default: "builtin".
   */
  discoveryStyle?: "builtin" | "custom-resource";
  /**
   * The object's schema for this version: decoding (unknown fields, types),
   * TypeScript type and OpenAPI. Patch metadata for strategic merge patch is
   * carried in zod `.meta()` as `x-kubernetes-patch-merge-key`,
   * `x-kubernetes-patch-strategy`, `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`.
   */
  schema: z.ZodType<T>;
  strategy: Strategy<T>;
  /** Extra columns after Name (Age is added last unless listed, or unless ageColumn is false). */
  tableColumns?: TableColumn<T>[];
  /** Whether the Table gets the Age column when tableColumns lists none. Default true (upstream's LimitRange table has none). */
  ageColumn?: boolean;
  subresources?: {
    status?: boolean;
    scale?: ScaleSubresource<T>;
    /** Any other subresources, by name (`finalize`, `token`, `binding`, ...). */
    custom?: Record<string, CustomSubresource>;
  };
  /** Fields selectable with fieldSelector besides metadata.name and metadata.namespace. */
  selectableFields?: Record<string, (obj: T) => string>;
  /** Strategic merge patch is accepted (built-in kinds); custom resources answer 415. Default true. */
  strategicMergePatch?: boolean;
  /**
   * A completed DELETE answers with the deleted object instead of a Success
   * Status (upstream: Store.ReturnDeletedObject; pods, serviceaccounts). Default false.
   */
  deleteReturnsObject?: boolean;
  /** One line for discovery/OpenAPI, in our own words. */
  description?: string;
}

export function listKindOf(def: ResourceDefinition<KubeObject>): string {
  return def.listKind ?? `${def.kind}List`;
}

export function apiVersionOf(def: { group: string; version: string }): string {
  return def.group === "" ? def.version : `${def.group}/${def.version}`;
}
