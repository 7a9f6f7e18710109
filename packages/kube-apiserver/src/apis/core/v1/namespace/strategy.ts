// How Namespaces are written (upstream: pkg/registry/core/namespace/strategy.go):
//
// - create: status is reset to phase Active, and spec.finalizers always
//   includes `kubernetes`, so the namespace's content is cleaned up before
//   the namespace goes away;
// - update of the main resource: spec.finalizers and status are kept from
//   the stored object (they change through /finalize and /status);
// - every write: the kubernetes.io/metadata.name label equals the name.

import { nameIsDNSLabel } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyNamespaceDefaults, setNameLabel } from "./defaults.js";
import { FINALIZER_KUBERNETES, NAMESPACE_ACTIVE, type Namespace } from "./schema.js";
import { validateNamespace, validateNamespaceStatusUpdate } from "./validation.js";

export const namespaceStrategy: Strategy<Namespace> = {
  validateName: nameIsDNSLabel,
  applyDefaults: applyNamespaceDefaults,

  prepareForCreate(ns) {
    ns.status = { phase: NAMESPACE_ACTIVE };
    const finalizers = ns.spec?.finalizers ?? [];
    if (!finalizers.includes(FINALIZER_KUBERNETES)) ns.spec = { ...ns.spec, finalizers: [...finalizers, FINALIZER_KUBERNETES] };
  },
  prepareForUpdate(ns, old) {
    const finalizers = old.spec?.finalizers;
    ns.spec = finalizers === undefined ? {} : { finalizers: [...finalizers] };
    // (status is kept by the library, since namespaces have a status subresource)
  },

  validate: validateNamespace,
  // The main resource can change only metadata, which the library validates.
  validateUpdate: () => [],
  validateStatusUpdate: validateNamespaceStatusUpdate,

  canonicalize(ns) {
    // Here rather than only in defaulting: with generateName, the name is known only now.
    setNameLabel(ns);
    dropGeneration(ns);
  },
};
