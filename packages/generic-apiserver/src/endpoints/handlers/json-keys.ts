// Every object key of a JSON document, in document order, with its field
// path and whether the same object already had it.
//
// JSON.parse silently keeps the last of two equal keys; strict decoding must
// report `duplicate field "spec.paused"` instead (upstream's decoder does, via
// sigs.k8s.io/json). This scanner reads the raw text once more to find them.
// It expects text JSON.parse has already accepted, and is iterative, so deep
// nesting cannot overflow the call stack.

export interface KeyOccurrence {
  /** Field path, e.g. `spec.template.spec.containers[0].imagePullPolicy`. */
  path: string;
  /** The enclosing object had this key before. */
  duplicate: boolean;
}

/** `parent.key`, or `key` at the top. */
export function childPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

interface ObjectFrame {
  kind: "object";
  path: string;
  seen: Set<string>;
}

interface ArrayFrame {
  kind: "array";
  path: string;
  next: number;
}

type Frame = ObjectFrame | ArrayFrame;

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

export function scanJSONKeys(text: string): KeyOccurrence[] {
  const out: KeyOccurrence[] = [];
  const stack: Frame[] = [];
  let i = 0;

  const skipWhitespace = () => {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
  };
  /** Returns the end (exclusive) of the string starting at `start` (a quote). */
  const stringEnd = (start: number): number => {
    let j = start + 1;
    while (j < text.length) {
      const ch = text.charAt(j);
      if (ch === "\\") j += 2;
      else if (ch === '"') return j + 1;
      else j++;
    }
    return j;
  };
  /** The path of the value about to be read, given the innermost container. */
  let pendingPath = "";

  // Reads one value at `i` (with pendingPath as its path); containers push a frame.
  const readValue = () => {
    skipWhitespace();
    const ch = text.charAt(i);
    if (ch === "{") {
      i++;
      stack.push({ kind: "object", path: pendingPath, seen: new Set() });
    } else if (ch === "[") {
      i++;
      stack.push({ kind: "array", path: pendingPath, next: 0 });
    } else if (ch === '"') {
      i = stringEnd(i);
    } else {
      // A number or a literal: up to the next delimiter.
      while (i < text.length && !",]}".includes(text.charAt(i)) && !WHITESPACE.has(text.charAt(i))) i++;
    }
  };

  readValue();
  // Each turn reads one member of the innermost container: a key and its
  // value, or an element; or it closes the container.
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    skipWhitespace();
    if (text.charAt(i) === ",") {
      i++;
      skipWhitespace();
    }
    if (text.charAt(i) === "}" || text.charAt(i) === "]") {
      i++;
      stack.pop();
      continue;
    }
    if (i >= text.length) break; // malformed input: stop rather than loop
    if (frame.kind === "object") {
      const keyStart = i;
      i = stringEnd(i);
      const key = JSON.parse(text.slice(keyStart, i)) as string;
      const path = childPath(frame.path, key);
      out.push({ path, duplicate: frame.seen.has(key) });
      frame.seen.add(key);
      skipWhitespace();
      i++; // the colon
      pendingPath = path;
    } else {
      pendingPath = indexPath(frame.path, frame.next++);
    }
    readValue();
  }
  return out;
}
