// Splits a label selector string into tokens: identifiers (keys and values),
// the keywords `in` and `notin`, and the symbols = == != ! > < ( ) ,

export type TokenKind =
  | "end"
  | "identifier"
  | "in"
  | "notin"
  | "equals"
  | "doubleEquals"
  | "notEquals"
  | "not"
  | "greaterThan"
  | "lessThan"
  | "openPar"
  | "closePar"
  | "comma";

export interface Token {
  kind: TokenKind;
  /** The text as written; "" for the end of the string (upstream's messages print it as ''). */
  text: string;
}

/** Words and symbols with a meaning of their own; anything else is an identifier. */
const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ["in", "in"],
  ["notin", "notin"],
  ["=", "equals"],
  ["==", "doubleEquals"],
  ["!=", "notEquals"],
  ["!", "not"],
  [">", "greaterThan"],
  ["<", "lessThan"],
  ["(", "openPar"],
  [")", "closePar"],
  [",", "comma"],
]);

const isWhitespace = (ch: string): boolean => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
const isSymbol = (ch: string): boolean => "=!(),><".includes(ch);

/** Tokenizes the whole input; the last token is always `end`. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input.charAt(pos))) pos++;
    if (pos >= input.length) {
      tokens.push({ kind: "end", text: "" });
      return tokens;
    }
    const start = pos;
    if (isSymbol(input.charAt(pos))) {
      // Longest run of symbols that is still a known operator: `!=` before `!`, `==` before `=`.
      let text = input.charAt(pos++);
      while (pos < input.length && KEYWORDS.has(text + input.charAt(pos))) text += input.charAt(pos++);
      tokens.push({ kind: KEYWORDS.get(text) ?? "identifier", text });
    } else {
      while (pos < input.length && !isSymbol(input.charAt(pos)) && !isWhitespace(input.charAt(pos))) pos++;
      const text = input.slice(start, pos);
      tokens.push({ kind: KEYWORDS.get(text) ?? "identifier", text });
    }
  }
}
