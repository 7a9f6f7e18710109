// The binary's command line: help, unknown flags and bad values.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runBinary } from "./support/apiserver.js";

describe("kube-apiserver command line", () => {
  it("--help lists the flags in upstream's groups and exits 0", async () => {
    const { code, stdout } = await runBinary(["--help"]);
    assert.equal(code, 0);
    const groups = ["Generic flags:", "Etcd flags:", "Secure serving flags:", "Authentication flags:", "Authorization flags:", "Admission flags:", "Logs flags:", "Misc flags:"];
    let at = -1;
    for (const group of groups) {
      const index = stdout.indexOf(group);
      assert.ok(index > at, `${group} missing or out of order`);
      at = index;
    }
    for (const flag of ["--etcd-servers", "--secure-port", "--watch-cache", "--data-dir", "--authorization-mode", "--request-timeout"]) {
      assert.ok(stdout.includes(flag), `${flag} missing from --help`);
    }
  });

  it("an unknown flag exits non-zero naming the flag", async () => {
    const { code, stderr } = await runBinary(["--no-such-flag"]);
    assert.equal(code, 1);
    assert.match(stderr, /unknown flag: --no-such-flag/);
  });

  it("bad values exit non-zero naming the flag", async () => {
    const cases: [string[], RegExp][] = [
      [["--secure-port", "https"], /invalid argument "https" for "--secure-port" flag/],
      [["--request-timeout", "5 minutes"], /invalid argument "5 minutes" for "--request-timeout" flag: time: /],
      [["--watch-cache=sometimes"], /invalid argument "sometimes" for "--watch-cache" flag/],
      [["--bind-address", "localhost"], /invalid argument "localhost" for "--bind-address" flag/],
      [["--authorization-mode", "Magic"], /authorization-mode "Magic" is not a valid mode/],
      [["--enable-admission-plugins", "Nope"], /enable-admission-plugins plugin "Nope" is unknown/],
      [["--secure-port", "0"], /--secure-port 0 must be between 1 and 65535/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runBinary(args);
      assert.equal(code, 1, `${args.join(" ")}: exit code`);
      assert.match(stderr, message, args.join(" "));
    }
  });
});
