// How EndpointSlices are written (upstream: pkg/registry/discovery/endpointslice/strategy.go):
// names are DNS subdomains; metadata.generation goes up on any change
// outside metadata; and, as for every write through v1, deprecatedTopology
// is dropped, its kubernetes.io/hostname label becoming nodeName when the
// stored slice had that node (so partial updates keep the node).

import { isDeepStrictEqual } from "node:util";
import { isDNS1123Subdomain, nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { applyEndpointSliceDefaults } from "./defaults.js";
import type { EndpointSlice } from "./schema.js";
import { validateEndpointSlice, validateEndpointSliceUpdate } from "./validation.js";

const HOSTNAME_LABEL = "kubernetes.io/hostname";

/** Drops deprecatedTopology from every endpoint, unless an update left the endpoints as they were. */
export function dropDeprecatedTopology(slice: EndpointSlice, old?: EndpointSlice): void {
  if (old !== undefined && isDeepStrictEqual(old.endpoints ?? [], slice.endpoints ?? [])) return;
  const previousNodes = new Set((old?.endpoints ?? []).flatMap((ep) => ep.deprecatedTopology?.[HOSTNAME_LABEL] ?? []));
  for (const ep of slice.endpoints ?? []) {
    const node = ep.deprecatedTopology?.[HOSTNAME_LABEL];
    if (ep.nodeName === undefined && node !== undefined && previousNodes.has(node) && isDNS1123Subdomain(node).length === 0) {
      ep.nodeName = node;
    }
    delete ep.deprecatedTopology;
  }
}

export const endpointSliceStrategy: Strategy<EndpointSlice> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyEndpointSliceDefaults,
  prepareForCreate(slice) {
    applyEndpointSliceDefaults(slice);
    dropDeprecatedTopology(slice);
  },
  prepareForUpdate(slice, old) {
    applyEndpointSliceDefaults(slice);
    dropDeprecatedTopology(slice, old);
  },
  validate: validateEndpointSlice,
  validateUpdate: validateEndpointSliceUpdate,
};
