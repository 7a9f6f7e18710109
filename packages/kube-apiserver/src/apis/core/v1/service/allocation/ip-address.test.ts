import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatCIDR, formatIP, parseCIDR, parseIP } from "./ip-address.js";

describe("IP addresses as numbers", () => {
  it("reads and prints IPv4 and IPv6 addresses as Go does", () => {
    assert.deepEqual(parseIP("10.0.0.1"), { family: "IPv4", value: 0x0a000001n });
    const roundTrip = (ip: string) => {
      const parsed = parseIP(ip);
      assert.ok(parsed, ip);
      return formatIP(parsed.family, parsed.value);
    };
    assert.equal(roundTrip("10.0.0.1"), "10.0.0.1");
    assert.equal(roundTrip("FD00:0:0:0:0:0:0:1"), "fd00::1");
    assert.equal(roundTrip("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1", "one zero group is not shortened");
    assert.equal(roundTrip("2001:0:0:1:0:0:0:1"), "2001:0:0:1::1", "the longer run is");
    assert.equal(roundTrip("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1", "the first of equal runs is");
    assert.equal(roundTrip("::"), "::");
    assert.equal(roundTrip("::ffff:1.2.3.4"), "::ffff:102:304");
    assert.equal(parseIP("10.0.0.300"), null);
    assert.equal(parseIP("nope"), null);
  });

  it("reads CIDRs, clearing the host bits", () => {
    const cidr = parseCIDR("10.0.0.5/24");
    assert.ok(cidr);
    assert.equal(formatCIDR(cidr), "10.0.0.0/24");
    assert.equal(cidr.size, 256n);
    assert.equal(formatCIDR(parseCIDR("fd00::1:2/112") ?? assert.fail()), "fd00::1:0/112");
    assert.equal(parseCIDR("10.0.0.0"), null);
    assert.equal(parseCIDR("10.0.0.0/33"), null);
    assert.equal(parseCIDR("fd00::/129"), null);
  });
});
