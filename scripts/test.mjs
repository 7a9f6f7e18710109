// `pnpm test`: runs every compiled test file (dist/**/*.test.js) of every
// workspace package with Node's built-in test runner. `pnpm test` builds first.
// Optional arguments filter test files by substring: `pnpm test storage`.
import { readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import { ensureEtcd } from "./ensure-etcd.mjs";

const root = new URL("..", import.meta.url).pathname;
const workspaces = ["packages", "cmd"].flatMap((d) =>
  existsSync(join(root, d)) ? readdirSync(join(root, d)).map((p) => join(root, d, p)) : [],
);
workspaces.push(join(root, "e2e"), join(root, "bench"));

function findTests(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith(".test.js")) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = workspaces
  .flatMap((w) => findTests(join(w, "dist"), []))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error("no test files found (did the build run?)");
  process.exit(1);
}

try {
  ensureEtcd();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

console.log(`running ${files.length} test files:\n  ${files.map((f) => relative(root, f)).join("\n  ")}`);
const result = spawnSync(
  process.execPath,
  ["--test", "--test-concurrency=2", "--test-timeout=600000", ...files],
  { stdio: "inherit", cwd: root },
);
process.exit(result.status ?? 1);
