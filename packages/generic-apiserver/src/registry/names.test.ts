import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ResourceKeys, validatePathSegmentName } from "./keys.js";
import { MAX_GENERATED_PREFIX_LENGTH, generateName } from "./names.js";

describe("generateName", () => {
  it("appends 5 characters from upstream's alphabet", () => {
    assert.match(generateName("web-"), /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.notEqual(generateName("x-"), generateName("x-"));
  });

  it("cuts the prefix to 58 characters so the name fits 63", () => {
    const name = generateName("a".repeat(70));
    assert.equal(MAX_GENERATED_PREFIX_LENGTH, 58);
    assert.equal(name.length, 63);
    assert.ok(name.startsWith("a".repeat(58)));
  });
});

describe("ResourceKeys", () => {
  const namespaced = new ResourceKeys("/widgets", true);
  const cluster = new ResourceKeys("/gadgets", false);

  it("lays keys out as /<resource>/<namespace>/<name>", () => {
    assert.equal(namespaced.object("ns", "w"), "/widgets/ns/w");
    assert.equal(namespaced.collection("ns"), "/widgets/ns");
    assert.equal(namespaced.collection(""), "/widgets");
    assert.equal(cluster.object("", "g"), "/gadgets/g");
    assert.equal(cluster.collection("ignored"), "/gadgets");
  });

  it("refuses names that are not path segments", () => {
    assert.throws(() => namespaced.object("ns", ".."), /Name parameter invalid: "\.\.": may not be '\.\.'/);
    assert.throws(() => namespaced.object("ns", ""), /Name parameter required\./);
    assert.throws(() => namespaced.object("", "w"), /Namespace parameter required\./);
    assert.deepEqual(validatePathSegmentName("a%b/c", false), ["may not contain '/'", "may not contain '%'"]);
    assert.deepEqual(validatePathSegmentName("..", true), []);
  });
});
