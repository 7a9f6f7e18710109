// A recursive-descent parser for label selectors, with upstream's grammar and
// error messages:
//
//   selector    := requirement ( "," requirement )*
//   requirement := [ "!" ] KEY [ set-op "(" VALUE ( "," VALUE )* ")" | exact-op VALUE ]
//   set-op      := "in" | "notin"
//   exact-op    := "=" | "==" | "!=" | ">" | "<"
//
// A bare KEY means "exists", `!KEY` "does not exist". Empty values are allowed
// (`a=`, `a in (,b)`). Values inside a set are de-duplicated and sorted.

import { BINARY_LABEL_OPERATORS, checkLabelKey, LabelRequirement, newLabelRequirement, pathText, SelectorError } from "./requirement.js";
import type { LabelOperator } from "./requirement.js";
import { tokenize, type Token, type TokenKind } from "./lexer.js";

/** Where a token is read: inside a value list, `in` and `notin` are ordinary values. */
type Context = "keyAndOperator" | "values";

const OPERATOR_OF: Partial<Record<TokenKind, LabelOperator>> = {
  in: "in",
  notin: "notin",
  equals: "=",
  doubleEquals: "==",
  notEquals: "!=",
  greaterThan: "gt",
  lessThan: "lt",
};

const END: Token = { kind: "end", text: "" };

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  private kindIn(token: Token, context: Context): TokenKind {
    if (context === "values" && (token.kind === "in" || token.kind === "notin")) return "identifier";
    return token.kind;
  }

  /** The next token, not consumed. Past the last token, the answer stays `end`. */
  private peek(context: Context): Token {
    const token = this.tokens[this.position] ?? END;
    return { kind: this.kindIn(token, context), text: token.text };
  }

  private next(context: Context): Token {
    const token = this.peek(context);
    this.position++;
    return token;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const start = this.peek("values");
      if (start.kind === "end") return requirements;
      if (start.kind !== "identifier" && start.kind !== "not") {
        throw new SelectorError(`found '${start.text}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.requirement());
      const after = this.next("values");
      if (after.kind === "end") return requirements;
      if (after.kind !== "comma") throw new SelectorError(`found '${after.text}', expected: ',' or 'end of string'`);
      const following = this.peek("values");
      if (following.kind !== "identifier" && following.kind !== "not") {
        throw new SelectorError(`found '${following.text}', expected: identifier after ','`);
      }
    }
  }

  /** One requirement; its errors are prefixed the way upstream reports them. */
  private requirement(): LabelRequirement {
    try {
      const { key, unary } = this.keyAndUnaryOperator();
      if (unary !== undefined) return newLabelRequirement(key, unary, []);
      const operator = this.binaryOperator();
      const values = operator === "in" || operator === "notin" ? this.valueSet() : this.exactValue();
      return newLabelRequirement(key, operator, [...values].sort());
    } catch (err) {
      if (err instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${err.message}`);
      throw err;
    }
  }

  /** Reads `[!]KEY`; the operator is known already when the key stands alone (`KEY` or `!KEY`). */
  private keyAndUnaryOperator(): { key: string; unary: LabelOperator | undefined } {
    let token = this.next("values");
    const negated = token.kind === "not";
    if (negated) token = this.next("values");
    if (token.kind !== "identifier") throw new SelectorError(`found '${token.text}', expected: identifier`);
    const keyErr = checkLabelKey(token.text, pathText(undefined));
    if (keyErr) throw new SelectorError(keyErr.toString());

    if (negated) return { key: token.text, unary: "!" };
    const after = this.peek("values").kind;
    return { key: token.text, unary: after === "end" || after === "comma" ? "exists" : undefined };
  }

  private binaryOperator(): LabelOperator {
    const token = this.next("keyAndOperator");
    const operator = OPERATOR_OF[token.kind];
    if (operator === undefined) {
      throw new SelectorError(`found '${token.text}', expected: ${BINARY_LABEL_OPERATORS.join(", ")}`);
    }
    return operator;
  }

  /** `( a, b, ... )`; empty entries stand for the empty value. */
  private valueSet(): Set<string> {
    const open = this.next("values");
    if (open.kind !== "openPar") throw new SelectorError(`found '${open.text}' expected: '('`);
    const first = this.peek("values");
    if (first.kind === "closePar") {
      this.next("values");
      return new Set([""]);
    }
    if (first.kind !== "identifier" && first.kind !== "comma") {
      throw new SelectorError(`found '${first.text}', expected: ',', ')' or identifier`);
    }
    const values = this.valueList();
    if (this.next("values").kind !== "closePar") throw new SelectorError(`found '${first.text}', expected: ')'`);
    return values;
  }

  /** The comma-separated values inside the parentheses, stopping before `)`. */
  private valueList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const token = this.next("values");
      if (token.kind === "identifier") {
        values.add(token.text);
        const after = this.peek("values");
        if (after.kind === "closePar") return values;
        if (after.kind !== "comma") throw new SelectorError(`found '${after.text}', expected: ',' or ')'`);
      } else if (token.kind === "comma") {
        // A comma with nothing before it (`(,a`), after it (`a,)`) or doubled (`a,,b`) adds "".
        if (values.size === 0) values.add("");
        const after = this.peek("values");
        if (after.kind === "closePar") {
          values.add("");
          return values;
        }
        if (after.kind === "comma") {
          this.next("values");
          values.add("");
        }
      } else {
        throw new SelectorError(`found '${token.text}', expected: ',', or identifier`);
      }
    }
  }

  /** The single value after `=`, `==`, `!=`, `>` or `<`; nothing at all means "". */
  private exactValue(): Set<string> {
    const ahead = this.peek("values");
    if (ahead.kind === "end" || ahead.kind === "comma") return new Set([""]);
    const token = this.next("values");
    if (token.kind !== "identifier") throw new SelectorError(`found '${token.text}', expected: identifier`);
    return new Set([token.text]);
  }
}

/** Parses selector text into requirements (unsorted); throws SelectorError with upstream's message. */
export function parseRequirements(selector: string): LabelRequirement[] {
  return new Parser(tokenize(selector)).parse();
}
