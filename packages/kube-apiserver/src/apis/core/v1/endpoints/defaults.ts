// What the server fills in for Endpoints (upstream: SetDefaults_EndpointPort):
// a port without a protocol gets TCP.

import type { Endpoints } from "./schema.js";

export function applyEndpointsDefaults(ep: Endpoints): void {
  for (const subset of ep.subsets ?? []) {
    for (const port of subset.ports ?? []) if (!port.protocol) port.protocol = "TCP";
  }
}
