// How ServiceAccounts are written (upstream:
// pkg/registry/serviceaccount/strategy.go): names are DNS subdomains; every
// write keeps only the name of each secret reference; no
// metadata.generation. The object itself has nothing more to validate than
// its metadata, which the library does.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import type { ServiceAccount } from "./schema.js";

/** Secret references keep only their name. */
export function cleanSecretReferences(sa: ServiceAccount): void {
  if (sa.secrets === undefined) return;
  sa.secrets = sa.secrets.map((ref) => (ref.name === undefined ? {} : { name: ref.name }));
}

export const serviceAccountStrategy: Strategy<ServiceAccount> = {
  validateName: nameIsDNSSubdomain,
  prepareForCreate: cleanSecretReferences,
  prepareForUpdate: cleanSecretReferences,
  validate: () => [],
  validateUpdate: () => [],
  canonicalize: dropGeneration,
};
