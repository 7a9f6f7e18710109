// NamespaceLifecycle (upstream: k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle):
//
// - default, kube-system and kube-public may not be deleted:
//     403 `namespaces "kube-system" is forbidden: this namespace may not be deleted`
// - nothing can be created or updated in a namespace that does not exist:
//     404 `namespaces "x" not found`
// - nothing new can be created in a namespace being deleted:
//     403 `configmaps "c" is forbidden: unable to create new content in namespace x because it is being terminated`,
//     with the cause NamespaceTerminating (controllers look for it)
//
// Deletes of namespaced objects, and cluster-scoped objects other than
// namespaces, are always allowed; so are local access reviews (answering
// "not found" would tell whether a namespace exists).
//
// Upstream reads namespaces from an informer and falls back to a live
// lookup; this plugin reads the namespaces storage directly, which is
// always current.

import { type KubeObject, isStatusError } from "@tskube/apimachinery";
import {
  type Attributes,
  type MutatingAdmissionPlugin,
  type RESTStorage,
  handlesOperations,
  newAdmissionForbidden,
} from "@tskube/generic-apiserver";
import { NAMESPACE_TERMINATING, type Namespace } from "../apis/core/v1/namespace/schema.js";

export const NAMESPACE_LIFECYCLE = "NamespaceLifecycle";

/** Upstream's immortal namespaces. (kube-node-lease may be deleted; the system namespaces controller makes it again.) */
export const IMMORTAL_NAMESPACES: readonly string[] = ["default", "kube-system", "kube-public"];

/** The cause a create in a terminating namespace carries (upstream: v1.NamespaceTerminatingCause). */
export const NAMESPACE_TERMINATING_CAUSE = "NamespaceTerminating";

/** Resources that tell whether someone may act in a namespace: always admitted. */
const ACCESS_REVIEW_RESOURCES = new Set(["authorization.k8s.io/localsubjectaccessreviews"]);

function isNamespace(a: Attributes): boolean {
  return a.kind.group === "" && a.kind.kind === "Namespace";
}

export class NamespaceLifecycle implements MutatingAdmissionPlugin {
  readonly name = NAMESPACE_LIFECYCLE;
  readonly handles = handlesOperations("CREATE", "UPDATE", "DELETE");

  constructor(
    private readonly namespaces: RESTStorage<KubeObject>,
    private readonly immortal: ReadonlySet<string> = new Set(IMMORTAL_NAMESPACES),
  ) {}

  async admit(a: Attributes): Promise<void> {
    if (a.operation === "DELETE" && isNamespace(a) && this.immortal.has(a.name)) {
      throw newAdmissionForbidden(a, "this namespace may not be deleted");
    }
    if (isNamespace(a)) return; // every other operation on namespaces themselves is allowed
    if (a.namespace === "") return; // cluster-scoped
    if (a.operation === "DELETE") return;
    if (ACCESS_REVIEW_RESOURCES.has(`${a.resource.group}/${a.resource.resource}`)) return;

    // A missing namespace is a NotFound for the namespace (the error the lookup gives).
    const namespace = (await this.namespaces.get({ namespace: "", dryRun: false, warnings: [] }, a.namespace)) as Namespace;
    if (a.operation !== "CREATE" || namespace.status?.phase !== NAMESPACE_TERMINATING) return;
    throw newAdmissionForbidden(a, `unable to create new content in namespace ${a.namespace} because it is being terminated`, [
      { reason: NAMESPACE_TERMINATING_CAUSE, message: `namespace ${a.namespace} is being terminated`, field: "metadata.namespace" },
    ]);
  }
}

/** Whether an error is the refusal of a create in a terminating namespace (upstream: HasStatusCause(err, NamespaceTerminatingCause)). */
export function isNamespaceTerminatingError(err: unknown): boolean {
  return isStatusError(err) && (err.status.details?.causes ?? []).some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE);
}
