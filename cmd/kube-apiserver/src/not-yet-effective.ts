// Flags this binary accepts (and validates) but cannot honour yet. Each one
// given gets a startup log line saying what happens instead: never silently.
// Admission gets a line in any case, since upstream runs several plugins by
// default.

import { NOT_IMPLEMENTED_MODES } from "./authorization.js";
import { enabledAdmissionPlugins } from "./options/admission-plugins.js";
import type { Options } from "./options/options.js";

export function notYetEffective(o: Options): string[] {
  const lines: string[] = [];
  const plugins = enabledAdmissionPlugins(o.admission.enable, o.admission.disable);
  lines.push(
    `admission: no admission plugin runs yet; upstream would run ${plugins.length > 0 ? plugins.join(",") : "none"} ` +
      "(--enable-admission-plugins and --disable-admission-plugins are validated only)",
  );
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
