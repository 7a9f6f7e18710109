import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isStatusError } from "../api/errors.js";
import {
  everythingLabelSelector,
  formatLabelSelector,
  labelSelectorFromMeta,
  labelSelectorFromSet,
  newLabelRequirement,
  nothingLabelSelector,
  parseLabelSelector,
} from "./selector.js";
import type { MetaLabelSelector } from "../apis/meta/v1/label-selector.js";

/** Asserts that `fn` throws a 400 BadRequest StatusError with exactly this message. */
function assertBadRequest(fn: () => unknown, message: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isStatusError(err), `expected a StatusError, got ${String(err)}`);
    assert.equal(err.code, 400);
    assert.equal(err.reason, "BadRequest");
    assert.equal(err.message, message);
    assert.equal(err.status.message, message);
    return true;
  });
}

const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe("parseLabelSelector: matching", () => {
  const cases: Array<[selector: string, labels: Record<string, string>, expected: boolean]> = [
    ["", {}, true],
    ["", { a: "b" }, true],
    ["app=web", { app: "web" }, true],
    ["app=web", { app: "db" }, false],
    ["app=web", {}, false],
    ["app==web", { app: "web" }, true],
    ["app!=web", { app: "db" }, true],
    ["app!=web", { app: "web" }, false],
    ["app!=web", {}, true], // a missing label is "not equal"
    ["tier in (db,cache)", { tier: "cache" }, true],
    ["tier in (db,cache)", { tier: "web" }, false],
    ["tier in (db,cache)", {}, false],
    ["tier notin (db,cache)", { tier: "web" }, true],
    ["tier notin (db,cache)", { tier: "db" }, false],
    ["tier notin (db,cache)", {}, true],
    ["canary", { canary: "" }, true],
    ["canary", {}, false],
    ["!canary", {}, true],
    ["!canary", { canary: "true" }, false],
    ["replicas>5", { replicas: "6" }, true],
    ["replicas>5", { replicas: "5" }, false],
    ["replicas>5", { replicas: "x" }, false],
    ["replicas>5", {}, false],
    ["replicas<5", { replicas: "4" }, true],
    ["replicas<5", { replicas: "-9" }, true],
    ["replicas<5", { replicas: "5" }, false],
    ["app=web,tier in (db),!canary", { app: "web", tier: "db" }, true],
    ["app=web,tier in (db),!canary", { app: "web", tier: "db", canary: "1" }, false],
    ["app=", { app: "" }, true],
    ["app=", { app: "x" }, false],
    ["a in (,b)", { a: "" }, true],
    // Keys are looked up as own properties only.
    ["constructor", {}, false],
    ["toString=x", {}, false],
  ];
  for (const [selector, labels, expected] of cases) {
    it(`${JSON.stringify(selector)} on ${JSON.stringify(labels)} is ${expected}`, () => {
      assert.equal(parseLabelSelector(selector).matches(labels), expected);
    });
  }

  it("treats missing labels like an empty set", () => {
    assert.equal(parseLabelSelector("!a").matches(undefined), true);
    assert.equal(parseLabelSelector("a").matches(undefined), false);
  });
});

