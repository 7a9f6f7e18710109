// Reading the command line with yargs: the flag table (flags.ts) becomes
// yargs options in upstream's groups; the values go to options.ts.
//
// yargs is set up to behave like upstream's pflag where it matters: no
// number guessing, no `--no-<flag>` negation, no camelCase or dotted
// aliases, unknown flags and stray arguments are errors, a value flag
// without a value is an error, and `--bool=<not a bool>` is an error.

import yargs, { type Argv, type Options as YargsOption } from "yargs";
import { FlagError, flagName } from "./flag-error.js";
import { ALL_FLAGS, FLAG_GROUPS, type FlagSpec, flagSpec } from "./flags.js";
import { type Options, optionsFromFlags } from "./options.js";
import { checkBoolValue } from "./values.js";

export type CommandLine =
  | { action: "run"; options: Options }
  | { action: "help"; text: string }
  | { action: "version" };

const HELP_WIDTH = 120;

const USAGE = `kube-apiserver [flags]

The Kubernetes API server in TypeScript: it serves the API over HTTPS and keeps
objects in etcd (--etcd-servers) or in an embedded store in --data-dir. On
first start it creates a CA, a serving certificate and an admin client
certificate in --cert-dir, and <data-dir>/admin.kubeconfig for kubectl.`;

function yargsOption(flag: FlagSpec): YargsOption {
  const description = flag.kind === "bool" ? flag.description : `${flag.description} [${flag.kind}]`;
  const option: YargsOption = { describe: description };
  // Defaults are applied by options.ts; here they are only shown.
  if (flag.default !== undefined) option.defaultDescription = String(flag.default);
  if (flag.kind === "bool") option.type = "boolean";
  else option.requiresArg = true;
  return option;
}

function buildParser(args: readonly string[]): Argv {
  let parser = yargs([...args])
    .scriptName("kube-apiserver")
    .usage(USAGE)
    .parserConfiguration({
      "parse-numbers": false,
      "parse-positional-numbers": false,
      "dot-notation": false,
      "camel-case-expansion": false,
      "boolean-negation": false,
    })
    .help(false)
    .version(false)
    .strictOptions()
    .exitProcess(false)
    .wrap(HELP_WIDTH)
    .fail((message: string | null, err: Error | undefined) => {
      throw new FlagError(translateYargsMessage(message ?? err?.message ?? "invalid command line"));
    });
  for (const group of FLAG_GROUPS) {
    for (const flag of group.flags) parser = parser.option(flag.name, yargsOption(flag));
    parser = parser.group(
      group.flags.map((f) => f.name),
      group.title,
    );
  }
  return parser;
}

/** yargs' messages, reworded as upstream's (they name the flag either way). */
function translateYargsMessage(message: string): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown?.[1]) return unknown[1].split(", ").map((name) => `unknown flag: ${flagName(name)}`).join("\n");
  const missing = /^Not enough arguments following: (.+)$/.exec(message);
  if (missing?.[1]) return `flag needs an argument: ${flagName(missing[1])}`;
  return message;
}

/** `--watch-cache=maybe`: yargs would read it as false; pflag refuses it. */
function checkBooleanValues(args: readonly string[]): void {
  for (const arg of args) {
    if (arg === "--") break;
    const match = /^--?([^=]+)=(.*)$/s.exec(arg);
    if (!match?.[1]) continue;
    const flag = flagSpec(match[1]);
    if (flag?.kind === "bool") checkBoolValue(flag.name, match[2] ?? "");
  }
}

/** The flags that appear on the command line, by name. */
function givenFlags(parsed: Record<string, unknown>): Set<string> {
  return new Set(ALL_FLAGS.map((f) => f.name).filter((name) => parsed[name] !== undefined));
}

/** Parses `args` (without the node and script paths). Throws FlagError. */
export async function parseCommandLine(args: readonly string[]): Promise<CommandLine> {
  checkBooleanValues(args);
  const parser = buildParser(args);
  const parsed = (await parser.parse()) as Record<string, unknown> & { _: (string | number)[] };
  if (parsed["help"] === true) return { action: "help", text: await parser.getHelp() };
  if (parsed["version"] === true) return { action: "version" };
  if (parsed._.length > 0) {
    throw new FlagError(`kube-apiserver does not take any arguments, got ${JSON.stringify(parsed._.map(String))}`);
  }
  return { action: "run", options: optionsFromFlags(parsed, givenFlags(parsed)) };
}
