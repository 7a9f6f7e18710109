// How StorageClasses are written (upstream: pkg/registry/storage/storageclass/strategy.go):
// names are DNS subdomains, no metadata.generation, and an update is
// validated as a create plus the immutability rules.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyStorageClassDefaults } from "./defaults.js";
import type { StorageClass } from "./schema.js";
import { validateStorageClass, validateStorageClassUpdate } from "./validation.js";

export const storageClassStrategy: Strategy<StorageClass> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyStorageClassDefaults,
  validate: validateStorageClass,
  validateUpdate: validateStorageClassUpdate,
  canonicalize: dropGeneration,
};
