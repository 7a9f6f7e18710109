// Headers that may repeat (X-Remote-Group, Impersonate-Group) read one value
// per header line, as Go's Header.Values reads them; Node's `req.headers`
// joins repeats with ", " instead. Read from `req.rawHeaders`, which filters
// that remove headers (Authorization, X-Remote-*) keep in step; Node's own
// `headersDistinct` must not be used once rawHeaders has been changed.

import type { IncomingMessage } from "node:http";

/** Every header's values by lower-case name, one value per header line, in order. */
export function headerLines(req: IncomingMessage): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const values = lines.get(name);
    if (values === undefined) lines.set(name, [raw[i + 1]!]);
    else values.push(raw[i + 1]!);
  }
  return lines;
}

/** Removes every header whose lower-case name `matches`, from both `headers` and `rawHeaders`. */
export function removeHeaders(req: IncomingMessage, matches: (lowerCaseName: string) => boolean): void {
  for (const name of Object.keys(req.headers)) if (matches(name)) delete req.headers[name];
  // rawHeaders is [name, value, name, value, ...]; proxies copy from it.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (matches(req.rawHeaders[i]!.toLowerCase())) req.rawHeaders.splice(i, 2);
  }
}
