// How the controllers write CRDs: through the loopback client, like any
// client (so every write goes through the whole handler chain).

import { isConflict, isNotFound } from "@tskube/apimachinery";
import type { RESTClient } from "@tskube/generic-apiserver";
import type { CustomResourceDefinition } from "../apis/apiextensions/v1/schema.js";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

export function crdPath(name: string, subresource?: string): string {
  return `${CRDS}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ""}`;
}

export const CRD_COLLECTION = CRDS;

/**
 * PUT /status. Returns the stored CRD, or undefined when it changed or went
 * away meanwhile (the informer will bring the new state, and the controller
 * looks again).
 */
export async function updateCRDStatus(client: RESTClient, crd: CustomResourceDefinition): Promise<CustomResourceDefinition | undefined> {
  try {
    return await client.update(crdPath(crd.metadata.name ?? "", "status"), crd);
  } catch (err) {
    if (isNotFound(err) || isConflict(err)) return undefined;
    throw err;
  }
}

/** Whether resourceVersion `a` is newer than `b` (both kv revisions). */
export function isNewer(a: CustomResourceDefinition, b: CustomResourceDefinition | undefined): boolean {
  return b === undefined || Number(a.metadata.resourceVersion ?? 0) > Number(b.metadata.resourceVersion ?? 0);
}
