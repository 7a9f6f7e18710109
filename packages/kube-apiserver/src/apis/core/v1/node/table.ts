// `kubectl get nodes`: NAME STATUS ROLES AGE VERSION, and with -o wide
// INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME
// (upstream: printNode in pkg/printers/internalversion/printers.go).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { Node } from "./schema.js";

const NONE = "<none>";
const UNKNOWN = "<unknown>";
/** node-role.kubernetes.io/<role> (any value) names a role. */
const ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
/** kubernetes.io/role=<role>, the older way. */
const ROLE_LABEL = "kubernetes.io/role";

/** Ready or NotReady (Unknown without a Ready condition), then SchedulingDisabled when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === "Ready").at(-1);
  const parts = [ready === undefined ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady"];
  if (node.spec?.unschedulable) parts.push("SchedulingDisabled");
  return parts.join(",");
}

/** The node's roles from its labels, sorted and comma-separated; `<none>` without any. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role !== "") roles.add(role);
    } else if (key === ROLE_LABEL && value !== "") {
      roles.add(value);
    }
  }
  return roles.size === 0 ? NONE : [...roles].sort().join(",");
}

function firstAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? NONE;
}

const info = (node: Node) => node.status?.nodeInfo;

export const nodeColumns: TableColumn<Node>[] = [
  { name: "Status", type: "string", description: "Whether the node is ready, and whether it takes new pods.", cell: nodeStatus },
  { name: "Roles", type: "string", description: "The node's roles, from its node-role.kubernetes.io labels.", cell: nodeRoles },
  { name: "Age", type: "string", description: "How long ago the node was registered.", cell: (n) => translateTimestampSince(n.metadata.creationTimestamp) },
  { name: "Version", type: "string", description: "The kubelet's version.", cell: (n) => info(n)?.kubeletVersion ?? "" },
  { name: "Internal-IP", type: "string", priority: 1, description: "The node's first internal IP.", cell: (n) => firstAddress(n, "InternalIP") },
  { name: "External-IP", type: "string", priority: 1, description: "The node's first external IP.", cell: (n) => firstAddress(n, "ExternalIP") },
  { name: "OS-Image", type: "string", priority: 1, description: "The node's OS image.", cell: (n) => info(n)?.osImage || UNKNOWN },
  { name: "Kernel-Version", type: "string", priority: 1, description: "The node's kernel version.", cell: (n) => info(n)?.kernelVersion || UNKNOWN },
  { name: "Container-Runtime", type: "string", priority: 1, description: "The node's container runtime and version.", cell: (n) => info(n)?.containerRuntimeVersion || UNKNOWN },
];
