// `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE (Name
// and Age come from the library). PORTS and ENDPOINTS show three entries,
// then "+ N more..."; `<unset>` when empty; a port without number shows its
// name, or `*` without either.

import type { TableColumn } from "@tskube/generic-apiserver";
import type { EndpointSlice } from "./schema.js";

const MAX_SHOWN = 3;

function listWithMore(items: readonly string[]): string {
  const joined = items.slice(0, MAX_SHOWN).join(",");
  if (items.length > MAX_SHOWN) return `${joined} + ${items.length - MAX_SHOWN} more...`;
  return joined === "" ? "<unset>" : joined;
}

export function formatPorts(slice: EndpointSlice): string {
  return listWithMore((slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? "*"))));
}

export function formatEndpoints(slice: EndpointSlice): string {
  return listWithMore((slice.endpoints ?? []).flatMap((ep) => ep.addresses));
}

export const endpointSliceColumns: TableColumn<EndpointSlice>[] = [
  { name: "AddressType", type: "string", description: "The kind of the slice's addresses.", cell: (s) => s.addressType ?? "" },
  { name: "Ports", type: "string", description: "The ports every endpoint serves.", cell: formatPorts },
  { name: "Endpoints", type: "string", description: "The endpoints' addresses.", cell: formatEndpoints },
];
