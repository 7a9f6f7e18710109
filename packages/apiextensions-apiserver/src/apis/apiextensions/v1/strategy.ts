// How CustomResourceDefinitions are written (upstream: registry/
// customresourcedefinition/strategy.go). Status belongs to the server's
// controllers (a status subresource); the storage version is recorded in
// status.storedVersions on every write, so that objects stored in it are
// never forgotten; generation moves when the spec changes.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { applyCustomResourceDefinitionDefaults } from "./defaults.js";
import { storageVersionOf } from "./helpers.js";
import type { CustomResourceDefinition } from "./schema.js";
import {
  validateCustomResourceDefinition,
  validateCustomResourceDefinitionStatusUpdate,
  validateCustomResourceDefinitionUpdate,
} from "./validation/validation.js";

/** Adds the current storage version to status.storedVersions (upstream: PrepareForCreate/PrepareForUpdate). */
function recordStorageVersion(crd: CustomResourceDefinition): void {
  const version = storageVersionOf(crd);
  if (version === undefined) return;
  const status = (crd.status ??= {});
  const stored = (status.storedVersions ??= []);
  if (!stored.includes(version)) stored.push(version);
}

/**
 * The status fields upstream always writes: acceptedNames (with its plural
 * and kind), conditions and storedVersions as lists, never null; clients
 * such as the Python client read them without checking.
 */
function completeStatus(crd: CustomResourceDefinition): void {
  const status = (crd.status ??= {});
  status.conditions ??= [];
  status.acceptedNames ??= { plural: "", kind: "" };
  status.storedVersions ??= [];
}

export const customResourceDefinitionStrategy: Strategy<CustomResourceDefinition> = {
  applyDefaults: applyCustomResourceDefinitionDefaults,
  validateName: nameIsDNSSubdomain,
  prepareForCreate(crd) {
    crd.status = {};
    recordStorageVersion(crd);
  },
  validate: validateCustomResourceDefinition,
  prepareForUpdate(crd) {
    recordStorageVersion(crd);
  },
  validateUpdate: validateCustomResourceDefinitionUpdate,
  validateStatusUpdate: validateCustomResourceDefinitionStatusUpdate,
  canonicalize: completeStatus,
};
