import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ResourceStorage, applyStrategicMergePatch } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { jobDefinition } from "./definition.js";
import { type Job, JobSchema } from "./schema.js";
import { jobCompletions, jobDuration, jobStatus } from "./table.js";

const job = (name: string, spec: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name },
  spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl" }] } }, ...spec },
  ...more,
});
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("batch/v1 Job", () => {
  let registry: TestCoreRegistry;
  let jobs: ResourceStorage<Job>;
  before(() => {
    registry = openTestRegistry();
    jobs = registry.storeFor(jobDefinition);
  });
  after(() => registry.close());

  it("gets upstream's defaults, a generated selector and template labels on create", async () => {
    const created = await jobs.main.create(scope("default"), decode(jobDefinition, job("pi")));
    const uid = created.metadata.uid!;
    const labels = {
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": uid,
      "job-name": "pi",
    };
    const { template, ...spec } = created.spec!;
    assert.deepEqual(spec, {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
      manualSelector: false,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
    });
    assert.deepEqual(template.metadata?.labels, labels);
    // A Job without labels shows its template's.
    assert.deepEqual(created.metadata.labels, labels);
    // Pod template defaults, without the pod-only ones (no enableServiceLinks).
    assert.deepEqual(template.spec, {
      containers: [{ name: "pi", image: "perl", imagePullPolicy: "Always", resources: {}, terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" }],
      restartPolicy: "Never",
      dnsPolicy: "ClusterFirst",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
    });
    assert.deepEqual(created.status, {});
    assert.equal(created.metadata.generation, 1);
  });

  it("defaults parallelism alone, backoffLimit with a per-index limit, and the replacement policy with a failure policy", () => {
    const j = decode(jobDefinition, job("d", { completions: 5 }));
    assert.deepEqual([j.spec?.completions, j.spec?.parallelism, j.spec?.backoffLimit], [5, 1, 6]);
    const indexed = decode(jobDefinition, job("i", { completionMode: "Indexed", completions: 3, backoffLimitPerIndex: 1 }));
    assert.equal(indexed.spec?.backoffLimit, 2147483647);
    const withPolicy = decode(
      jobDefinition,
      job("p", { podFailurePolicy: { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }] } }),
    );
    assert.equal(withPolicy.spec?.podReplacementPolicy, "Failed");
    // Condition patterns default to True; unset pointers are written as null, as upstream does.
    assert.deepEqual(withPolicy.spec?.podFailurePolicy?.rules, [{ action: "Ignore", onExitCodes: null, onPodConditions: [{ type: "DisruptionTarget", status: "True" }] }]);
    // Labels of the Job itself are kept.
    const own = decode(jobDefinition, job("o", {}, { metadata: { name: "o", labels: { team: "a" } } }));
    assert.deepEqual(own.metadata.labels, { team: "a" });
  });

  it("requires restartPolicy OnFailure or Never", async () => {
    const always = job("always");
    (always.spec as { template: { spec: Record<string, unknown> } }).template.spec.restartPolicy = undefined;
    const status = await rejects(jobs.main.create(scope("default"), decode(jobDefinition, always)), 422);
    assert.equal(status.message, 'Job.batch "always" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    const withPolicy = job("pfp", { podFailurePolicy: { rules: [{ action: "FailJob", onExitCodes: { operator: "In", values: [1] } }] } });
    (withPolicy.spec as { template: { spec: Record<string, unknown> } }).template.spec.restartPolicy = "OnFailure";
    assert.deepEqual(causes(await rejects(jobs.main.create(scope("default"), decode(jobDefinition, withPolicy)), 422)), [
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });

  it("validates counts, Indexed mode and the pod failure policy with upstream's paths and messages", async () => {
    const status = await rejects(
      jobs.main.create(
        scope("default"),
        decode(
          jobDefinition,
          job("bad", {
            parallelism: -1,
            maxFailedIndexes: 2,
            podFailurePolicy: {
              rules: [
                { action: "Retry", onExitCodes: { containerName: "nope", operator: "In", values: [3, 0, 3] } },
                { action: "Ignore" },
                { action: "Count", onExitCodes: { operator: "NotIn", values: [1] }, onPodConditions: [{ type: "Bad Type", status: "Maybe" }] },
              ],
            },
          }),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      "spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
      "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified",
      "spec.maxFailedIndexes: Invalid value: 2: requires indexed completion mode",
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template',
      "spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator",
      "spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3",
      "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,0,3]: must be ordered",
      "spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required",
      'spec.podFailurePolicy.rules[2].onPodConditions[0].type: Invalid value: "Bad Type": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
      'spec.podFailurePolicy.rules[2].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
      "spec.podFailurePolicy.rules[2]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported",
    ]);

    const indexed = await rejects(
      jobs.main.create(scope("default"), decode(jobDefinition, job("j".repeat(62), { completionMode: "Indexed", completions: 10, successPolicy: { rules: [{ succeededIndexes: "1,3-2", succeededCount: 20 }] } }))),
      422,
    );
    assert.deepEqual(causes(indexed), [
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "1,3-2": error parsing succeededIndexes: non-increasing order, previous: 3, current: 2',
      "spec.successPolicy.rules[0].succeededCount: Invalid value: 20: must be less than or equal to 10 (the number of specified completions)",
      "spec.successPolicy.rules[0].succeededCount: Invalid value: 20: must be less than or equal to 0 (the number of indexes in the specified succeededIndexes field)",
      `metadata.name: Invalid value: "${"j".repeat(62)}": will not able to create pod with invalid DNS label: ${"j".repeat(62)}-9`,
    ]);
    const noCompletions = await rejects(jobs.main.create(scope("default"), decode(jobDefinition, job("nc", { completionMode: "Indexed", parallelism: 2 }))), 422);
    assert.deepEqual(causes(noCompletions), ["spec.completions: Required value: when completion mode is Indexed"]);
  });

  it("checks a manual selector and the generated labels", async () => {
    const missing = await rejects(jobs.main.create(scope("default"), decode(jobDefinition, job("m", { manualSelector: true }))), 422);
    assert.deepEqual(causes(missing), ["spec.selector: Required value", "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`"]);
    const manual = job("m2", { manualSelector: true, selector: { matchLabels: { app: "m2" } } });
    (manual.spec as { template: Record<string, unknown> }).template.metadata = { labels: { app: "m2" } };
    const created = await jobs.main.create(scope("default"), decode(jobDefinition, manual));
    assert.deepEqual(created.spec?.selector, { matchLabels: { app: "m2" } });
    assert.deepEqual(created.spec?.template.metadata?.labels, { app: "m2" });

    const wrong = job("w", {});
    (wrong.spec as { template: Record<string, unknown> }).template.metadata = { labels: { "job-name": "other" } };
    const status = await rejects(jobs.main.create(scope("default"), decode(jobDefinition, wrong)), 422);
    assert.deepEqual(causes(status).map((c) => c.replace(/\{.*\}/, "{...}")), ["spec.template.metadata.labels[job-name]: Invalid value: map[string]string{...}: must be 'w'"]);
  });

  it("keeps spec.template immutable unless the Job is suspended and never started", async () => {
    await jobs.main.create(scope("default"), decode(jobDefinition, job("imm")));
    const stored = await jobs.main.get(scope("default"), "imm");
    const changed = structuredClone(stored);
    changed.spec!.template.spec!.containers[0]!.image = "perl:5";
    changed.spec!.completions = 3;
    const status = await rejects(jobs.main.update(scope("default"), "imm", put(jobDefinition, changed)), 422);
    assert.deepEqual(causes(status).map((c) => c.replace(/Invalid value: \{.*\}: /, "Invalid value: {...}: ")), [
      "spec.completions: Invalid value: 3: field is immutable",
      "spec.template: Invalid value: {...}: field is immutable",
    ]);

    // Parallelism and suspend may change; the generation follows the spec.
    const scaled = structuredClone(stored);
    scaled.spec!.parallelism = 4;
    scaled.spec!.suspend = true;
    const { object } = await jobs.main.update(scope("default"), "imm", put(jobDefinition, scaled));
    assert.equal(object.metadata.generation, 2);

    const suspended = await jobs.main.create(scope("default"), decode(jobDefinition, job("susp", { suspend: true })));
    const moved = structuredClone(suspended);
    moved.spec!.template.spec!.nodeSelector = { zone: "b" };
    moved.spec!.template.spec!.tolerations = [{ key: "k", operator: "Exists" }];
    moved.spec!.template.metadata!.annotations = { a: "b" };
    const updated = await jobs.main.update(scope("default"), "susp", put(jobDefinition, moved));
    assert.deepEqual(updated.object.spec?.template.spec?.nodeSelector, { zone: "b" });
    const again = structuredClone(updated.object);
    again.spec!.template.spec!.containers[0]!.image = "perl:5";
    await rejects(jobs.main.update(scope("default"), "susp", put(jobDefinition, again)), 422);
  });

  it("writes status through /status with upstream's consistency checks", async () => {
    const created = await jobs.main.create(scope("default"), decode(jobDefinition, job("st")));
    // No resourceVersion: each write applies to whatever is stored.
    const withStatus = (status: Record<string, unknown>) => {
      const body = structuredClone(created);
      delete body.metadata.resourceVersion;
      return { ...body, status };
    };
    const started = "2024-01-02T03:04:05Z";
    const { object } = await jobs.status!.update(scope("default"), "st", put(jobDefinition, withStatus({ startTime: started, active: 1, ready: 1 })));
    assert.deepEqual(object.status, { startTime: started, active: 1, ready: 1 });
    assert.equal(object.metadata.generation, 1);

    const bad = await rejects(
      jobs.status!.update(
        scope("default"),
        "st",
        put(jobDefinition, withStatus({ startTime: started, active: 1, completionTime: "2024-01-02T03:00:00Z", conditions: [{ type: "Complete", status: "True" }, { type: "Failed", status: "True" }], succeeded: -1 })),
      ),
      422,
    );
    assert.deepEqual(causes(bad), [
      "status.succeeded: Invalid value: -1: must be greater than or equal to 0",
      "status.conditions: Invalid value: cannot set Complete=True and Failed=true conditions",
      'status.completionTime: Invalid value: "2024-01-02T03:00:00Z": must be equal to or after `startTime`',
      "status.active: Invalid value: 1: active>0 is invalid for finished job",
      "status.succeeded: Invalid value: -1: cannot decrease the succeeded counter",
    ]);

    const done = "2024-01-02T03:05:05Z";
    await jobs.status!.update(scope("default"), "st", put(jobDefinition, withStatus({ startTime: started, completionTime: done, succeeded: 1, conditions: [{ type: "Complete", status: "True" }] })));
    const reopened = await rejects(jobs.status!.update(scope("default"), "st", put(jobDefinition, withStatus({ startTime: started, succeeded: 1 }))), 422);
    assert.deepEqual(causes(reopened), ["status.conditions: Invalid value: cannot disable the terminal Complete=True condition"]);
  });

  it("warns about names that are no DNS label", async () => {
    const s = scope("default");
    await jobs.main.create(s, decode(jobDefinition, job("with.dot")));
    assert.deepEqual(s.warnings, ["metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]"]);
  });

  it("carries upstream's strategic merge patch metadata", () => {
    const base = JobSchema.parse({ ...job("smp"), status: { conditions: [{ type: "Suspended", status: "True" }, { type: "Complete", status: "False" }] } });
    const patched = applyStrategicMergePatch(base, { status: { conditions: [{ type: "Complete", status: "True" }] } }, JobSchema) as unknown as Job;
    assert.deepEqual(patched.status?.conditions?.map((c) => `${c.type}=${c.status}`), ["Suspended=True", "Complete=True"]);
  });

  it("prints STATUS, COMPLETIONS and DURATION as kubectl does", () => {
    const j = (spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
      JobSchema.parse({ metadata: { name: "x", ...meta }, spec: { template: {}, ...spec }, status });
    assert.equal(jobStatus(j({}, {})), "Running");
    assert.equal(jobStatus(j({}, { conditions: [{ type: "Complete", status: "True" }] })), "Complete");
    assert.equal(jobStatus(j({}, { conditions: [{ type: "Suspended", status: "True" }] }, { deletionTimestamp: "2024-01-01T00:00:00Z" })), "Terminating");
    assert.equal(jobStatus(j({}, { conditions: [{ type: "FailureTarget", status: "True" }] })), "FailureTarget");
    assert.equal(jobCompletions(j({ completions: 3 }, { succeeded: 1 })), "1/3");
    assert.equal(jobCompletions(j({ parallelism: 4 }, { succeeded: 2 })), "2/1 of 4");
    assert.equal(jobCompletions(j({}, {})), "0/1");
    assert.equal(jobDuration(j({}, {})), "");
    assert.equal(jobDuration(j({}, { startTime: "2024-01-02T03:04:05Z", completionTime: "2024-01-02T03:05:10Z" })), "65s");
    assert.deepEqual(jobDefinition.tableColumns!.map((c) => `${c.name}:${c.priority ?? 0}`), [
      "Status:0",
      "Completions:0",
      "Duration:0",
      "Age:0",
      "Containers:1",
      "Images:1",
      "Selector:1",
    ]);
    const wide = j({ selector: { matchLabels: { a: "b" } }, template: { spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y" }] } } }, {});
    assert.deepEqual(jobDefinition.tableColumns!.slice(4).map((c) => c.cell(wide)), ["a,b", "x,y", "a=b"]);
  });
});
