import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fieldPatchInfo } from "@tskube/generic-apiserver";
import type { z } from "zod";
import { PodSchema } from "../pod/schema.js";
import { FieldPath } from "@tskube/apimachinery";
import { imageTag } from "./defaults.js";
import { PodTemplateSpecSchema } from "./schema.js";
import { applyPodTemplateSpecDefaults, validatePodTemplateSpec } from "./template.js";
import { parseQuantity } from "./quantity.js";

type Schema = Parameters<typeof fieldPatchInfo>[0];

/** The patch strategy and merge key at a path like `spec.containers[].env` (`[]` steps into list elements). */
function patchInfoAt(path: string): string {
  let schema: Schema = PodSchema;
  let info = { strategies: [] as string[], mergeKey: "" };
  for (const part of path.split(".")) {
    const list = part.endsWith("[]");
    const key = list ? part.slice(0, -2) : part;
    const next = fieldPatchInfo(schema, key);
    assert.ok(next.schema, `no field ${key} in ${path}`);
    info = next;
    schema = list ? (next.schema as unknown as z.ZodArray).element : next.schema;
  }
  return `${info.strategies.join(",") || "-"} ${info.mergeKey || "-"}`;
}

const container = {
  name: "app",
  image: "registry.example.com:5000/app:1.2.3",
  command: ["/bin/app"],
  args: ["--port=8080"],
  workingDir: "/srv",
  ports: [{ name: "http", hostPort: 18080, containerPort: 8080, protocol: "TCP", hostIP: "0.0.0.0" }],
  envFrom: [
    { prefix: "CM_", configMapRef: { name: "cm", optional: true } },
    { prefix: "S_", secretRef: { name: "sec", optional: false } },
  ],
  env: [
    { name: "PLAIN", value: "v" },
    { name: "NODE", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } },
    { name: "CPU", valueFrom: { resourceFieldRef: { containerName: "app", resource: "limits.cpu", divisor: "1m" } } },
    { name: "CM", valueFrom: { configMapKeyRef: { name: "cm", key: "k", optional: true } } },
    { name: "SEC", valueFrom: { secretKeyRef: { name: "sec", key: "k", optional: false } } },
  ],
  resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m", memory: "512Mi" }, claims: [{ name: "gpu", request: "one" }] },
  resizePolicy: [{ resourceName: "cpu", restartPolicy: "NotRequired" }],
  volumeMounts: [{ name: "data", readOnly: true, recursiveReadOnly: "Disabled", mountPath: "/data", subPath: "x", mountPropagation: "None" }, { name: "cfg", mountPath: "/cfg", subPathExpr: "$(POD)" }],
  volumeDevices: [{ name: "block", devicePath: "/dev/xvda" }],
  livenessProbe: { exec: { command: ["true"] }, initialDelaySeconds: 1, timeoutSeconds: 2, periodSeconds: 3, successThreshold: 1, failureThreshold: 4, terminationGracePeriodSeconds: 5 },
  readinessProbe: { httpGet: { path: "/ready", port: "http", host: "h", scheme: "HTTPS", httpHeaders: [{ name: "X", value: "y" }] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
  startupProbe: { grpc: { port: 9090, service: "health" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
  lifecycle: { postStart: { tcpSocket: { port: 8080, host: "localhost" } }, preStop: { sleep: { seconds: 5 } } },
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "FallbackToLogsOnError",
  imagePullPolicy: "IfNotPresent",
  securityContext: {
    capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] },
    privileged: false,
    seLinuxOptions: { user: "u", role: "r", type: "t", level: "s0" },
    windowsOptions: { gmsaCredentialSpecName: "g", gmsaCredentialSpec: "spec", runAsUserName: "user", hostProcess: false },
    runAsUser: 1000,
    runAsGroup: 1000,
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    procMount: "Default",
    seccompProfile: { type: "Localhost", localhostProfile: "p.json" },
    appArmorProfile: { type: "Localhost", localhostProfile: "p" },
  },
  stdin: true,
  stdinOnce: true,
  tty: true,
};

const selector = { matchLabels: { app: "x" }, matchExpressions: [{ key: "tier", operator: "In", values: ["a"] }] };
const nodeTerm = { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }], matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["n"] }] };
const affinityTerm = { labelSelector: selector, namespaces: ["ns"], topologyKey: "zone", namespaceSelector: selector, matchLabelKeys: ["rev"], mismatchLabelKeys: ["team"] };

