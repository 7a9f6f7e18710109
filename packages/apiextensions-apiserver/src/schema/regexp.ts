// Patterns in CRD schemas and CEL's matches() use Go's RE2 syntax. JavaScript
// regular expressions are close; this translates the differences that CRDs
// meet in practice and rejects what RE2 does not support (lookaround,
// backreferences), so a pattern means the same here as upstream.

export interface TranslatedRegexp {
  regexp?: RegExp;
  /** Why the pattern is not valid RE2, worded as Go's regexp package does. */
  error?: string;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z", alpha: "A-Za-z", ascii: "\\x00-\\x7F", blank: "\\t ", cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9", graph: "!-~", lower: "a-z", print: " -~", punct: "!-\\/:-@\\[-`{-~", space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z", word: "0-9A-Za-z_", xdigit: "0-9A-Fa-f",
};

const cache = new Map<string, TranslatedRegexp>();

export function translateGoRegexp(pattern: string): TranslatedRegexp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const result = translate(pattern);
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, result);
  return result;
}

function translate(pattern: string): TranslatedRegexp {
  let flags = "u";
  let src = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === "i" || f === "m" || f === "s") flags += f;
    }
    src = src.slice(lead[0].length);
  }
  for (const bad of ["(?=", "(?!", "(?<=", "(?<!"]) {
    if (src.includes(bad)) return { error: `error parsing regexp: invalid or unsupported Perl syntax: \`${bad}\`` };
  }
  if (/\\[1-9]/.test(src)) {
    const m = /\\[1-9]/.exec(src)!;
    return { error: `error parsing regexp: invalid escape sequence: \`${m[0]}\`` };
  }
  src = src
    .replace(/\(\?P</g, "(?<")
    .replace(/\\A/g, "^")
    .replace(/\\z/g, "$(?![\\s\\S])")
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, neg: string, name: string) => {
      const cls = POSIX_CLASSES[name];
      if (!cls) return whole;
      return neg ? `^${cls}` : cls;
    });
  try {
    return { regexp: new RegExp(src, flags) };
  } catch (err) {
    const msg = err instanceof Error ? err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "") : String(err);
    return { error: `error parsing regexp: ${msg.toLowerCase()}: \`${pattern}\`` };
  }
}
