// A command line the binary cannot run with: an unknown flag, a value that
// does not parse, or values that do not fit together. main.ts prints the
// message and exits with status 1 (as upstream's cobra command does).

export class FlagError extends Error {
  override readonly name = "FlagError";
}

/** pflag's wording for a value that does not parse: `invalid argument "x" for "--secure-port" flag: <why>`. */
export function invalidArgument(flag: string, value: string, why: string): FlagError {
  return new FlagError(`invalid argument ${JSON.stringify(value)} for ${JSON.stringify(flagName(flag))} flag: ${why}`);
}

/** `--secure-port`, or `-v` for a one-letter flag. */
export function flagName(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}
