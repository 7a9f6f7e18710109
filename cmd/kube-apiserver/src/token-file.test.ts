import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseTokenFile } from "./token-file.js";

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
