// Asking the authorizer a review's question, and writing its answer as a
// SubjectAccessReviewStatus (upstream: the Create of each review's REST).

import type { AuthorizationAttributes, Authorizer } from "@tskube/generic-apiserver";
import type { SubjectAccessReviewStatus } from "./schema.js";

export async function decide(authorizer: Authorizer, attrs: AuthorizationAttributes): Promise<SubjectAccessReviewStatus> {
  try {
    const { decision, reason } = await authorizer.authorize(attrs);
    return {
      allowed: decision === "allow",
      ...(decision === "deny" ? { denied: true } : {}),
      ...(reason ? { reason } : {}),
    };
  } catch (err) {
    // The decision could not be made: not allowed, and why.
    return { allowed: false, evaluationError: err instanceof Error ? err.message : String(err) };
  }
}
