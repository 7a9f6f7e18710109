// `kubectl get ingressclasses`: NAME CONTROLLER PARAMETERS AGE (Name and
// Age come from the library); PARAMETERS is `<kind>[.<apiGroup>]/<name>`.

import type { TableColumn } from "@tskube/generic-apiserver";
import type { IngressClass } from "./schema.js";

export function formatParameters(ic: IngressClass): string {
  const params = ic.spec?.parameters;
  if (params === undefined) return "<none>";
  const kind = params.apiGroup !== undefined ? `${params.kind}.${params.apiGroup}` : params.kind;
  return `${kind}/${params.name}`;
}

export const ingressClassColumns: TableColumn<IngressClass>[] = [
  { name: "Controller", type: "string", description: "The controller that implements the class.", cell: (ic) => ic.spec?.controller ?? "" },
  { name: "Parameters", type: "string", description: "The object with the controller's settings for the class.", cell: formatParameters },
];
