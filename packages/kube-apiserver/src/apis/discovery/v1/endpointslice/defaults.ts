// What the server fills in for an EndpointSlice (upstream: SetDefaults_EndpointPort):
// each port's name is "" and its protocol TCP when not given. And the
// fields upstream always serializes: addressType (""), endpoints and ports
// (null when empty).

import type { EndpointSlice } from "./schema.js";

export function applyEndpointSliceDefaults(slice: EndpointSlice): void {
  slice.addressType ??= "";
  slice.endpoints ??= null;
  slice.ports ??= null;
  for (const port of slice.ports ?? []) {
    port.name ??= "";
    port.protocol ??= "TCP";
  }
}
