// `kubectl get pods`: NAME READY STATUS RESTARTS AGE, and with -o wide IP,
// NODE, NOMINATED NODE, READINESS GATES (upstream: printPod in
// pkg/printers/internalversion/printers.go).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { Container, ContainerStatus } from "../pod-spec/schema.js";
import type { Pod } from "./schema.js";

interface PodSummary {
  ready: number;
  total: number;
  status: string;
  restarts: number;
  lastRestart: string | undefined;
}

const later = (a: string | undefined, b: string | undefined): string | undefined => (!a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a);

/** A sidecar: an init container that keeps running (restartPolicy Always). */
const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === "Always";

function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

/** READY, STATUS and RESTARTS the way kubectl shows them. */
export function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const initSpecs = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  const total = spec.containers.length + (spec.initContainers ?? []).filter(isSidecar).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: string | undefined;
  let lastSidecarRestart: string | undefined;
  let reason = status.reason || status.phase || "";
  if ((status.conditions ?? []).some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) reason = "SchedulingGated";

  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    restarts += cs.restartCount;
    const finished = cs.lastState?.terminated?.finishedAt;
    lastRestart = later(lastRestart, finished);
    if (isSidecar(initSpecs.get(cs.name))) {
      sidecarRestarts += cs.restartCount;
      lastSidecarRestart = later(lastSidecarRestart, finished);
      if (cs.started && cs.ready) ready++;
      continue;
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (term) reason = terminatedReason("Init:", term);
    else if (waiting?.reason && waiting.reason !== "PodInitializing") reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some((c) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += cs.restartCount;
      lastRestart = later(lastRestart, cs.lastState?.terminated?.finishedAt);
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term) reason = terminatedReason("", term);
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      reason = (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True") ? "Running" : "NotReady";
    }
  }

  const terminal = status.phase === "Succeeded" || status.phase === "Failed";
  if (pod.metadata.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && !terminal) reason = "Terminating";
  return { ready, total, status: reason, restarts, lastRestart };
}

function restartsCell(pod: Pod): string {
  const s = summarizePod(pod);
  return s.restarts !== 0 && s.lastRestart ? `${s.restarts} (${translateTimestampSince(s.lastRestart)} ago)` : String(s.restarts);
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return "<none>";
  const conditions = pod.status?.conditions ?? [];
  const met = gates.filter((g) => conditions.some((c) => c.type === g.conditionType && c.status === "True")).length;
  return `${met}/${gates.length}`;
}

export const podColumns: TableColumn<Pod>[] = [
  { name: "Ready", type: "string", description: "Ready containers out of all (sidecars included).", cell: (p) => { const s = summarizePod(p); return `${s.ready}/${s.total}`; } },
  { name: "Status", type: "string", description: "The phase, or the reason the pod or one of its containers gives.", cell: (p) => summarizePod(p).status },
  { name: "Restarts", type: "string", description: "Container restarts, and how long ago the last one was.", cell: restartsCell },
  { name: "Age", type: "string", description: "How long ago the pod was created.", cell: (p) => translateTimestampSince(p.metadata.creationTimestamp) },
  { name: "IP", type: "string", priority: 1, description: "The pod's first IP.", cell: (p) => p.status?.podIPs?.[0]?.ip || p.status?.podIP || "<none>" },
  { name: "Node", type: "string", priority: 1, description: "The node the pod is bound to.", cell: (p) => p.spec?.nodeName || "<none>" },
  { name: "Nominated Node", type: "string", priority: 1, description: "The node the pod may go to once preemption is done.", cell: (p) => p.status?.nominatedNodeName || "<none>" },
  { name: "Readiness Gates", type: "string", priority: 1, description: "Readiness gates that are met, out of all.", cell: readinessGates },
];
