// The storage of selfsubjectrulesreviews (upstream:
// pkg/registry/authorization/selfsubjectrulesreview): the requesting user's
// rules in spec.namespace, from every authorizer of the chain that can list
// them (RBAC; AlwaysAllow lists everything). The answer carries no spec, as upstream's.

import { aggregateMessages, newBadRequest } from "@tskube/apimachinery";
import type { RESTStorage, RuleResolver } from "@tskube/generic-apiserver";
import { reviewStorage } from "../review/storage.js";
import { selfSubjectRulesReviewDefinition } from "./definition.js";
import type { SelfSubjectRulesReview } from "./schema.js";

export function selfSubjectRulesReviewStorage(resolver: () => RuleResolver): RESTStorage<SelfSubjectRulesReview> {
  return reviewStorage(selfSubjectRulesReviewDefinition, {
    check(scope, review) {
      if (scope.user === undefined) throw newBadRequest("no user present on request");
      if ((review.spec.namespace ?? "") === "") throw newBadRequest("no namespace on request");
    },
    async answer(scope, review) {
      if (scope.user === undefined) throw newBadRequest("no user present on request");
      const rules = await resolver().rulesFor(scope.user, review.spec.namespace ?? "");
      return {
        apiVersion: review.apiVersion,
        kind: review.kind,
        metadata: {},
        spec: {},
        status: {
          resourceRules: rules.resourceRules.map((r) => ({ ...r })),
          nonResourceRules: rules.nonResourceRules.map((r) => ({ ...r })),
          incomplete: rules.incomplete,
          ...(rules.errors.length > 0 ? { evaluationError: aggregateMessages(rules.errors) } : {}),
        },
      };
    },
  });
}