const BIG_POD = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "big", namespace: "default", labels: { app: "x" }, annotations: { a: "b" } },
  spec: {
    volumes: [
      { name: "hp", hostPath: { path: "/var", type: "Directory" } },
      { name: "ed", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } },
      { name: "gce", gcePersistentDisk: { pdName: "pd", fsType: "ext4", partition: 1, readOnly: true } },
      { name: "ebs", awsElasticBlockStore: { volumeID: "vol", fsType: "ext4", partition: 1, readOnly: true } },
      { name: "git", gitRepo: { repository: "https://x", revision: "abc", directory: "." } },
      { name: "sec", secret: { secretName: "s", items: [{ key: "k", path: "p", mode: 256 }], defaultMode: 384, optional: true } },
      { name: "nfs", nfs: { server: "srv", path: "/exp", readOnly: true } },
      { name: "iscsi", iscsi: { targetPortal: "1.2.3.4:3260", iqn: "iqn.x", lun: 0, iscsiInterface: "default", fsType: "ext4", readOnly: true, portals: ["1.2.3.5"], chapAuthDiscovery: true, chapAuthSession: true, secretRef: { name: "s" }, initiatorName: "iqn.i" } },
      { name: "gl", glusterfs: { endpoints: "ep", path: "vol", readOnly: true } },
      { name: "data", persistentVolumeClaim: { claimName: "c", readOnly: true } },
      { name: "rbd", rbd: { monitors: ["m"], image: "i", fsType: "ext4", pool: "rbd", user: "admin", keyring: "/k", secretRef: { name: "s" }, readOnly: true } },
      { name: "flex", flexVolume: { driver: "d", fsType: "ext4", secretRef: { name: "s" }, readOnly: true, options: { a: "b" } } },
      { name: "cinder", cinder: { volumeID: "v", fsType: "ext4", readOnly: true, secretRef: { name: "s" } } },
      { name: "ceph", cephfs: { monitors: ["m"], path: "/", user: "u", secretFile: "/f", secretRef: { name: "s" }, readOnly: true } },
      { name: "flocker", flocker: { datasetName: "d", datasetUUID: "u" } },
      { name: "dapi", downwardAPI: { items: [{ path: "labels", fieldRef: { apiVersion: "v1", fieldPath: "metadata.labels" }, mode: 420 }, { path: "cpu", resourceFieldRef: { containerName: "app", resource: "limits.cpu", divisor: "1m" } }], defaultMode: 420 } },
      { name: "fc", fc: { targetWWNs: ["w"], lun: 1, fsType: "ext4", readOnly: true, wwids: ["id"] } },
      { name: "af", azureFile: { secretName: "s", shareName: "sh", readOnly: true } },
      { name: "cfg", configMap: { name: "cm", items: [{ key: "k", path: "p" }], defaultMode: 420, optional: false } },
      { name: "vs", vsphereVolume: { volumePath: "/p", fsType: "ext4", storagePolicyName: "n", storagePolicyID: "i" } },
      { name: "qb", quobyte: { registry: "r", volume: "v", readOnly: true, user: "u", group: "g", tenant: "t" } },
      { name: "ad", azureDisk: { diskName: "d", diskURI: "uri", cachingMode: "None", fsType: "ext4", readOnly: true, kind: "Managed" } },
      { name: "ph", photonPersistentDisk: { pdID: "id", fsType: "ext4" } },
      {
        name: "proj",
        projected: {
          sources: [
            { secret: { name: "s", items: [{ key: "k", path: "p" }], optional: true } },
            { downwardAPI: { items: [{ path: "ns", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
            { configMap: { name: "cm", items: [{ key: "k", path: "q" }], optional: true } },
            { serviceAccountToken: { audience: "api", expirationSeconds: 3600, path: "token" } },
            { clusterTrustBundle: { name: "b", signerName: "example.com/s", labelSelector: selector, optional: true, path: "ca.pem" } },
          ],
          defaultMode: 420,
        },
      },
      { name: "px", portworxVolume: { volumeID: "v", fsType: "ext4", readOnly: true } },
      { name: "sio", scaleIO: { gateway: "g", system: "s", secretRef: { name: "s" }, sslEnabled: true, protectionDomain: "p", storagePool: "sp", storageMode: "ThickProvisioned", volumeName: "v", fsType: "xfs", readOnly: true } },
      { name: "sos", storageos: { volumeName: "v", volumeNamespace: "ns", fsType: "ext4", readOnly: true, secretRef: { name: "s" } } },
      { name: "csi", csi: { driver: "d.example.com", readOnly: true, fsType: "ext4", volumeAttributes: { a: "b" }, nodePublishSecretRef: { name: "s" } } },
      {
        name: "eph",
        ephemeral: {
          volumeClaimTemplate: {
            metadata: { labels: { a: "b" } },
            spec: {
              accessModes: ["ReadWriteOnce"],
              selector,
              resources: { limits: { storage: "2Gi" }, requests: { storage: "1Gi" } },
              volumeName: "pv",
              storageClassName: "fast",
              volumeMode: "Block",
              dataSource: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap" },
              dataSourceRef: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap", namespace: "ns" },
              volumeAttributesClassName: "gold",
            },
          },
        },
      },
      { name: "img", image: { reference: "quay.io/data:1", pullPolicy: "IfNotPresent" } },
      { name: "block", persistentVolumeClaim: { claimName: "blk" } },
    ],
    initContainers: [{ ...container, name: "init", restartPolicy: "Always" }],
    containers: [container],
    ephemeralContainers: [{ ...container, name: "debug", targetContainerName: "app" }],
    restartPolicy: "OnFailure",
    terminationGracePeriodSeconds: 10,
    activeDeadlineSeconds: 600,
    dnsPolicy: "None",
    nodeSelector: { "kubernetes.io/os": "linux" },
    serviceAccountName: "sa",
    serviceAccount: "sa",
    automountServiceAccountToken: false,
    nodeName: "node-1",
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
    shareProcessNamespace: true,
    securityContext: {
      seLinuxOptions: { level: "s0:c1" },
      windowsOptions: { runAsUserName: "u" },
      runAsUser: 1000,
      runAsGroup: 1000,
      runAsNonRoot: true,
      supplementalGroups: [5, 6],
      supplementalGroupsPolicy: "Strict",
      fsGroup: 2000,
      sysctls: [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }],
      fsGroupChangePolicy: "OnRootMismatch",
      seccompProfile: { type: "RuntimeDefault" },
      appArmorProfile: { type: "RuntimeDefault" },
      seLinuxChangePolicy: "MountOption",
    },
    imagePullSecrets: [{ name: "pull" }],
    hostname: "h",
    subdomain: "sub",
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nodeTerm] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: nodeTerm }],
      },
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [affinityTerm], preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: affinityTerm }] },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [affinityTerm], preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: affinityTerm }] },
    },
    schedulerName: "custom",
    tolerations: [{ key: "k", operator: "Equal", value: "v", effect: "NoExecute", tolerationSeconds: 30 }],
    hostAliases: [{ ip: "10.0.0.1", hostnames: ["a", "b"] }],
    priorityClassName: "high",
    priority: 1000,
    dnsConfig: { nameservers: ["1.1.1.1"], searches: ["svc.local"], options: [{ name: "ndots", value: "2" }] },
    readinessGates: [{ conditionType: "example.com/ready" }],
    runtimeClassName: "gvisor",
    enableServiceLinks: false,
    preemptionPolicy: "Never",
    overhead: { cpu: "250m", memory: "120Mi" },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: selector, minDomains: 2, nodeAffinityPolicy: "Honor", nodeTaintsPolicy: "Ignore", matchLabelKeys: ["rev"] }],
    setHostnameAsFQDN: true,
    os: { name: "linux" },
    hostUsers: false,
    schedulingGates: [{ name: "example.com/gate" }],
    resourceClaims: [{ name: "gpu", resourceClaimName: "claim" }, { name: "tpl", resourceClaimTemplateName: "t" }],
    resources: { limits: { cpu: "2" }, requests: { cpu: "1" } },
  },
  status: {
    phase: "Running",
    conditions: [{ type: "Ready", status: "True", lastProbeTime: "2024-01-01T00:00:00Z", lastTransitionTime: "2024-01-01T00:00:00Z", reason: "R", message: "m" }],
    message: "msg",
    reason: "reason",
    nominatedNodeName: "node-2",
    hostIP: "192.168.0.1",
    hostIPs: [{ ip: "192.168.0.1" }, { ip: "fd00::1" }],
    podIP: "10.1.0.5",
    podIPs: [{ ip: "10.1.0.5" }, { ip: "fd01::5" }],
    startTime: "2024-01-01T00:00:00Z",
    initContainerStatuses: [{ name: "init", state: { running: { startedAt: "2024-01-01T00:00:00Z" } }, ready: true, restartCount: 0, image: "i", imageID: "id", containerID: "containerd://a", started: true }],
    containerStatuses: [
      {
        name: "app",
        state: { waiting: { reason: "CrashLoopBackOff", message: "back-off" } },
        lastState: { terminated: { exitCode: 137, signal: 9, reason: "OOMKilled", message: "m", startedAt: "2024-01-01T00:00:00Z", finishedAt: "2024-01-01T00:01:00Z", containerID: "containerd://b" } },
        ready: false,
        restartCount: 3,
        image: "registry.example.com:5000/app:1.2.3",
        imageID: "sha256:abc",
        containerID: "containerd://b",
        started: false,
        allocatedResources: { cpu: "500m" },
        resources: { limits: { cpu: "1" }, requests: { cpu: "500m" } },
        volumeMounts: [{ name: "data", mountPath: "/data", readOnly: true, recursiveReadOnly: "Disabled" }],
        user: { linux: { uid: 1000, gid: 1000, supplementalGroups: [5] } },
        allocatedResourcesStatus: [{ name: "claim:gpu", resources: [{ resourceID: "dev-0", health: "Healthy" }] }],
      },
    ],
    qosClass: "Burstable",
    ephemeralContainerStatuses: [{ name: "debug", state: { terminated: { exitCode: 0 } }, ready: false, restartCount: 0, image: "x", imageID: "" }],
    resize: "InProgress",
    resourceClaimStatuses: [{ name: "tpl", resourceClaimName: "big-tpl-xyz" }],
  },
};

