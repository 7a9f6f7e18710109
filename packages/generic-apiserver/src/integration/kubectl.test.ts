// The real kubectl against the example server: it finds the group through
// discovery, prints the Table the server sends, scales through the scale
// subresource, explains fields from OpenAPI v3, and `apply` builds its
// strategic merge patch from the published merge keys. Skipped when kubectl
// is not installed.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import type { Widget } from "./example-group.js";
import { type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import { expectCode, widget, widgetsPath } from "./objects.js";

const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";
const T = { timeout: 30_000 };
const run = promisify(execFile);

describe("kubectl against the example server", { skip: !existsSync(KUBECTL) && `${KUBECTL} not found` }, () => {
  let s: IntegrationServer;
  let home: string;
  before(async () => {
    s = await startIntegrationServer(await createPKI());
    home = mkdtempSync(join(tmpdir(), "tskube-kubectl-"));
    writeFileSync(join(home, "kubeconfig"), s.kubeConfig.exportConfig());
  });
  after(async () => {
    await s.close();
    rmSync(home, { recursive: true, force: true });
  });

  // Asynchronous: the server runs in this process, so kubectl must not block it.
  const kubectl = async (...args: string[]): Promise<string> => {
    const { stdout } = await run(KUBECTL, [`--kubeconfig=${join(home, "kubeconfig")}`, `--cache-dir=${join(home, "cache")}`, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: home },
      timeout: 20_000,
    });
    return stdout;
  };
  const rows = (text: string) =>
    text
      .trim()
      .split("\n")
      .map((line) => line.trim().split(/\s+/));

  it("lists the group's resources (discovery)", T, async () => {
    assert.deepEqual(rows(await kubectl("api-resources", "--api-group=example.tskube.dev", "--no-headers")), [
      ["gadgets", "gd", "example.tskube.dev/v1", "false", "Gadget"],
      ["widgets", "wd", "example.tskube.dev/v1", "true", "Widget"],
    ]);
  });

  it("prints the kind's columns (Table), with -o wide the wide ones too", T, async () => {
    const body = widget("k1", { spec: { replicas: 2, parts: [{ name: "axle" }] } });
    expectCode(await s.request(widgetsPath("default"), { method: "POST", body }), 201);
    const table = rows(await kubectl("get", "widgets"));
    assert.deepEqual(table[0], ["NAME", "REPLICAS", "CURRENT", "AGE"]);
    assert.deepEqual(table[1]?.slice(0, 3), ["k1", "2", "0"]);
    const wide = rows(await kubectl("get", "wd", "-o", "wide"));
    assert.deepEqual(wide[0], ["NAME", "REPLICAS", "CURRENT", "PARTS", "AGE"]);
    assert.deepEqual(wide[1]?.slice(0, 4), ["k1", "2", "0", "axle"]);
  });

  it("scales through the scale subresource", T, async () => {
    assert.equal((await kubectl("scale", "widget/k1", "--replicas=5")).trim(), "widget.example.tskube.dev/k1 scaled");
    assert.equal((await s.request(widgetsPath("default", "k1"))).json<Widget>().spec?.replicas, 5);
  });

  it("explains fields from the OpenAPI v3 document", T, async () => {
    const parts = await kubectl("explain", "widgets.spec.parts");
    assert.match(parts, /GROUP:\s+example\.tskube\.dev/);
    assert.match(parts, /The widget's parts\./);
    assert.match(parts, /name\t<string> -required-\n\s+Name of the part, unique within the widget\./);
  });

  it("applies, then applies a change as a strategic merge patch that merges parts by name", T, async () => {
    const file = join(home, "widget.yaml");
    const manifest = (parts: string[]) =>
      `apiVersion: example.tskube.dev/v1\nkind: Widget\nmetadata:\n  name: k2\nspec:\n  parts:\n${parts.map((p) => `  - name: ${p}\n`).join("")}`;
    writeFileSync(file, manifest(["a"]));
    assert.equal((await kubectl("apply", "-f", file)).trim(), "widget.example.tskube.dev/k2 created");
    // A part added by someone else survives the next apply: the list is merged by name.
    const added = await s.request(widgetsPath("default", "k2"), {
      method: "PATCH",
      headers: { "Content-Type": "application/strategic-merge-patch+json" },
      body: JSON.stringify({ spec: { parts: [{ name: "theirs" }] } }),
    });
    expectCode(added, 200);
    writeFileSync(file, manifest(["a", "b"]));
    assert.equal((await kubectl("apply", "-f", file)).trim(), "widget.example.tskube.dev/k2 configured");
    const parts = (await s.request(widgetsPath("default", "k2"))).json<Widget>().spec?.parts?.map((p) => p.name);
    assert.deepEqual(parts?.sort(), ["a", "b", "theirs"]);
    assert.equal((await kubectl("delete", "widget", "k2")).trim(), 'widget.example.tskube.dev "k2" deleted');
  });
});
