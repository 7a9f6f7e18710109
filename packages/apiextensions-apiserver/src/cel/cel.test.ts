// Expressions as rules evaluate them, with the Kubernetes libraries.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCEL } from "./ast.js";
import { check } from "./checker.js";
import { CostTracker, evaluate } from "./interpreter.js";
import { T } from "./types.js";
import { CostLimitExceeded, type Value } from "./values.js";
import { ValueConverter } from "./schema-types.js";
import { toStructural } from "../schema/structural.js";

const schema = toStructural({
  type: "object",
  properties: {
    name: { type: "string" },
    n: { type: "integer" },
    tags: { type: "array", items: { type: "string" } },
    nums: { type: "array", items: { type: "integer" } },
    labels: { type: "object", additionalProperties: { type: "string" } },
    at: { type: "string", format: "date-time" },
    "x-y": { type: "string" },
  },
});
const data = { name: "Tacocat", n: 3, tags: ["b", "a"], nums: [3, 1, 2], labels: { app: "web" }, at: "2024-05-01T10:20:30Z", "x-y": "dash" };

function run(expr: string, limit = 1_000_000): Value {
  const root = parseCEL(expr);
  const self = new ValueConverter().toValue(data, schema);
  const { celTypeOf } = schemaTypes;
  const checked = check(root, new Map([["self", celTypeOf(schema)]]));
  assert.deepEqual(checked.issues, [], expr);
  return evaluate({ root, checked }, { self }, new CostTracker(limit));
}
import * as schemaTypes from "./schema-types.js";

const truthy = (exprs: string[]) => {
  for (const e of exprs) assert.equal(run(e), true, e);
};

