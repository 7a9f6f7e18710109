// --token-auth-file (upstream: authenticator/token/tokenfile): a CSV file of
// static bearer tokens, one per line:
//
//   token,user,uid,"group1,group2"
//
// The groups column is optional. Blank lines are skipped; a token given
// twice keeps its last line.

import { readFile } from "node:fs/promises";
import type { UserInfo } from "@tskube/generic-apiserver";

export async function readTokenFile(path: string): Promise<Map<string, UserInfo>> {
  return parseTokenFile(await readFile(path, "utf8"), path);
}

export function parseTokenFile(text: string, path: string): Map<string, UserInfo> {
  const tokens = new Map<string, UserInfo>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const record = parseCSVLine(line, `${path}:${index + 1}`);
    if (record.length < 3) {
      throw new Error(`token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`);
    }
    const [token = "", name = "", uid = "", groups = ""] = record;
    const user: UserInfo = { name, uid, groups: groups.split(",").map((g) => g.trim()).filter((g) => g !== "") };
    tokens.set(token, user);
  });
  return tokens;
}

/** One CSV record: comma-separated fields, a field in double quotes may hold commas and `""` for a quote. */
function parseCSVLine(line: string, where: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`${where}: unterminated quoted field`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ",") throw new Error(`${where}: unexpected text after a quoted field`);
    } else {
      const end = line.indexOf(",", i);
      field = end < 0 ? line.slice(i) : line.slice(i, end);
      i = end < 0 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
