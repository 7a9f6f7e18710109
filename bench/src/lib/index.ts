// The shared benchmark harness: import from "./lib/index.js".
//
//   run(opts, op)            N workers calling op for a count or a duration -> ops/s, CPU/op
//   medianMs(times, op)      median time of one call; median(values)
//   formatTable(header, rows), formatRate, formatMs, formatPercent
//   ThreadCpuMeter           CPU time a (worker) thread used, for µs/request figures
//   Cleanup                  teardown steps that run on success, failure and Ctrl-C
//   startThrowawayEtcd()     a real etcd on loopback in a temp dir (destroy() when done)
//   sampleConfigMap(), renamed()   ~1 KiB ConfigMaps
export { run, medianMs, median, type RunOptions, type RunResult } from "./run.js";
export { formatTable, formatRate, formatMs, formatPercent } from "./table.js";
export { Cleanup } from "./cleanup.js";
export { ThreadCpuMeter } from "./thread-cpu.js";
export { startThrowawayEtcd, type EtcdServer } from "./etcd.js";
export { sampleConfigMap, renamed } from "./objects.js";
