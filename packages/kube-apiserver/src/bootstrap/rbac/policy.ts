// The default RBAC policy of a cluster (upstream:
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy, as its testdata shows it
// for v1.32): the user-facing roles (cluster-admin; admin, edit and view,
// assembled from the system:aggregate-to-* roles and any role labelled to
// join them), the roles every user or client needs (discovery, health and
// version, self reviews, service account issuer discovery, delegated
// authentication and authorization), and their bindings. The roles of
// components this server does not run (kubelets, scheduler, controller
// manager's controllers) are left out.
//
// Every object carries upstream's label `kubernetes.io/bootstrapping:
// rbac-defaults` and annotation `rbac.authorization.kubernetes.io/autoupdate:
// "true"`; setting the annotation to "false" keeps the server's hands off an
// object on restart (reconcile.ts).

import type { ClusterRole } from "../../apis/rbac/v1/clusterrole/schema.js";
import type { ClusterRoleBinding } from "../../apis/rbac/v1/clusterrolebinding/schema.js";
import type { Subject } from "../../apis/rbac/v1/binding/schema.js";
import { type PolicyRule, RBAC_GROUP } from "../../apis/rbac/v1/policy-rule/schema.js";
import type { Role } from "../../apis/rbac/v1/role/schema.js";
import type { RoleBinding } from "../../apis/rbac/v1/rolebinding/schema.js";

export const AUTO_UPDATE_ANNOTATION = "rbac.authorization.kubernetes.io/autoupdate";
export const BOOTSTRAPPING_LABEL = "kubernetes.io/bootstrapping";
const DEFAULT_METADATA = () => ({ labels: { [BOOTSTRAPPING_LABEL]: "rbac-defaults" }, annotations: { [AUTO_UPDATE_ANNOTATION]: "true" } });

const READ = ["get", "list", "watch"];
const WRITE = ["create", "update", "patch", "delete", "deletecollection"];
const READ_WRITE = [...READ, ...WRITE];

/** A resource rule, its lists sorted as upstream's rule builder sorts them. */
function rule(verbs: string[], groups: string[], resources: string[]): PolicyRule {
  return { apiGroups: [...groups].sort(), resources: [...resources].sort(), verbs: [...verbs].sort() };
}

function urlRule(verbs: string[], urls: string[]): PolicyRule {
  return { nonResourceURLs: [...urls].sort(), verbs: [...verbs].sort() };
}

const AGGREGATE_TO = (role: "admin" | "edit" | "view") => `rbac.authorization.k8s.io/aggregate-to-${role}`;

function clusterRole(name: string, rules: PolicyRule[] | null, extra: { labels?: Record<string, string>; aggregateFrom?: "admin" | "edit" | "view" } = {}): ClusterRole {
  const metadata = DEFAULT_METADATA();
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name, labels: { ...metadata.labels, ...extra.labels }, annotations: metadata.annotations },
    ...(extra.aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO(extra.aggregateFrom)]: "true" } }] } } : {}),
    rules,
  };
}

const group = (name: string): Subject => ({ kind: "Group", apiGroup: RBAC_GROUP, name });
const user = (name: string): Subject => ({ kind: "User", apiGroup: RBAC_GROUP, name });

function clusterRoleBinding(role: string, subjects: Subject[]): ClusterRoleBinding {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: role, ...DEFAULT_METADATA() },
    roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: role },
    subjects,
  };
}

