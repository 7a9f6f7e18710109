// Where a version's schema, subresources, printer columns and selectable
// fields are validated, and so which path their errors carry.
//
// Upstream validates CRDs in its internal form, and converting v1 to it
// lifts a per-version field to the spec when every version has the same
// value (and leaves it per version otherwise). So a CRD whose versions share
// one schema (every CRD with a single version) reports schema errors at
// `spec.validation.openAPIV3Schema...`, and one whose versions differ at
// `spec.versions[i].schema.openAPIV3Schema...`; likewise `spec.subresources`,
// `spec.additionalPrinterColumns` and `spec.selectableFields` (lifted only
// together with the schema).

import { deepEqual } from "../../../../schema/json.js";
import type {
  CustomResourceColumnDefinition,
  CustomResourceDefinitionSpec,
  CustomResourceSubresources,
  CustomResourceDefinitionVersion,
  SelectableField,
} from "../schema.js";

export interface Placed<T> {
  /** The value lifted to the spec (all versions agree), or undefined. */
  shared: T | undefined;
  /** Whether the field was lifted (then versions carry none). */
  lifted: boolean;
}

export interface Placement {
  schema: Placed<CustomResourceDefinitionVersion["schema"]>;
  subresources: Placed<CustomResourceSubresources>;
  columns: Placed<CustomResourceColumnDefinition[]>;
  selectableFields: Placed<SelectableField[]>;
}

/** The value as it would be serialized (fields decoded as undefined are absent). */
const asJSON = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** An empty list is the same as none (Go cannot tell a nil slice from an empty one here). */
const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list !== undefined && list.length > 0 ? list : undefined);

function place<T>(versions: CustomResourceDefinitionVersion[], get: (v: CustomResourceDefinitionVersion) => T | undefined): Placed<T> {
  const first = versions[0];
  if (first === undefined) return { shared: undefined, lifted: false };
  const value = get(first);
  const identical = versions.every((v) => deepEqual(asJSON(get(v)), asJSON(value)));
  return identical ? { shared: value, lifted: true } : { shared: undefined, lifted: false };
}

export function placementOf(spec: CustomResourceDefinitionSpec): Placement {
  const versions = spec.versions ?? [];
  const schema = place(versions, (v) => v.schema);
  const selectable = place(versions, (v) => nonEmpty(v.selectableFields));
  return {
    schema,
    subresources: place(versions, (v) => v.subresources),
    columns: place(versions, (v) => nonEmpty(v.additionalPrinterColumns)),
    // Selectable fields move to the spec only together with the schema.
    selectableFields: schema.lifted && selectable.lifted ? selectable : { shared: undefined, lifted: false },
  };
}

/** The subresources in effect for a version (upstream: getSubresourcesForVersion). */
export function subresourcesFor(placement: Placement, version: CustomResourceDefinitionVersion): CustomResourceSubresources | undefined {
  return placement.subresources.lifted ? placement.subresources.shared : version.subresources;
}
