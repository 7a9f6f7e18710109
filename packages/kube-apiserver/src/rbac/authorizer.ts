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
// watches and must have synced before the authorizer allows anything. The
// rules a user has in a namespace are resolved once and kept until the
// policy next changes, so a request only matches its attributes against
// that list (a user bound through 50 roles costs about what one does).

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

/** Users (with their groups, in a namespace) whose rules are kept; past this the cache starts over. */
const MAX_CACHED_USERS = 4096;

/** A user's rules in a namespace, with where each came from, as of one version of the policy. */
interface ResolvedRules {
  rules: { rule: PolicyRule; source: RuleSource }[];
  errors: string[];
}

export class RBACAuthorizer implements Authorizer, RuleResolver {
  /** The policy the decisions are made from; `run` fills it (tests may fill it directly). */
  readonly policy = new PolicyIndex();
  private cache = new Map<string, ResolvedRules>();
  private cachedVersion = -1;

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationDecision> {
    const { rules, errors } = this.resolve(attrs.user, attrs.namespace);
    // The first rule that allows decides, in upstream's order: ClusterRoleBindings, then the namespace's RoleBindings.
    for (const { rule, source } of rules) {
      if (ruleAllows(attrs, rule)) return { decision: "allow", reason: `RBAC: allowed by ${describeSource(source)}` };
    }
    return errors.length > 0 ? { decision: "no-opinion", reason: `RBAC: ${aggregateMessages(errors)}` } : { decision: "no-opinion" };
  }

  private resolve(user: UserInfo, namespace: string): ResolvedRules {
    if (this.cachedVersion !== this.policy.version || this.cache.size >= MAX_CACHED_USERS) {
      this.cache = new Map();
      this.cachedVersion = this.policy.version;
    }
    const key = `${namespace}\u0000${user.name}\u0000${user.groups.join("\u0000")}`;
    let resolved = this.cache.get(key);
    if (resolved === undefined) {
      resolved = { rules: [], errors: [] };
      const into = resolved;
      visitRulesFor(this.policy, user, namespace, (v) => {
        if ("error" in v) into.errors.push(v.error);
        else into.rules.push(v);
        return true;
      });
      this.cache.set(key, resolved);
    }
    return resolved;
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
