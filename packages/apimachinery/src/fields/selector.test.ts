import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isStatusError } from "../api/errors.js";
import {
  andFieldSelectors,
  escapeFieldValue,
  everythingFieldSelector,
  fieldSelectorFromSet,
  oneTermEqualFieldSelector,
  parseFieldSelector,
  unescapeFieldValue,
} from "./selector.js";

function assertBadRequest(fn: () => unknown, message: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isStatusError(err), `expected a StatusError, got ${String(err)}`);
    assert.equal(err.code, 400);
    assert.equal(err.reason, "BadRequest");
    assert.equal(err.message, message);
    return true;
  });
}

describe("parseFieldSelector: matching", () => {
  const pod = { "metadata.name": "web-1", "metadata.namespace": "prod", "spec.nodeName": "" };
  const cases: Array<[selector: string, expected: boolean]> = [
    ["", true],
    ["metadata.name=web-1", true],
    ["metadata.name==web-1", true],
    ["metadata.name=web-2", false],
    ["metadata.name!=web-2", true],
    ["metadata.name!=web-1", false],
    ["metadata.name=web-1,metadata.namespace=prod", true],
    ["metadata.name=web-1,metadata.namespace=dev", false],
    ["spec.nodeName=", true],
    // A field the object lacks counts as "".
    ["status.phase=", true],
    ["status.phase!=Running", true],
    ["status.phase=Running", false],
  ];
  for (const [selector, expected] of cases) {
    it(`${JSON.stringify(selector)} is ${expected}`, () => {
      assert.equal(parseFieldSelector(selector).matches(pod), expected);
    });
  }
});

describe("parseFieldSelector: printing and requirements", () => {
  const cases: Array<[input: string, printed: string]> = [
    ["", ""],
    [",", ""],
    ["a=b", "a=b"],
    ["a==b", "a=b"],
    ["a!=b", "a!=b"],
    ["b=1,a=2", "a=2,b=1"],
    ["a=b,,c=d", "a=b,c=d"],
    ["a=", "a="],
    ["a=x\\,y", "a=x\\,y"],
    ["a=x\\=y\\\\z", "a=x\\=y\\\\z"],
  ];
  for (const [input, printed] of cases) {
    it(`${JSON.stringify(input)} prints as ${JSON.stringify(printed)} and round-trips`, () => {
      assert.equal(parseFieldSelector(input).toString(), printed);
      assert.equal(parseFieldSelector(printed).toString(), printed);
    });
  }

  it("lists requirements with unescaped values; == becomes =", () => {
    assert.deepEqual(parseFieldSelector("b!=x\\,y,a==1").requirements(), [
      { field: "a", operator: "=", value: "1" },
      { field: "b", operator: "!=", value: "x,y" },
    ]);
  });

  it("splits at the first operator", () => {
    assert.deepEqual(parseFieldSelector("a!=b!c").requirements(), [{ field: "a", operator: "!=", value: "b!c" }]);
    assert.deepEqual(parseFieldSelector("=x").requirements(), [{ field: "", operator: "=", value: "x" }]);
  });

  it("is empty only without terms", () => {
    assert.equal(parseFieldSelector("").empty(), true);
    assert.equal(parseFieldSelector("a=b").empty(), false);
    assert.equal(everythingFieldSelector().empty(), true);
  });
});

describe("parseFieldSelector: malformed input", () => {
  const cases: Array<[input: string, message: string]> = [
    ["x", "invalid selector: 'x'; can't understand 'x'"],
    ["a=b,x", "invalid selector: 'a=b,x'; can't understand 'x'"],
    ["a=b=c", "invalid field selector: unescaped character in value: 61"],
    ["a==b,c", "invalid selector: 'a==b,c'; can't understand 'c'"],
    ["a=b\\x", "invalid field selector: invalid escape sequence: \\x"],
    ["a=b\\", "invalid field selector: invalid escape sequence: \\"],
  ];
  for (const [input, message] of cases) {
    it(`${JSON.stringify(input)} is a BadRequest`, () => assertBadRequest(() => parseFieldSelector(input), message));
  }
});

describe("escaping", () => {
  it("escapes backslash, comma and equals, and reverses it", () => {
    const literal = "a\\b,c=d!e";
    const escaped = escapeFieldValue(literal);
    assert.equal(escaped, "a\\\\b\\,c\\=d!e");
    assert.equal(unescapeFieldValue(escaped), literal);
  });

  it("rejects an unescaped comma", () => {
    assertBadRequest(() => unescapeFieldValue("a,b"), "invalid field selector: unescaped character in value: 44");
  });

  it("prints values that need escaping so they parse back", () => {
    const selector = fieldSelectorFromSet({ "metadata.name": "x,y=z" });
    assert.equal(selector.toString(), "metadata.name=x\\,y\\=z");
    assert.equal(parseFieldSelector(selector.toString()).requiresExactMatch("metadata.name"), "x,y=z");
  });
});

describe("helpers", () => {
  it("requiresExactMatch finds only = terms", () => {
    const selector = parseFieldSelector("metadata.name=a,metadata.namespace!=b");
    assert.equal(selector.requiresExactMatch("metadata.name"), "a");
    assert.equal(selector.requiresExactMatch("metadata.namespace"), undefined);
    assert.equal(selector.requiresExactMatch("spec.nodeName"), undefined);
  });

  it("fieldSelectorFromSet sorts fields; empty selects everything", () => {
    assert.equal(fieldSelectorFromSet({ b: "1", a: "2" }).toString(), "a=2,b=1");
    assert.equal(fieldSelectorFromSet(undefined).empty(), true);
  });

  it("oneTermEqualFieldSelector and andFieldSelectors", () => {
    const selector = andFieldSelectors(oneTermEqualFieldSelector("a", "1"), parseFieldSelector("b!=2"));
    assert.equal(selector.toString(), "a=1,b!=2");
    assert.equal(selector.matches({ a: "1", b: "3" }), true);
  });

  it("transform rewrites terms and drops ones made empty", () => {
    const selector = parseFieldSelector("name=a,drop=me").transform((field, value) =>
      field === "drop" ? { field: "", value: "" } : { field: `metadata.${field}`, value },
    );
    assert.equal(selector.toString(), "metadata.name=a");
  });

  it("transform may reject a field", () => {
    assert.throws(() =>
      parseFieldSelector("spec.x=1").transform(() => {
        throw new Error('field label not supported: spec.x');
      }),
    );
  });
});
