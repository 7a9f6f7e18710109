// What the server fills in when a Namespace is decoded (upstream:
// SetDefaults_Namespace, SetDefaults_NamespaceStatus): the
// kubernetes.io/metadata.name label (once the name is known) and the Active
// phase. A namespace created with generateName gets its label in
// canonicalize instead, once its name has been chosen.

import { LABEL_METADATA_NAME, NAMESPACE_ACTIVE, type Namespace } from "./schema.js";

export function setNameLabel(ns: Namespace): void {
  const name = ns.metadata.name ?? "";
  if (name === "") return;
  ns.metadata.labels = { ...ns.metadata.labels, [LABEL_METADATA_NAME]: name };
}

export function applyNamespaceDefaults(ns: Namespace): void {
  setNameLabel(ns);
  if (!ns.status?.phase) ns.status = { ...ns.status, phase: NAMESPACE_ACTIVE };
}