describe("parseLabelSelector: printing", () => {
  const cases: Array<[input: string, printed: string]> = [
    ["", ""],
    ["  ", ""],
    ["x", "x"],
    ["!x", "!x"],
    ["x=a", "x=a"],
    ["x==a", "x==a"],
    ["x!=a", "x!=a"],
    ["x>1", "x>1"],
    ["x<1", "x<1"],
    ["x in (b,a,b)", "x in (a,b)"],
    ["x notin (b,a)", "x notin (a,b)"],
    ["x in ()", "x in ()"],
    ["x in (a,)", "x in (,a)"],
    ["x in (a,,b)", "x in (,a,b)"],
    ["z=1,a=2,m", "a=2,m,z=1"],
    [" a = b , c in ( d , e ) ", "a=b,c in (d,e)"],
    ["a=b\t,\nc", "a=b,c"],
    ["in in (in,notin)", "in in (in,notin)"],
    ["example.com/app=web", "example.com/app=web"],
    ["a=", "a="],
  ];
  for (const [input, printed] of cases) {
    it(`${JSON.stringify(input)} prints as ${JSON.stringify(printed)} and round-trips`, () => {
      const selector = parseLabelSelector(input);
      assert.equal(selector.toString(), printed);
      assert.equal(parseLabelSelector(printed).toString(), printed);
    });
  }

  it("exposes sorted requirements with upstream's operator names", () => {
    const reqs = parseLabelSelector("z notin (b,a),!y,x>3,w").requirements();
    assert.deepEqual(
      reqs.map((r) => [r.key, r.operator, [...r.values]]),
      [
        ["w", "exists", []],
        ["x", "gt", ["3"]],
        ["y", "!", []],
        ["z", "notin", ["a", "b"]],
      ],
    );
  });

  it("reports empty only for the empty selector", () => {
    assert.equal(parseLabelSelector("").empty(), true);
    assert.equal(parseLabelSelector("a").empty(), false);
  });
});