export function bootstrapClusterRoles(): ClusterRole[] {
  return [
    clusterRole("admin", null, { aggregateFrom: "admin" }),
    clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urlRule(["*"], ["*"])]),
    clusterRole("edit", null, { labels: { [AGGREGATE_TO("admin")]: "true" }, aggregateFrom: "edit" }),
    clusterRole(
      "system:aggregate-to-admin",
      [rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]), rule(READ_WRITE, [RBAC_GROUP], ["roles", "rolebindings"])],
      { labels: { [AGGREGATE_TO("admin")]: "true" } },
    ),
    clusterRole(
      "system:aggregate-to-edit",
      [
        // Read access to the resources that escalate (secrets, exec, proxies)...
        rule(READ, [""], ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"]),
        rule(["impersonate"], [""], ["serviceaccounts"]),
        // ...and writes to what users run.
        rule(WRITE, [""], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
        rule(["create"], [""], ["pods/eviction"]),
        rule(WRITE, [""], ["replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"]),
        rule(["create"], [""], ["serviceaccounts/token"]),
        rule(WRITE, ["apps"], ["statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"]),
        rule(WRITE, ["autoscaling"], ["horizontalpodautoscalers"]),
        rule(WRITE, ["batch"], ["jobs", "cronjobs"]),
        rule(WRITE, ["extensions"], ["daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"]),
        rule(WRITE, ["policy"], ["poddisruptionbudgets"]),
        rule(WRITE, ["networking.k8s.io"], ["networkpolicies", "ingresses"]),
        rule(READ_WRITE, ["coordination.k8s.io"], ["leases"]),
      ],
      { labels: { [AGGREGATE_TO("edit")]: "true" } },
    ),
    clusterRole(
      "system:aggregate-to-view",
      [
        rule(READ, [""], ["pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"]),
        rule(READ, [""], ["limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"]),
        // Reading namespaces at namespace scope means reading *this* namespace.
        rule(READ, [""], ["namespaces"]),
        rule(READ, ["discovery.k8s.io"], ["endpointslices"]),
        rule(READ, ["apps"], ["controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status", "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"]),
        rule(READ, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
        rule(READ, ["batch"], ["jobs", "cronjobs", "cronjobs/status", "jobs/status"]),
        rule(READ, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"]),
        rule(READ, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
        rule(READ, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
      ],
      { labels: { [AGGREGATE_TO("view")]: "true" } },
    ),
    clusterRole("system:auth-delegator", [rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]), rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"])]),
    clusterRole("system:basic-user", [
      rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
      rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
    ]),
    clusterRole("system:discovery", [urlRule(["get"], ["/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"])]),
    clusterRole("system:kube-aggregator", [rule(READ, [""], ["services", "endpoints"])]),
    clusterRole("system:monitoring", [urlRule(["get"], ["/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*"])]),
    clusterRole("system:public-info-viewer", [urlRule(["get"], ["/livez", "/readyz", "/healthz", "/version", "/version/"])]),
    clusterRole("system:service-account-issuer-discovery", [urlRule(["get"], ["/.well-known/openid-configuration", "/openid/v1/jwks"])]),
    clusterRole("view", null, { labels: { [AGGREGATE_TO("edit")]: "true" }, aggregateFrom: "view" }),
  ];
}

export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    clusterRoleBinding("cluster-admin", [group("system:masters")]),
    clusterRoleBinding("system:monitoring", [group("system:monitoring")]),
    // Since v1.14 discovery and self reviews are for authenticated users only; health and version for everyone.
    clusterRoleBinding("system:discovery", [group("system:authenticated")]),
    clusterRoleBinding("system:basic-user", [group("system:authenticated")]),
    clusterRoleBinding("system:public-info-viewer", [group("system:authenticated"), group("system:unauthenticated")]),
    clusterRoleBinding("system:service-account-issuer-discovery", [group("system:serviceaccounts")]),
  ];
}

/** Roles in kube-system: reading the ConfigMap that tells aggregated API servers how to authenticate their clients. */
export function bootstrapRoles(): Role[] {
  return [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "extension-apiserver-authentication-reader", namespace: "kube-system", ...DEFAULT_METADATA() },
      rules: [{ apiGroups: [""], resources: ["configmaps"], resourceNames: ["extension-apiserver-authentication"], verbs: [...READ].sort() }],
    },
  ];
}

export function bootstrapRoleBindings(): RoleBinding[] {
  return [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "system::extension-apiserver-authentication-reader", namespace: "kube-system", ...DEFAULT_METADATA() },
      roleRef: { apiGroup: RBAC_GROUP, kind: "Role", name: "extension-apiserver-authentication-reader" },
      subjects: [user("system:kube-controller-manager"), user("system:kube-scheduler")],
    },
  ];
}
