// The etcd3 kv driver: KvDriver on a real etcd v3 cluster.
export { createEtcd3Driver, Etcd3Driver, type Etcd3DriverOptions } from "./driver.js";
export { parseEndpoints } from "./endpoints.js";
