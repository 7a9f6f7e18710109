import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { cronJobDefinition } from "./definition.js";
import { type CronJob, CronJobSchema } from "./schema.js";

const cronJob = (name: string, spec: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name },
  spec: {
    schedule: "*/5 * * * *",
    jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "hello", image: "busybox" }] } } } },
    ...spec,
  },
});
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
const cell = (name: string, c: CronJob) => cronJobDefinition.tableColumns!.find((col) => col.name === name)!.cell(c);

describe("batch/v1 CronJob", () => {
  let registry: TestCoreRegistry;
  let cronJobs: ResourceStorage<CronJob>;
  before(() => {
    registry = openTestRegistry();
    cronJobs = registry.storeFor(cronJobDefinition);
  });
  after(() => registry.close());

  it("gets upstream's defaults on create; the job template only its pod template's", async () => {
    const created = await cronJobs.main.create(scope("default"), decode(cronJobDefinition, cronJob("hello")));
    const { jobTemplate, ...spec } = created.spec!;
    assert.deepEqual(spec, { schedule: "*/5 * * * *", concurrencyPolicy: "Allow", suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const { template, ...jobSpec } = jobTemplate.spec!;
    assert.deepEqual(jobSpec, {});
    assert.equal(template.spec?.dnsPolicy, "ClusterFirst");
    assert.equal(template.spec?.containers[0]?.imagePullPolicy, "Always");
    assert.deepEqual(created.status, {});
    assert.equal(created.metadata.generation, 1);
  });

  it("validates the schedule, time zone, policies and job template with upstream's messages", async () => {
    const status = await rejects(
      cronJobs.main.create(
        scope("default"),
        decode(cronJobDefinition, {
          ...cronJob("bad", { schedule: "TZ=UTC 61 * * * *", timeZone: "Local", concurrencyPolicy: "Sometimes", startingDeadlineSeconds: -5, failedJobsHistoryLimit: -1 }),
        }),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.schedule: Invalid value: "TZ=UTC 61 * * * *": end of range (61) above maximum (59): 61',
      'spec.schedule: Invalid value: "TZ=UTC 61 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      "spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0",
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      "spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
    ]);

    const zone = await rejects(cronJobs.main.create(scope("default"), decode(cronJobDefinition, cronJob("zone", { timeZone: "Mars/Olympus" }))), 422);
    assert.deepEqual(causes(zone), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']);

    const template = cronJob("tpl");
    const jobSpec = (template.spec as { jobTemplate: { spec: Record<string, unknown> } }).jobTemplate.spec;
    jobSpec.selector = { matchLabels: { a: "b" } };
    jobSpec.manualSelector = true;
    (jobSpec.template as { spec: Record<string, unknown> }).spec.restartPolicy = "Always";
    assert.deepEqual(causes(await rejects(cronJobs.main.create(scope("default"), decode(cronJobDefinition, template)), 422)), [
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"',
    ]);

    const longName = "c".repeat(53);
    assert.deepEqual(causes(await rejects(cronJobs.main.create(scope("default"), decode(cronJobDefinition, cronJob(longName))), 422)), [
      `metadata.name: Invalid value: "${longName}": must be no more than 52 characters`,
    ]);
  });

  it("accepts an IANA time zone and lets the spec change, bumping the generation", async () => {
    const created = await cronJobs.main.create(scope("default"), decode(cronJobDefinition, cronJob("tz", { timeZone: "Europe/Berlin" })));
    const changed = structuredClone(created);
    changed.spec!.schedule = "@hourly";
    changed.spec!.suspend = true;
    const { object } = await cronJobs.main.update(scope("default"), "tz", put(cronJobDefinition, changed));
    assert.equal(object.metadata.generation, 2);
    assert.equal(object.spec?.schedule, "@hourly");
    // Status goes through /status only.
    const withStatus = { ...structuredClone(object), status: { lastScheduleTime: "2024-01-02T03:04:05Z", active: [{ kind: "Job", name: "tz-1" }] } };
    const ignored = await cronJobs.main.update(scope("default"), "tz", put(cronJobDefinition, withStatus));
    assert.deepEqual(ignored.object.status, {});
    delete withStatus.metadata.resourceVersion;
    const written = await cronJobs.status!.update(scope("default"), "tz", put(cronJobDefinition, withStatus));
    assert.equal(written.object.status?.active?.[0]?.name, "tz-1");
    assert.equal(written.object.metadata.generation, 2);
  });

  it("prints the columns kubectl shows", () => {
    const c = CronJobSchema.parse({
      metadata: { name: "x", creationTimestamp: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, "Z") },
      spec: { schedule: "@daily", suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: "a", image: "busybox" }] } } } } },
      status: { active: [{ name: "j1" }] },
    });
    assert.deepEqual(
      ["Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector"].map((n) => cell(n, c)),
      ["@daily", "<none>", "False", 1, "<none>", "60m", "a", "busybox", "<none>"],
    );
    assert.deepEqual(cronJobDefinition.tableColumns!.filter((col) => col.priority === 1).map((col) => col.name), ["Containers", "Images", "Selector"]);
  });
});
