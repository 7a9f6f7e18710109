// `kubectl get rolebindings|clusterrolebindings`: NAME ROLE AGE, and with
// -o wide USERS GROUPS SERVICEACCOUNTS (upstream: printRoleBinding,
// printClusterRoleBinding). ROLE is `<kind>/<name>`; service accounts print
// as `<namespace>/<name>`.

import { type KubeObject } from "@tskube/apimachinery";
import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { Binding } from "./defaults.js";
import { GROUP_KIND, SERVICE_ACCOUNT_KIND, USER_KIND } from "./schema.js";

function subjectNames(binding: Binding, kind: string): string {
  return (binding.subjects ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === SERVICE_ACCOUNT_KIND ? `${s.namespace ?? ""}/${s.name}` : s.name))
    .join(", ");
}

export function bindingColumns<T extends KubeObject & Binding>(): TableColumn<T>[] {
  return [
    { name: "Role", type: "string", description: "The role granted, as kind/name.", cell: (b) => `${b.roleRef.kind}/${b.roleRef.name}` },
    { name: "Age", type: "string", description: "How long ago the binding was created.", cell: (b) => translateTimestampSince(b.metadata.creationTimestamp) },
    { name: "Users", type: "string", priority: 1, description: "The users the role is granted to.", cell: (b) => subjectNames(b, USER_KIND) },
    { name: "Groups", type: "string", priority: 1, description: "The groups the role is granted to.", cell: (b) => subjectNames(b, GROUP_KIND) },
    {
      name: "ServiceAccounts",
      type: "string",
      priority: 1,
      description: "The service accounts the role is granted to, as namespace/name.",
      cell: (b) => subjectNames(b, SERVICE_ACCOUNT_KIND),
    },
  ];
}