describe("core/v1 PodSpec", () => {
  it("decodes a pod with every field set without dropping or changing anything", () => {
    const decoded = PodSchema.parse(structuredClone(BIG_POD));
    assert.deepEqual(JSON.parse(JSON.stringify(decoded)), BIG_POD);
  });

  it("serializes quantities as strings, accepting numbers", () => {
    const p = PodSchema.parse({ metadata: { name: "q" }, spec: { containers: [{ name: "a", resources: { limits: { cpu: 2, memory: "1Gi" } } }] } });
    assert.deepEqual(p.spec?.containers[0]?.resources?.limits, { cpu: "2", memory: "1Gi" });
    assert.equal(parseQuantity("1500m"), 1.5);
    assert.equal(parseQuantity("1Ki"), 1024);
    assert.equal(parseQuantity("1e3"), 1000);
    assert.equal(parseQuantity("abc"), undefined);
  });

  it("reads image tags as upstream's defaulting does", () => {
    assert.equal(imageTag("nginx"), "latest");
    assert.equal(imageTag("nginx:1.27"), "1.27");
    assert.equal(imageTag("localhost:5000/nginx"), "latest");
    assert.equal(imageTag("nginx@sha256:abc"), "");
    assert.equal(imageTag("nginx:1.27@sha256:abc"), "1.27");
  });

  it("has upstream's patch strategy and merge key on every list", () => {
    const expected: Record<string, string> = {
      "spec.volumes": "merge,retainKeys name",
      "spec.initContainers": "merge name",
      "spec.containers": "merge name",
      "spec.ephemeralContainers": "merge name",
      "spec.containers[].ports": "merge containerPort",
      "spec.containers[].env": "merge name",
      "spec.containers[].envFrom": "- -",
      "spec.containers[].volumeMounts": "merge mountPath",
      "spec.containers[].volumeDevices": "merge devicePath",
      "spec.containers[].resizePolicy": "- -",
      "spec.containers[].command": "- -",
      "spec.initContainers[].env": "merge name",
      "spec.ephemeralContainers[].volumeMounts": "merge mountPath",
      "spec.imagePullSecrets": "merge name",
      "spec.tolerations": "- -",
      "spec.hostAliases": "merge ip",
      "spec.readinessGates": "- -",
      "spec.topologySpreadConstraints": "merge topologyKey",
      "spec.schedulingGates": "merge name",
      "spec.resourceClaims": "merge,retainKeys name",
      "status.conditions": "merge type",
      "status.podIPs": "merge ip",
      "status.hostIPs": "merge ip",
      "status.resourceClaimStatuses": "merge,retainKeys name",
      "status.containerStatuses[].volumeMounts": "merge mountPath",
      "status.containerStatuses[].allocatedResourcesStatus": "merge name",
    };
    const actual = Object.fromEntries(Object.keys(expected).map((path) => [path, patchInfoAt(path)]));
    assert.deepEqual(actual, expected);
  });
});