describe("CEL evaluation", () => {
  it("operators, macros and has()", () => {
    truthy([
      "self.n + 1 == 4", "self.n * 2 > 5 && self.n % 2 == 1", "self.n / 2 == 1", "-self.n < 0", "dyn(1) == 1.0", "1u + 2u == 3u",
      "self.tags.all(t, t.size() == 1)", "self.tags.exists(t, t == 'a')", "self.nums.exists_one(x, x > 2)",
      "self.nums.map(x, x * 2) == [6, 2, 4]", "self.nums.filter(x, x > 1) == [3, 2]", "has(self.name)", "!has(self.labels.other)",
      "'app' in self.labels", "self.labels.app == 'web'", "self.labels['app'] == 'web'", "size(self.tags) == 2",
      "self.x__dash__y == 'dash'", "(self.n > 2 ? 'big' : 'small') == 'big'", "type(self.n) == int", "string(self.n) == '3'",
      "int('42') == 42", "double(1) == 1.0", "self.name.matches('^T.*t$')", "self.name.startsWith('Taco') && self.name.endsWith('cat')",
      "!(false && 1 / 0 == 1) && !(1 / 0 == 1 && false)", "true || (1 / 0 == 1)",
      "self.at < timestamp('2025-01-01T00:00:00Z')", "self.at.getFullYear() == 2024", "self.at.getHours() == 10",
      "duration('1h30m') == duration('90m')", "timestamp('2024-05-01T10:20:30Z') + duration('1s') > self.at",
    ]);
  });

  it("reports errors as cel-go does", () => {
    assert.throws(() => run("self.labels.nope == 'x'"), /no such key: nope/);
    assert.throws(() => run("self.n / 0 == 1"), /division by zero/);
    assert.throws(() => run("9223372036854775807 + self.n > 0"), /integer overflow/);
    assert.throws(() => run("self.tags[5] == 'x'"), /index out of bounds: 5/);
  });

  it("strings extension", () => {
    truthy([
      "self.name.charAt(1) == 'a'", "self.name.indexOf('co') == 2", "self.name.lastIndexOf('a') == 5", "self.name.lowerAscii() == 'tacocat'",
      "self.name.upperAscii() == 'TACOCAT'", "'a-b-c'.replace('-', '+') == 'a+b+c'", "'a-b-c'.replace('-', '+', 1) == 'a+b-c'",
      "'a,b,c'.split(',') == ['a', 'b', 'c']", "'a,b,c'.split(',', 2) == ['a', 'b,c']", "self.name.substring(4) == 'cat'",
      "self.name.substring(0, 4) == 'Taco'", "'  x '.trim() == 'x'", "['a', 'b'].join() == 'ab'", "['a', 'b'].join('-') == 'a-b'",
      "'héllo'.size() == 5", "'héllo'.charAt(1) == 'é'",
    ]);
  });

  it("lists and regex libraries", () => {
    truthy([
      "!self.nums.isSorted() && [1, 2, 3].isSorted()", "self.nums.sum() == 6", "self.nums.min() == 1", "self.nums.max() == 3",
      "self.nums.indexOf(1) == 1", "[1, 2, 1].lastIndexOf(1) == 2", "'abc 123 def 456'.find('[0-9]+') == '123'",
      "'abc 123 def 456'.findAll('[0-9]+') == ['123', '456']", "'abc 123 def 456'.findAll('[0-9]+', 1) == ['123']",
    ]);
  });

  it("url, quantity, ip and cidr libraries", () => {
    truthy([
      "isURL('https://example.com:8080/path?q=1&q=2')", "url('https://example.com:8080/path?q=1').getHost() == 'example.com:8080'",
      "url('https://example.com:8080/path').getHostname() == 'example.com'", "url('https://example.com:8080/path').getPort() == '8080'",
      "url('https://example.com/a%20b').getEscapedPath() == '/a%20b'", "url('https://x/?q=1&q=2').getQuery()['q'] == ['1', '2']",
      "url('https://x').getScheme() == 'https'", "!isURL('not a url')",
      "quantity('1Gi').isGreaterThan(quantity('1G'))", "quantity('500m').isLessThan(quantity('1'))", "quantity('1.5').asApproximateFloat() == 1.5",
      "quantity('2k').asInteger() == 2000", "quantity('1Gi').add(quantity('1Gi')) == quantity('2Gi')", "quantity('1').sub(1).sign() == 0",
      "isQuantity('10Mi') && !isQuantity('10 Mi')", "quantity('1.5').isInteger() == false", "quantity('1e3').compareTo(quantity('1k')) == 0",
      "isIP('10.0.0.1') && !isIP('10.0.0.256') && isIP('::1')", "ip('10.0.0.1').family() == 4", "ip('fe80::1').isLinkLocalUnicast()",
      "ip('127.0.0.1').isLoopback()", "ip('8.8.8.8').isGlobalUnicast()", "ip('0.0.0.0').isUnspecified()",
      "cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))", "cidr('10.0.0.0/8').containsIP('10.1.2.3')", "!cidr('10.0.0.0/8').containsIP('11.0.0.1')",
      "cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", "cidr('10.1.2.3/8').masked() == cidr('10.0.0.0/8')", "cidr('10.0.0.0/8').prefixLength() == 8",
      "string(cidr('2001:db8::/32').ip()) == '2001:db8::'", "isCIDR('192.168.0.0/16') && !isCIDR('192.168.0.0/33')",
    ]);
  });

  it("format library and optionals", () => {
    truthy([
      "!format.dns1123Label().validate('my-name').hasValue()", "format.dns1123Label().validate('My_Name').hasValue()",
      "format.named('dns1123Subdomain').hasValue()", "!format.named('nope').hasValue()",
      "format.named('labelValue').value().validate('ok').orValue(['none']) == ['none']",
      "optional.of(1).value() == 1", "optional.none().orValue(2) == 2", "!optional.none().hasValue()",
    ]);
  });

  it("cel.bind: a name for a value, evaluated once, typed and checked as cel-go does", () => {
    truthy([
      "cel.bind(first, self.tags[0], first == 'b' && first.size() == 1)",
      "cel.bind(total, self.nums.map(x, x * 2), total.size() == 3 && total[0] == 6)",
      "cel.bind(a, self.n, cel.bind(b, a + 1, b == 4))",
      // The name hides self's field of the same name only inside the result.
      "cel.bind(n, 10, n == 10) && self.n == 3",
    ]);
    const issues = (e: string) => check(parseCEL(e), new Map([["self", schemaTypes.celTypeOf(schema)]])).issues.map((i) => i.message);
    // The bound value's type is known: a string compared with an int is refused.
    assert.deepEqual(issues("cel.bind(s, self.name, s == 1)"), ["found no matching overload for '_==_' applied to '(string, int)'"]);
    assert.throws(() => parseCEL("cel.bind(self.name, 1, true)"), /cel.bind\(\) variable names must be simple identifiers/);
  });

  it("stops an evaluation past its cost limit", () => {
    assert.throws(() => run("self.tags.all(a, self.tags.all(b, self.tags.all(c, a + b + c != '')))", 20), CostLimitExceeded);
  });

  it("rejects at check time what cel-go rejects", () => {
    const issues = (e: string) => check(parseCEL(e), new Map([["self", schemaTypes.celTypeOf(schema)]])).issues.map((i) => i.message);
    assert.deepEqual(issues("1 == 1.0"), ["found no matching overload for '_==_' applied to '(int, double)'"]);
    assert.deepEqual(issues("self.name.startsWith(1)"), ["found no matching overload for 'startsWith' applied to 'string.(int)'"]);
    assert.deepEqual(issues("nope > 1"), ["undeclared reference to 'nope' (in container '')"]);
    assert.deepEqual(issues("self.nums.map(x, x + 1).size() > 0"), []);
    assert.equal(T.int.kind, "int");
  });
});
