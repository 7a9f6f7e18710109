// The API approval controller (upstream: controller/apiapproval): CRDs in
// the groups the Kubernetes project owns (`*.k8s.io`, `*.kubernetes.io`)
// carry the condition KubernetesAPIApprovalPolicyConformant, saying what
// their api-approved.kubernetes.io annotation says:
//
//   a URL                  True   ApprovedAnnotation     approved in <url>
//   "unapproved..."        False  UnapprovedAnnotation   not approved: "<value>"
//   anything else          False  InvalidAnnotation
//   none                   False  MissingAnnotation
//
// (Validation already refuses creating such a CRD without a valid annotation.)

import type { Informer, RESTClient } from "@tskube/generic-apiserver";
import {
  API_APPROVAL_CONFORMANT,
  apiApprovalState,
  findCondition,
  isConditionEquivalent,
  isProtectedCommunityGroup,
  setCondition,
} from "../apis/apiextensions/v1/helpers.js";
import type { CustomResourceDefinition } from "../apis/apiextensions/v1/schema.js";
import { updateCRDStatus } from "./crd-client.js";

const REASONS = { Approved: "ApprovedAnnotation", Bypassed: "UnapprovedAnnotation", Invalid: "InvalidAnnotation", Missing: "MissingAnnotation" } as const;

export class APIApprovalController {
  constructor(
    private readonly client: RESTClient,
    private readonly crds: Informer<CustomResourceDefinition>,
  ) {}

  async sync(name: string): Promise<void> {
    const crd = this.crds.get(name);
    if (crd === undefined || !isProtectedCommunityGroup(crd.spec.group)) return;
    const { state, reason: message } = apiApprovalState(crd.metadata.annotations);
    const condition = { type: API_APPROVAL_CONFORMANT, status: state === "Approved" ? "True" : "False", reason: REASONS[state], message } as const;
    if (isConditionEquivalent(condition, findCondition(crd, API_APPROVAL_CONFORMANT))) return;
    const next = structuredClone(crd);
    setCondition(next, condition);
    await updateCRDStatus(this.client, next);
  }
}
