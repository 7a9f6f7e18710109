// `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE
// AGE, and with -o wide CONTAINERS IMAGES SELECTOR (upstream: printCronJob in
// pkg/printers/internalversion/printers.go).

import { formatLabelSelector } from "@tskube/apimachinery";
import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import { containerCells } from "../../../core/v1/pod-spec/table.js";
import type { CronJob } from "./schema.js";

/** upstream printBoolPtr: True, False, or <unset>. */
const printBool = (value: boolean | undefined): string => (value === undefined ? "<unset>" : value ? "True" : "False");

const containers = (c: CronJob) => containerCells(c.spec?.jobTemplate.spec?.template.spec?.containers ?? []);

export const cronJobColumns: TableColumn<CronJob>[] = [
  { name: "Schedule", type: "string", description: "When the cron job runs, in cron format.", cell: (c) => c.spec?.schedule ?? "" },
  { name: "Timezone", type: "string", description: "The time zone the schedule is read in.", cell: (c) => c.spec?.timeZone ?? "<none>" },
  { name: "Suspend", type: "boolean", description: "Whether new runs are suspended.", cell: (c) => printBool(c.spec?.suspend) },
  { name: "Active", type: "integer", description: "Jobs running now.", cell: (c) => (c.status?.active ?? []).length },
  {
    name: "Last Schedule",
    type: "string",
    description: "How long ago a job was last scheduled.",
    cell: (c) => (c.status?.lastScheduleTime ? translateTimestampSince(c.status.lastScheduleTime) : "<none>"),
  },
  { name: "Age", type: "string", description: "How long ago the cron job was created.", cell: (c) => translateTimestampSince(c.metadata.creationTimestamp) },
  { name: "Containers", type: "string", priority: 1, description: "Names of each container in the template.", cell: (c) => containers(c).names },
  { name: "Images", type: "string", priority: 1, description: "Images referenced by each container in the template.", cell: (c) => containers(c).images },
  { name: "Selector", type: "string", priority: 1, description: "The label query over the jobs' pods.", cell: (c) => formatLabelSelector(c.spec?.jobTemplate.spec?.selector) },
];