describe("parseLabelSelector: malformed input", () => {
  const cases: Array<[input: string, message: string]> = [
    ["a,", "found '', expected: identifier after ','"],
    [",a", "found ',', expected: !, identifier, or 'end of string'"],
    ["a=b,,c", "found ',', expected: identifier after ','"],
    ["a=b c", "found 'c', expected: ',' or 'end of string'"],
    ["!a=b", "found '=', expected: ',' or 'end of string'"],
    ["a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ["x!y", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ["!", "unable to parse requirement: found '', expected: identifier"],
    ["a in b", "unable to parse requirement: found 'b' expected: '('"],
    ["a in (b", "unable to parse requirement: found '', expected: ',' or ')'"],
    ["a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ["a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ["a in (b,=)", "unable to parse requirement: found '=', expected: ',', or identifier"],
    ["a=(", "unable to parse requirement: found '(', expected: identifier"],
    ["a>b", `unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      "a>99999999999999999999",
      `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    ["a=-b", `unable to parse requirement: values[0][a]: Invalid value: "-b": ${VALUE_MSG}`],
    // Set values are sorted before they are checked, so the index is in sorted order.
    ["a in (ok,bad-)", `unable to parse requirement: values[0][a]: Invalid value: "bad-": ${VALUE_MSG}`],
    ["a in (bad-,zz)", `unable to parse requirement: values[0][a]: Invalid value: "bad-": ${VALUE_MSG}`],
    [`a=${"x".repeat(64)}`, `unable to parse requirement: values[0][a]: Invalid value: "${"x".repeat(64)}": must be no more than 63 characters`],
    ["-a", `unable to parse requirement: <nil>: Invalid value: "-a": ${NAME_PART_MSG}`],
    ["a/", `unable to parse requirement: <nil>: Invalid value: "a/": name part must be non-empty; ${NAME_PART_MSG}`],
    [
      "a/b/c",
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  ];
  for (const [input, message] of cases) {
    it(`${JSON.stringify(input)} is a BadRequest`, () => assertBadRequest(() => parseLabelSelector(input), message));
  }
});

describe("labelSelectorFromSet", () => {
  it("requires every pair, printed sorted by key", () => {
    const selector = labelSelectorFromSet({ tier: "db", app: "web" });
    assert.equal(selector.toString(), "app=web,tier=db");
    assert.equal(selector.matches({ app: "web", tier: "db", x: "y" }), true);
    assert.equal(selector.matches({ app: "web" }), false);
  });

  it("selects everything when empty", () => {
    assert.equal(labelSelectorFromSet({}).empty(), true);
    assert.equal(labelSelectorFromSet(undefined).matches({ a: "b" }), true);
  });
});

describe("everything and nothing", () => {
  it("everything matches all and is empty", () => {
    assert.equal(everythingLabelSelector().matches({}), true);
    assert.equal(everythingLabelSelector().empty(), true);
    assert.equal(everythingLabelSelector().toString(), "");
  });

  it("nothing matches none and is not empty", () => {
    assert.equal(nothingLabelSelector().matches({}), false);
    assert.equal(nothingLabelSelector().empty(), false);
    assert.equal(nothingLabelSelector().add(newLabelRequirement("a", "exists", [])).matches({ a: "" }), false);
  });
});

describe("requiresExactMatch and add", () => {
  it("finds a pinned value from =, == or a one-value in", () => {
    assert.equal(parseLabelSelector("a=x").requiresExactMatch("a"), "x");
    assert.equal(parseLabelSelector("a==x").requiresExactMatch("a"), "x");
    assert.equal(parseLabelSelector("a in (x)").requiresExactMatch("a"), "x");
    assert.equal(parseLabelSelector("a in (x,y)").requiresExactMatch("a"), undefined);
    assert.equal(parseLabelSelector("a!=x").requiresExactMatch("a"), undefined);
    assert.equal(parseLabelSelector("b=x").requiresExactMatch("a"), undefined);
  });

  it("adds requirements and keeps them sorted", () => {
    const selector = parseLabelSelector("b=1").add(newLabelRequirement("a", "in", ["2", "1"]));
    assert.equal(selector.toString(), "a in (1,2),b=1");
  });

  it("validates requirements built by hand", () => {
    assert.throws(() => newLabelRequirement("a", "=", ["x", "y"]), {
      message: 'values: Invalid value: ["x","y"]: exact-match compatibility requires one single value',
    });
  });
});

describe("labelSelectorFromMeta", () => {
  it("matches nothing for a missing selector and everything for an empty one", () => {
    assert.equal(labelSelectorFromMeta(undefined).matches({}), false);
    assert.equal(labelSelectorFromMeta(null).empty(), false);
    assert.equal(labelSelectorFromMeta({}).empty(), true);
    assert.equal(labelSelectorFromMeta({ matchLabels: {}, matchExpressions: [] }).matches({}), true);
  });

  it("combines matchLabels and every operator", () => {
    const meta: MetaLabelSelector = {
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["db", "cache"] },
        { key: "env", operator: "NotIn", values: ["prod"] },
        { key: "team", operator: "Exists" },
        { key: "canary", operator: "DoesNotExist" },
      ],
    };
    const selector = labelSelectorFromMeta(meta);
    assert.equal(selector.toString(), "app=web,!canary,env notin (prod),team,tier in (cache,db)");
    assert.equal(selector.matches({ app: "web", tier: "db", team: "a" }), true);
    assert.equal(selector.matches({ app: "web", tier: "db", team: "a", env: "prod" }), false);
    assert.equal(selector.matches({ app: "web", tier: "db", team: "a", canary: "" }), false);
  });

  it("rejects an unknown operator", () => {
    assertBadRequest(
      () => labelSelectorFromMeta({ matchExpressions: [{ key: "a", operator: "in" }] }),
      '"in" is not a valid pod selector operator',
    );
  });

  it("rejects In without values and Exists with values", () => {
    assertBadRequest(
      () => labelSelectorFromMeta({ matchExpressions: [{ key: "a", operator: "In" }] }),
      "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty",
    );
    assertBadRequest(
      () => labelSelectorFromMeta({ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] }),
      'values: Invalid value: ["x"]: values set must be empty for exists and does not exist',
    );
  });

  it("reports a bad key and value together", () => {
    assertBadRequest(
      () => labelSelectorFromMeta({ matchLabels: { "-a": "b-" } }),
      `[key: Invalid value: "-a": ${NAME_PART_MSG}, values[0][-a]: Invalid value: "b-": ${VALUE_MSG}]`,
    );
  });
});

describe("formatLabelSelector", () => {
  it("prints a spec's selector as kubectl get -o wide does", () => {
    assert.equal(formatLabelSelector({ matchLabels: { b: "2", a: "1" } }), "a=1,b=2");
    assert.equal(formatLabelSelector({ matchExpressions: [{ key: "tier", operator: "In", values: ["web", "api"] }] }), "tier in (api,web)");
    assert.equal(formatLabelSelector({}), "<none>");
    assert.equal(formatLabelSelector(undefined), "<none>");
    assert.equal(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "Near", values: [] }] }), "<error>");
  });
});
