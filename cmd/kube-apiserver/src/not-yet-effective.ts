// Flags this binary accepts (and validates) but cannot honour yet. Each one
// given gets a startup log line saying what happens instead: never silently.
// (The admission plugins that do run are logged by run.ts, as upstream logs them.)

import { ADMISSION_PLUGIN_NAMES } from "@tskube/kube-apiserver";
import { NOT_IMPLEMENTED_MODES } from "./authorization.js";
import type { Options } from "./options/options.js";

export function notYetEffective(o: Options): string[] {
  const lines: string[] = [];
  const missing = o.admission.enable.filter((name) => !ADMISSION_PLUGIN_NAMES.includes(name));
  if (missing.length > 0) {
    lines.push(`--enable-admission-plugins: ${missing.join(",")} not implemented yet: ${missing.length === 1 ? "it does" : "they do"} not run`);
  }
  const unimplemented = o.authorization.modes.filter((m) => NOT_IMPLEMENTED_MODES.has(m));
  if (unimplemented.length > 0) {
    lines.push(
      `--authorization-mode: ${unimplemented.join(",")} not implemented yet: ${unimplemented.length === 1 ? "it allows" : "they allow"} nothing ` +
        "(requests no other mode allows are denied; system:masters is always allowed)",
    );
  }
  if (o.given.has("v") && o.verbosity > 0) lines.push(`-v=${o.verbosity}: no log lines above level 0 exist yet`);
  return lines;
}
