// Query parameters as upstream reads them: the first value of a name.

import type { IncomingMessage } from "node:http";

export function queryParams(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? "/";
  const question = url.indexOf("?");
  return new URLSearchParams(question < 0 ? "" : url.slice(question + 1));
}
