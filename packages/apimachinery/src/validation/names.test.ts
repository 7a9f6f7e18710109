import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  regexError,
} from "./names.js";

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("regexError", () => {
  it("formats examples with upstream's spacing", () => {
    assert.equal(regexError("bad", "x+"), "bad (regex used for validation is 'x+')");
    assert.equal(regexError("bad", "x+", "x", "xx"), "bad (e.g. 'x',  or 'xx', regex used for validation is 'x+')");
  });
});

describe("isDNS1123Subdomain", () => {
  for (const ok of ["a", "a.b", "my-app.example.com", "0", "1-2.3", "a".repeat(253)]) {
    it(`accepts ${JSON.stringify(ok.length > 20 ? `${ok.slice(0, 5)}...(${ok.length})` : ok)}`, () => {
      assert.deepEqual(isDNS1123Subdomain(ok), []);
    });
  }
  for (const bad of ["", "A", "a_b", "-a", "a-", ".a", "a.", "a..b", "a.-b", "a b", "é"]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.deepEqual(isDNS1123Subdomain(bad), [SUBDOMAIN_MSG]));
  }
  it("limits the length to 253", () => {
    assert.deepEqual(isDNS1123Subdomain("a".repeat(254)), ["must be no more than 253 characters"]);
    assert.deepEqual(isDNS1123Subdomain(`${"a".repeat(254)}-`), ["must be no more than 253 characters", SUBDOMAIN_MSG]);
  });
});

describe("isDNS1123Label", () => {
  it("accepts labels up to 63 characters", () => {
    assert.deepEqual(isDNS1123Label("kube-system"), []);
    assert.deepEqual(isDNS1123Label("a".repeat(63)), []);
  });
  it("rejects long, upper-case and dashed-edge labels", () => {
    assert.deepEqual(isDNS1123Label("a".repeat(64)), ["must be no more than 63 characters"]);
    assert.deepEqual(isDNS1123Label("Kube"), [LABEL_MSG]);
    assert.deepEqual(isDNS1123Label("-a"), [LABEL_MSG]);
    assert.deepEqual(isDNS1123Label("a-"), [LABEL_MSG]);
    assert.deepEqual(isDNS1123Label(""), [LABEL_MSG]);
  });
  it("says dots are the problem for an otherwise valid subdomain", () => {
    assert.deepEqual(isDNS1123Label("a.b"), ["must not contain dots"]);
  });
});

describe("isDNS1035Label", () => {
  it("requires a leading letter", () => {
    assert.deepEqual(isDNS1035Label("web"), []);
    assert.equal(isDNS1035Label("1web").length, 1);
    assert.match(isDNS1035Label("1web")[0] ?? "", /^a DNS-1035 label must consist of/);
  });
});

describe("isQualifiedName", () => {
  for (const ok of ["app", "App_1.x-y", "example.com/app", "a/B", "x".repeat(63), `${"p".repeat(253)}/n`]) {
    it(`accepts ${JSON.stringify(ok.length > 20 ? `${ok.slice(0, 5)}...(${ok.length})` : ok)}`, () => {
      assert.deepEqual(isQualifiedName(ok), []);
    });
  }
  it("rejects a bad name part", () => {
    assert.deepEqual(isQualifiedName("-app"), [NAME_PART_MSG]);
    assert.deepEqual(isQualifiedName("app_"), [NAME_PART_MSG]);
    assert.deepEqual(isQualifiedName(""), ["name part must be non-empty", NAME_PART_MSG]);
    assert.deepEqual(isQualifiedName("x".repeat(64)), ["name part must be no more than 63 characters"]);
  });
  it("rejects a bad prefix", () => {
    assert.deepEqual(isQualifiedName("/app"), ["prefix part must be non-empty"]);
    assert.deepEqual(isQualifiedName("Example.com/app"), [`prefix part ${SUBDOMAIN_MSG}`]);
  });
  it("rejects more than one slash", () => {
    assert.deepEqual(isQualifiedName("a/b/c"), [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
});

describe("isValidLabelValue", () => {
  it("accepts empty and well-formed values", () => {
    for (const ok of ["", "v1", "My_Value.2", "a".repeat(63)]) assert.deepEqual(isValidLabelValue(ok), []);
  });
  it("rejects long values and bad edges", () => {
    assert.deepEqual(isValidLabelValue("a".repeat(64)), ["must be no more than 63 characters"]);
    assert.deepEqual(isValidLabelValue("-a"), [VALUE_MSG]);
    assert.deepEqual(isValidLabelValue("a b"), [VALUE_MSG]);
  });
  it("counts bytes, not characters", () => {
    // 32 'é' are 64 UTF-8 bytes.
    assert.deepEqual(isValidLabelValue("é".repeat(32)), ["must be no more than 63 characters", VALUE_MSG]);
  });
});

describe("name functions", () => {
  it("checks names as subdomains or labels", () => {
    assert.deepEqual(nameIsDNSSubdomain("my.app", false), []);
    assert.deepEqual(nameIsDNSLabel("my.app", false), ["must not contain dots"]);
  });
  it("allows a trailing dash in a generateName prefix", () => {
    assert.deepEqual(nameIsDNSSubdomain("web-", true), []);
    assert.deepEqual(nameIsDNSLabel("web-", true), []);
    assert.deepEqual(nameIsDNSSubdomain("web-", false), [SUBDOMAIN_MSG]);
    assert.deepEqual(nameIsDNSSubdomain("Web-", true), [SUBDOMAIN_MSG]);
  });
});