describe("core/v1 PodTemplateSpec (workload templates)", () => {
  it("gets the PodSpec defaults but no host ports, as upstream's templates", () => {
    const template = PodTemplateSpecSchema.parse({ spec: { hostNetwork: true, containers: [{ name: "a", image: "x:1", ports: [{ containerPort: 80 }] }] } });
    applyPodTemplateSpecDefaults(template);
    assert.equal(template.spec?.restartPolicy, "Always");
    assert.deepEqual(template.spec?.containers[0]?.ports, [{ containerPort: 80, protocol: "TCP" }]);
    assert.equal(template.spec?.enableServiceLinks, undefined);
    const empty = PodTemplateSpecSchema.parse({});
    applyPodTemplateSpecDefaults(empty);
    assert.equal(empty.spec?.dnsPolicy, "ClusterFirst");
  });

  it("validates labels at <path>.labels, the spec, and forbids ephemeral containers", () => {
    const template = PodTemplateSpecSchema.parse({
      metadata: { labels: { "bad key!": "v" } },
      spec: { restartPolicy: "Never", dnsPolicy: "ClusterFirst", containers: [{ name: "a", image: "x" }], ephemeralContainers: [{ name: "e", image: "y" }] },
    });
    const errs = validatePodTemplateSpec(template, FieldPath.root("spec", "template")).map((e) => e.toString());
    assert.equal(errs.length, 2);
    assert.match(errs[0] ?? "", /^spec\.template\.labels: Invalid value: "bad key!": name part must consist of/);
    assert.equal(errs[1], "spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template");
  });
});
