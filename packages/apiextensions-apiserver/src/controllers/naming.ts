// The naming controller (upstream: controller/status/naming_controller.go):
// decides which of a CRD's names it may have. A name another CRD of the
// same group already has (its plural, singular or a short name; its kind or
// list kind) is refused; the rest are accepted into status.acceptedNames.
//
//   no conflict       NamesAccepted True (NoConflicts, "no conflicts found");
//                     Established False (Installing) until the resource is served
//   a conflict        NamesAccepted False, reason PluralConflict, SingularConflict,
//                     ShortNamesConflict, KindConflict or ListKindConflict,
//                     message `"Foo" is already in use`; Established False (NotAccepted)
//
// Names a CRD has once accepted stay its own. When a CRD goes or changes its
// names, the other CRDs of its group are looked at again. One worker, and
// our own latest writes preferred over the informer's copies, so that two
// CRDs handled one after the other never both get a name.

import { semanticEqual } from "@tskube/apimachinery";
import type { Informer, RESTClient } from "@tskube/generic-apiserver";
import {
  ESTABLISHED,
  NAMES_ACCEPTED,
  type ConditionStatus,
  findCondition,
  isConditionEquivalent,
  setCondition,
} from "../apis/apiextensions/v1/helpers.js";
import type { CustomResourceDefinition, CustomResourceDefinitionNames } from "../apis/apiextensions/v1/schema.js";
import { isNewer, updateCRDStatus } from "./crd-client.js";

interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
}

export class NamingController {
  /** CRDs as this controller last wrote them, until the informer catches up. */
  private readonly written = new Map<string, CustomResourceDefinition>();

  constructor(
    private readonly client: RESTClient,
    private readonly crds: Informer<CustomResourceDefinition>,
    private readonly requeue: (name: string) => void,
  ) {}

  /** The freshest copy we know of. */
  private current(name: string): CustomResourceDefinition | undefined {
    const informed = this.crds.get(name);
    const written = this.written.get(name);
    if (informed !== undefined && written !== undefined && isNewer(written, informed)) return written;
    this.written.delete(name);
    return informed;
  }

  async sync(name: string): Promise<void> {
    const crd = this.current(name);
    if (crd === undefined) {
      // Gone: its names are free again for the others of its group.
      this.requeueGroup(name.slice(name.indexOf(".") + 1), name);
      return;
    }
    if (semanticEqual(crd.spec.names, crd.status?.acceptedNames)) return;

    const { names, namesAccepted, established } = this.namesAndConditions(crd);
    if (semanticEqual(crd.status?.acceptedNames, names) && isConditionEquivalent(namesAccepted, findCondition(crd, NAMES_ACCEPTED))) return;

    const next = structuredClone(crd);
    next.status = { ...next.status, acceptedNames: names };
    setCondition(next, namesAccepted);
    setCondition(next, established);
    const stored = await updateCRDStatus(this.client, next);
    if (stored === undefined) return;
    this.written.set(name, stored);
    // We may have taken or released a name.
    this.requeueGroup(crd.spec.group, name);
  }

  private requeueGroup(group: string, except: string): void {
    for (const other of this.crds.list()) {
      if (other.spec.group === group && other.metadata.name !== except) this.requeue(other.metadata.name ?? "");
    }
  }

  /** The names the other CRDs of the group have accepted. */
  private namesInUse(crd: CustomResourceDefinition): { resources: Set<string>; kinds: Set<string> } {
    const resources = new Set<string>();
    const kinds = new Set<string>();
    for (const listed of this.crds.list()) {
      if (listed.spec.group !== crd.spec.group) continue;
      const other = this.current(listed.metadata.name ?? "") ?? listed;
      const accepted = other.status?.acceptedNames;
      if (accepted === undefined) continue;
      for (const n of [accepted.plural, accepted.singular ?? "", ...(accepted.shortNames ?? [])]) resources.add(n);
      kinds.add(accepted.kind);
      kinds.add(accepted.listKind ?? "");
    }
    return { resources, kinds };
  }

  private namesAndConditions(crd: CustomResourceDefinition): { names: CustomResourceDefinitionNames; namesAccepted: Condition; established: Condition } {
    const inUse = this.namesInUse(crd);
    const requested = crd.spec.names;
    const accepted = crd.status?.acceptedNames ?? { plural: "", kind: "" };
    const names: CustomResourceDefinitionNames = structuredClone(accepted);
    let refusal: { reason: string; message: string } | undefined;
    const take = (requestedName: string, acceptedName: string | undefined, used: Set<string>, reason: string): boolean => {
      // A name already ours, or one nobody has.
      if (requestedName === acceptedName || !used.has(requestedName)) return true;
      refusal = { reason, message: `${JSON.stringify(requestedName)} is already in use` };
      return false;
    };

    if (take(requested.plural, accepted.plural, inUse.resources, "PluralConflict")) names.plural = requested.plural;
    if (take(requested.singular ?? "", accepted.singular, inUse.resources, "SingularConflict")) names.singular = requested.singular ?? "";
    if (!semanticEqual(requested.shortNames, accepted.shortNames)) {
      const ours = new Set(accepted.shortNames ?? []);
      const taken = (requested.shortNames ?? []).filter((s) => !ours.has(s) && inUse.resources.has(s));
      if (taken.length > 0) {
        const messages = taken.map((s) => `${JSON.stringify(s)} is already in use`);
        refusal = { reason: "ShortNamesConflict", message: messages.length === 1 ? messages[0]! : `[${messages.join(", ")}]` };
      } else if (requested.shortNames !== undefined) names.shortNames = [...requested.shortNames];
      else delete names.shortNames;
    }
    if (take(requested.kind, accepted.kind, inUse.kinds, "KindConflict")) names.kind = requested.kind;
    if (take(requested.listKind ?? "", accepted.listKind, inUse.kinds, "ListKindConflict")) names.listKind = requested.listKind ?? "";
    // Categories never conflict.
    if (requested.categories !== undefined) names.categories = [...requested.categories];
    else delete names.categories;

    const namesAccepted: Condition = refusal
      ? { type: NAMES_ACCEPTED, status: "False", ...refusal }
      : { type: NAMES_ACCEPTED, status: "True", reason: "NoConflicts", message: "no conflicts found" };

    // Established turns True only once the resource is served (the establishing controller).
    const old = findCondition(crd, ESTABLISHED);
    let established: Condition = old
      ? { type: ESTABLISHED, status: old.status as ConditionStatus, reason: old.reason ?? "", message: old.message ?? "" }
      : { type: ESTABLISHED, status: "False", reason: "NotAccepted", message: "not all names are accepted" };
    if (established.status !== "True" && namesAccepted.status === "True") {
      established = { type: ESTABLISHED, status: "False", reason: "Installing", message: "the initial names have been accepted" };
    }
    return { names, namesAccepted, established };
  }
}
