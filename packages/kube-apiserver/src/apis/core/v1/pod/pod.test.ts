import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ResourceStorage, applyStrategicMergePatch } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { podDefinition } from "./definition.js";
import { type Pod, PodSchema } from "./schema.js";
import { summarizePod } from "./table.js";

const pod = (name: string, spec: unknown, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec,
  ...more,
});
const nginx = (name: string) => pod(name, { containers: [{ name: "nginx", image: "nginx" }] });
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("core/v1 Pod", () => {
  let registry: TestCoreRegistry;
  let pods: ResourceStorage<Pod>;
  before(() => {
    registry = openTestRegistry();
    pods = registry.storeFor(podDefinition);
  });
  after(() => registry.close());

  it("gets upstream's defaults on create (as kubectl get -o yaml shows a minimal nginx pod)", async () => {
    const created = await pods.main.create(scope("default"), decode(podDefinition, nginx("web")));
    assert.deepEqual(created.spec, {
      containers: [
        {
          name: "nginx",
          image: "nginx",
          imagePullPolicy: "Always",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
      ],
      dnsPolicy: "ClusterFirst",
      enableServiceLinks: true,
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    assert.deepEqual(created.status, { phase: "Pending", qosClass: "BestEffort" });
    assert.equal(created.metadata.generation, undefined);
  });

  it("defaults pull policy by tag, ports, probes, env field refs, volumes and requests from limits", () => {
    const p = decode(
      podDefinition,
      pod("d", {
        volumes: [{ name: "a" }, { name: "s", secret: { secretName: "x" } }, { name: "c", configMap: { name: "y" } }, { name: "h", hostPath: { path: "/x" } }],
        containers: [
          {
            name: "c1",
            image: "nginx:1.27",
            ports: [{ containerPort: 80 }],
            env: [{ name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
            livenessProbe: { httpGet: { port: 80 } },
            resources: { limits: { cpu: "1", memory: 128 } },
          },
          { name: "c2", image: "registry:5000/app:latest" },
          { name: "c3", image: "registry:5000/app" },
          { name: "c4", image: "app@sha256:abcd" },
        ],
      }),
    );
    const [c1, c2, c3, c4] = p.spec!.containers;
    assert.deepEqual([c1!.imagePullPolicy, c2!.imagePullPolicy, c3!.imagePullPolicy, c4!.imagePullPolicy], ["IfNotPresent", "Always", "Always", "IfNotPresent"]);
    assert.deepEqual(c1!.ports, [{ containerPort: 80, protocol: "TCP" }]);
    assert.equal(c1!.env![0]!.valueFrom!.fieldRef!.apiVersion, "v1");
    assert.deepEqual(c1!.livenessProbe, { httpGet: { port: 80, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    assert.deepEqual(c1!.resources, { limits: { cpu: "1", memory: "128" }, requests: { cpu: "1", memory: "128" } });
    assert.deepEqual(p.spec!.volumes, [
      { name: "a", emptyDir: {} },
      { name: "s", secret: { secretName: "x", defaultMode: 420 } },
      { name: "c", configMap: { name: "y", defaultMode: 420 } },
      { name: "h", hostPath: { path: "/x", type: "" } },
    ]);
  });

  it("computes the QoS class", async () => {
    const guaranteed = await pods.main.create(scope("default"), decode(podDefinition, pod("g", { containers: [{ name: "a", image: "x", resources: { limits: { cpu: "500m", memory: "1Gi" } } }] })));
    assert.equal(guaranteed.status?.qosClass, "Guaranteed");
    const burstable = await pods.main.create(scope("default"), decode(podDefinition, pod("b", { containers: [{ name: "a", image: "x", resources: { requests: { cpu: "100m" } } }] })));
    assert.equal(burstable.status?.qosClass, "Burstable");
  });

  it("rejects invalid specs with upstream's paths and messages", async () => {
    const status = await rejects(
      pods.main.create(
        scope("default"),
        decode(
          podDefinition,
          pod("bad", {
            restartPolicy: "Sometimes",
            volumes: [{ name: "v", emptyDir: {}, hostPath: { path: "/" } }, { name: "v", emptyDir: {} }],
            containers: [
              { name: "Web", image: "", ports: [{ containerPort: 70000, name: "http" }, { containerPort: 81, name: "http" }] },
              { name: "b", image: "x", env: [{ name: "A=B" }], volumeMounts: [{ name: "missing", mountPath: "/m" }] },
              { name: "b", image: "x" },
            ],
          }),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(status).sort(), [
      'spec.containers[0].image: Required value',
      'spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')',
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].name: Duplicate value: "http"',
      'spec.containers[1].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      'spec.containers[1].volumeMounts[0].name: Not found: "missing"',
      'spec.containers[2].name: Duplicate value: "b"',
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"',
      'spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type',
      'spec.volumes[1].name: Duplicate value: "v"',
    ].sort());
    const empty = await rejects(pods.main.create(scope("default"), decode(podDefinition, pod("empty", { containers: [] }))), 422);
    assert.deepEqual(causes(empty), ["spec.containers: Required value"]);
  });

  it("allows image changes on update and forbids other spec changes with upstream's message", async () => {
    await pods.main.create(scope("default"), decode(podDefinition, nginx("upd")));
    const { object } = await pods.main.update(scope("default"), "upd", put(podDefinition, pod("upd", { containers: [{ name: "nginx", image: "nginx:1.27", imagePullPolicy: "Always" }] })));
    assert.equal(object.spec?.containers[0]?.image, "nginx:1.27");
    assert.equal(object.status?.phase, "Pending");
    const status = await rejects(
      pods.main.update(scope("default"), "upd", put(podDefinition, pod("upd", { nodeName: "n1", containers: [{ name: "nginx", image: "nginx:1.27", imagePullPolicy: "Always" }] }))),
      422,
    );
    const [message] = causes(status);
    assert.ok(
      message?.startsWith(
        "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n",
      ),
      message,
    );
    assert.match(message ?? "", /spec\.nodeName: null -> "n1"/);
  });

  it("allows adding tolerations, lowering activeDeadlineSeconds and removing scheduling gates", async () => {
    const spec = (more: Record<string, unknown>) => ({ containers: [{ name: "nginx", image: "nginx:1.27" }], ...more });
    const created = await pods.main.create(
      scope("default"),
      decode(podDefinition, pod("tol", spec({ activeDeadlineSeconds: 100, tolerations: [{ key: "a", operator: "Exists" }], schedulingGates: [{ name: "g1" }, { name: "g2" }] }))),
    );
    assert.deepEqual(created.status?.conditions, [
      { type: "PodScheduled", status: "False", reason: "SchedulingGated", message: "Scheduling is blocked due to non-empty scheduling gates" },
    ]);
    const { object } = await pods.main.update(
      scope("default"),
      "tol",
      put(podDefinition, pod("tol", spec({ activeDeadlineSeconds: 50, tolerations: [{ key: "a", operator: "Exists" }, { key: "b", operator: "Exists" }], schedulingGates: [{ name: "g2" }] }))),
    );
    assert.equal(object.spec?.activeDeadlineSeconds, 50);
    assert.equal(object.spec?.tolerations?.length, 2);
    assert.deepEqual(object.spec?.schedulingGates, [{ name: "g2" }]);
    const status = await rejects(
      pods.main.update(scope("default"), "tol", put(podDefinition, pod("tol", spec({ activeDeadlineSeconds: 60, tolerations: [], schedulingGates: [{ name: "g2" }, { name: "g3" }] })))),
      422,
    );
    assert.deepEqual(causes(status), [
      "spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value",
      "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
      "spec.schedulingGates: Forbidden: only deletion is allowed, but found new scheduling gate 'g3'",
    ]);
  });

  it("writes status through /status and keeps the spec", async () => {
    await pods.main.create(scope("default"), decode(podDefinition, nginx("st")));
    const { object } = await pods.status!.update(
      scope("default"),
      "st",
      put(podDefinition, pod("st", { nodeName: "changed", containers: [{ name: "nginx", image: "other" }] }, { status: { phase: "Running", podIP: "10.0.0.9", podIPs: [{ ip: "10.0.0.9" }] } })),
    );
    assert.equal(object.status?.phase, "Running");
    assert.equal(object.status?.podIP, "10.0.0.9");
    assert.equal(object.status?.qosClass, "BestEffort");
    assert.equal(object.spec?.nodeName, undefined);
    assert.equal(object.spec?.containers[0]?.image, "nginx");

    const bad = await rejects(
      pods.status!.update(scope("default"), "st", put(podDefinition, pod("st", { containers: [] }, { status: { podIP: "10.0.0.1", podIPs: [{ ip: "10.0.0.2" }, { ip: "10.0.0.3" }, { ip: "nope" }] } }))),
      422,
    );
    assert.deepEqual(causes(bad), [
      'status.podIPs[0].ip: Invalid value: "10.0.0.2": must be equal to `podIP`',
      'status.podIPs[2]: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'status.podIPs: Invalid value: [{"ip":"10.0.0.2"},{"ip":"10.0.0.3"},{"ip":"nope"}]: may specify no more than one IP for each IP family',
    ]);
  });

  it("forbids ephemeral containers on create and checks env sources", async () => {
    const status = await rejects(
      pods.main.create(
        scope("default"),
        decode(
          podDefinition,
          pod("eph", {
            containers: [{ name: "a", image: "x", env: [{ name: "A", value: "v", valueFrom: { fieldRef: { fieldPath: "metadata.name" }, secretKeyRef: { name: "s", key: "k" } } }] }],
            ephemeralContainers: [{ name: "debug", image: "busybox" }],
          }),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time',
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      "spec.ephemeralContainers: Forbidden: cannot be set on create",
    ]);
  });

  it("checks probes and resources", () => {
    const p = decode(
      podDefinition,
      pod("probe", {
        containers: [
          {
            name: "a",
            image: "x",
            livenessProbe: { httpGet: { port: 0 }, successThreshold: 2 },
            readinessProbe: { periodSeconds: 5 },
            startupProbe: { exec: { command: ["true"] }, tcpSocket: { port: "http" } },
            resources: { requests: { cpu: "2" }, limits: { cpu: "1" } },
          },
        ],
      }),
    );
    assert.deepEqual(podDefinition.strategy.validate!(p).map(String), [
      "spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive",
      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
      "spec.containers[0].readinessProbe: Required value: must specify a handler type",
      "spec.containers[0].startupProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
      'spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });

  it("deletes and returns the pod", async () => {
    await pods.main.create(scope("default"), decode(podDefinition, nginx("gone")));
    const { object, deleted } = await pods.main.delete(scope("default"), "gone", {});
    assert.equal(deleted, true);
    assert.equal(object.metadata.name, "gone");
    assert.equal(podDefinition.deleteReturnsObject, true);
  });

  it("carries upstream's strategic merge patch metadata", () => {
    const base = decode(
      podDefinition,
      pod("p", {
        volumes: [{ name: "data", emptyDir: {} }],
        containers: [
          { name: "a", image: "a:1", env: [{ name: "X", value: "1" }], ports: [{ containerPort: 80 }], volumeMounts: [{ name: "data", mountPath: "/d" }] },
          { name: "b", image: "b:1" },
        ],
        tolerations: [{ key: "k", operator: "Exists" }],
        imagePullSecrets: [{ name: "s1" }],
      }),
    );
    const patched = applyStrategicMergePatch(
      base,
      {
        spec: {
          containers: [{ name: "b", image: "b:2", env: [{ name: "Y", value: "2" }] }, { name: "a", env: [{ name: "Z", value: "3" }], ports: [{ containerPort: 443 }] }],
          tolerations: [{ key: "other", operator: "Exists" }],
          imagePullSecrets: [{ name: "s2" }],
          volumes: [{ name: "cfg", configMap: { name: "c" } }],
        },
      },
      PodSchema,
    ) as unknown as Pod;
    const spec = patched.spec!;
    const a = spec.containers.find((c) => c.name === "a")!;
    const b = spec.containers.find((c) => c.name === "b")!;
    assert.equal(a.image, "a:1");
    assert.equal(b.image, "b:2");
    // Upstream's order rule: a new element goes before the server-only ones.
    assert.deepEqual(a.env?.map((e) => e.name), ["Z", "X"]);
    assert.deepEqual(a.ports?.map((p) => p.containerPort), [443, 80]);
    assert.deepEqual(a.volumeMounts, [{ name: "data", mountPath: "/d" }]);
    assert.deepEqual(b.env, [{ name: "Y", value: "2" }]);
    // tolerations have no strategy: replaced whole.
    assert.deepEqual(spec.tolerations, [{ key: "other", operator: "Exists" }]);
    assert.deepEqual(spec.imagePullSecrets?.map((s) => s.name).sort(), ["s1", "s2"]);
    assert.deepEqual(spec.volumes?.map((v) => v.name).sort(), ["cfg", "data"]);

    // $setElementOrder orders the merged list.
    const ordered = applyStrategicMergePatch(
      base,
      { spec: { "$setElementOrder/containers": [{ name: "b" }, { name: "a" }], containers: [{ name: "b", image: "b:3" }] } },
      PodSchema,
    ) as unknown as Pod;
    assert.deepEqual(ordered.spec!.containers.map((c) => `${c.name}=${c.image}`), ["b=b:3", "a=a:1"]);

    // status conditions merge by type.
    const withStatus = { ...base, status: { phase: "Running", conditions: [{ type: "Ready", status: "False" }, { type: "PodScheduled", status: "True" }] } };
    const st = applyStrategicMergePatch(withStatus, { status: { conditions: [{ type: "Ready", status: "True" }] } }, PodSchema) as unknown as Pod;
    assert.deepEqual(st.status?.conditions?.map((c) => `${c.type}=${c.status}`), ["Ready=True", "PodScheduled=True"]);
  });

  it("prints READY, STATUS and RESTARTS as kubectl does", () => {
    const running: Pod = PodSchema.parse({
      metadata: { name: "r" },
      spec: { containers: [{ name: "a" }, { name: "b" }] },
      status: {
        phase: "Running",
        podIPs: [{ ip: "10.0.0.5" }],
        containerStatuses: [
          { name: "a", ready: true, restartCount: 0, state: { running: {} } },
          { name: "b", ready: false, restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff" } } },
        ],
      },
    });
    assert.deepEqual(summarizePod(running), { ready: 1, total: 2, status: "CrashLoopBackOff", restarts: 4, lastRestart: undefined });
    const cell = (name: string, p: Pod) => podDefinition.tableColumns!.find((c) => c.name === name)!.cell(p);
    assert.equal(cell("Ready", running), "1/2");
    assert.equal(cell("Restarts", running), "4");
    assert.equal(cell("IP", running), "10.0.0.5");
    assert.equal(cell("Node", running), "<none>");
    assert.equal(cell("Readiness Gates", running), "<none>");
    assert.deepEqual(podDefinition.tableColumns!.map((c) => `${c.name}:${c.priority ?? 0}`), [
      "Ready:0", "Status:0", "Restarts:0", "Age:0", "IP:1", "Node:1", "Nominated Node:1", "Readiness Gates:1",
    ]);

    const recent = new Date(Date.now() - 5 * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    const restarted: Pod = PodSchema.parse({
      metadata: { name: "x" },
      spec: { containers: [{ name: "a" }] },
      status: { phase: "Running", containerStatuses: [{ name: "a", ready: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: recent } } }] },
    });
    assert.equal(cell("Restarts", restarted), "2 (5m ago)");
    assert.equal(cell("Status", restarted), "Running");

    const terminating = PodSchema.parse({ metadata: { name: "t", deletionTimestamp: "2024-01-01T00:00:00Z" }, spec: { containers: [{ name: "a" }] }, status: { phase: "Running" } });
    assert.equal(cell("Status", terminating), "Terminating");
    const init = PodSchema.parse({
      metadata: { name: "i" },
      spec: { initContainers: [{ name: "i1" }, { name: "i2" }], containers: [{ name: "a" }] },
      status: { phase: "Pending", initContainerStatuses: [{ name: "i1", state: { terminated: { exitCode: 0 } } }, { name: "i2", state: { running: {} } }] },
    });
    assert.equal(cell("Status", init), "Init:1/2");
    const failedInit = PodSchema.parse({
      metadata: { name: "f" },
      spec: { initContainers: [{ name: "i1" }], containers: [{ name: "a" }] },
      status: { phase: "Pending", initContainerStatuses: [{ name: "i1", state: { terminated: { exitCode: 2 } } }] },
    });
    assert.equal(cell("Status", failedInit), "Init:ExitCode:2");
    const gated = PodSchema.parse({
      metadata: { name: "g" },
      spec: { containers: [{ name: "a" }], readinessGates: [{ conditionType: "x/ok" }, { conditionType: "y/ok" }] },
      status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }, { type: "x/ok", status: "True" }] },
    });
    assert.equal(cell("Status", gated), "SchedulingGated");
    assert.equal(cell("Readiness Gates", gated), "1/2");
  });

  it("selects by upstream's pod fields", () => {
    const p = PodSchema.parse({
      metadata: { name: "s" },
      spec: { nodeName: "n1", restartPolicy: "Never", schedulerName: "s", serviceAccountName: "sa", hostNetwork: true, containers: [] },
      status: { phase: "Running", podIP: "10.0.0.1", podIPs: [{ ip: "10.0.0.1" }], nominatedNodeName: "n2" },
    });
    const f = podDefinition.selectableFields!;
    assert.deepEqual(Object.fromEntries(Object.entries(f).map(([k, fn]) => [k, fn(p)])), {
      "spec.nodeName": "n1",
      "spec.restartPolicy": "Never",
      "spec.schedulerName": "s",
      "spec.serviceAccountName": "sa",
      "spec.hostNetwork": "true",
      "status.phase": "Running",
      "status.podIP": "10.0.0.1",
      "status.nominatedNodeName": "n2",
    });
  });
});
