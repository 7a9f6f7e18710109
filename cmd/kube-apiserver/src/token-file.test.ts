import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Logger } from "@tskube/generic-apiserver";
import { WatchedTokenFile, parseTokenFile } from "./token-file.js";

describe("--token-auth-file", () => {
  it("reads token,user,uid and optional quoted groups", () => {
    const tokens = parseTokenFile('t1,alice,1001,"dev,ops"\n\nt2,bob,1002\n', "tokens.csv");
    assert.deepEqual(tokens.get("t1"), { name: "alice", uid: "1001", groups: ["dev", "ops"] });
    assert.deepEqual(tokens.get("t2"), { name: "bob", uid: "1002", groups: [] });
  });

  it("needs at least three columns", () => {
    assert.throws(() => parseTokenFile("t1,alice\n", "tokens.csv"), /token file 'tokens.csv' must have at least 3 columns \(token, user name, user uid\), found 2/);
  });
});

describe("--token-auth-file, watched", () => {
  const dir = mkdtempSync(join(tmpdir(), "tskube-tokens-"));
  const path = join(dir, "tokens.csv");
  const logged: string[] = [];
  const logger: Logger = { info: (m) => logged.push(m), error: (m) => logged.push(m) };
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Polls until `check` holds (the file is looked at once a second). */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      assert.ok(Date.now() < deadline, "timed out");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const userOf = async (file: WatchedTokenFile, token: string) => {
    const result = await file.authenticateToken(token);
    return result.kind === "user" ? result.user.name : undefined;
  };

  it("picks up changes, including a file replaced by a rename, and keeps the last good tokens through a bad edit", { timeout: 30_000 }, async () => {
    writeFileSync(path, "t1,alice,1\n");
    await assert.rejects(WatchedTokenFile.open(join(dir, "missing.csv"), logger), /ENOENT/);
    const file = await WatchedTokenFile.open(path, logger);
    try {
      assert.equal(await userOf(file, "t1"), "alice");
      assert.equal(await userOf(file, "t2"), undefined);

      writeFileSync(path, "t1,alice,1\nt2,bob,2\n");
      await eventually(async () => (await userOf(file, "t2")) === "bob");

      // Editors save by writing a new file and renaming it over the old one.
      writeFileSync(join(dir, "next.csv"), "t3,carol,3\n");
      renameSync(join(dir, "next.csv"), path);
      await eventually(async () => (await userOf(file, "t3")) === "carol");
      assert.equal(await userOf(file, "t1"), undefined);

      writeFileSync(path, 't4,"unterminated\n');
      await eventually(async () => logged.some((line) => line.includes("could not be read")));
      assert.equal(await userOf(file, "t3"), "carol");
    } finally {
      file.close();
    }
  });
});
