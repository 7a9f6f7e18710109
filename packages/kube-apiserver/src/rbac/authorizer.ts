// The RBAC authorizer (upstream: plugin/pkg/auth/authorizer/rbac): a request
// is allowed when a rule of a role bound to its user, one of its groups or
// its service account allows it; otherwise RBAC has no opinion (the next
// authorizer, if any, decides; with none the request is denied).
//
// The reason of an allow names the binding (`RBAC: allowed by
// ClusterRoleBinding "x" of ClusterRole "y" to User "u"`, shown in access
// reviews). A denial has a reason only when some binding's role could not
// be found (`RBAC: clusterrole.rbac.authorization.k8s.io "y" not found`),
// which the 403 message then ends with, as upstream.
//
// The policy is the in-memory PolicyIndex; `run` keeps it current from
// watches and must have synced before the authorizer allows anything.

import { aggregateMessages } from "@tskube/apimachinery";
import type {
  AuthorizationAttributes,
  AuthorizationDecision,
  Authorizer,
  Logger,
  NonResourceRuleInfo,
  RESTClient,
  ResourceRuleInfo,
  RuleResolver,
  UserInfo,
  UserRules,
} from "@tskube/generic-apiserver";
import type { PolicyRule } from "../apis/rbac/v1/policy-rule/schema.js";
import { PolicyIndex } from "./policy-index.js";
import { runPolicyInformers } from "./policy-informers.js";
import { type RuleSource, describeSource, rulesFor, visitRulesFor } from "./rule-resolver.js";
import { ruleAllows } from "./rule-match.js";

export class RBACAuthorizer implements Authorizer, RuleResolver {
  /** The policy the decisions are made from; `run` fills it (tests may fill it directly). */
  readonly policy = new PolicyIndex();

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationDecision> {
    let allowedBy: RuleSource | undefined;
    const errors: string[] = [];
    visitRulesFor(this.policy, attrs.user, attrs.namespace, (v) => {
      if ("error" in v) {
        errors.push(v.error);
        return true;
      }
      if (!ruleAllows(attrs, v.rule)) return true;
      allowedBy = v.source;
      return false;
    });
    if (allowedBy !== undefined) return { decision: "allow", reason: `RBAC: allowed by ${describeSource(allowedBy)}` };
    return errors.length > 0 ? { decision: "no-opinion", reason: `RBAC: ${aggregateMessages(errors)}` } : { decision: "no-opinion" };
  }

  /** The user's rules, split into resource and non-resource rules as SelfSubjectRulesReview lists them. */
  async rulesFor(user: UserInfo, namespace: string): Promise<UserRules> {
    const { rules, errors } = rulesFor(this.policy, user, namespace);
    return { resourceRules: rules.flatMap(resourceRuleOf), nonResourceRules: rules.flatMap(nonResourceRuleOf), incomplete: false, errors };
  }

  /**
   * Keeps the policy current from watches through `client` (the loopback
   * client) until `signal` aborts; resolves true once the whole policy has
   * been listed, false if `signal` aborted first.
   */
  run(client: RESTClient, signal: AbortSignal, logger?: Logger): Promise<boolean> {
    return runPolicyInformers(this.policy, client, signal, logger);
  }
}

function resourceRuleOf(rule: PolicyRule): ResourceRuleInfo[] {
  if ((rule.resources ?? []).length === 0) return [];
  return [
    {
      verbs: rule.verbs,
      ...(rule.apiGroups ? { apiGroups: rule.apiGroups } : {}),
      resources: rule.resources ?? [],
      ...(rule.resourceNames ? { resourceNames: rule.resourceNames } : {}),
    },
  ];
}

function nonResourceRuleOf(rule: PolicyRule): NonResourceRuleInfo[] {
  return (rule.nonResourceURLs ?? []).length === 0 ? [] : [{ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs ?? [] }];
}
