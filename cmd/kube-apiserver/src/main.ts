#!/usr/bin/env node
// The kube-apiserver binary: `pnpm kube-apiserver <flags>` or
// `node cmd/kube-apiserver/dist/main.js <flags>`. Exit status 0 after a
// clean shutdown (SIGTERM, SIGINT) or --help/--version, 1 for a bad command
// line or a failure to start.

import { consoleLogger, defaultVersionInfo } from "@tskube/generic-apiserver";
import { FlagError } from "./options/flag-error.js";
import { parseCommandLine } from "./options/command-line.js";
import { run } from "./run.js";

async function main(args: string[]): Promise<number> {
  let commandLine;
  try {
    commandLine = await parseCommandLine(args);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    console.error(`Error: ${err.message}`);
    console.error("Run 'kube-apiserver --help' for the flags.");
    return 1;
  }
  switch (commandLine.action) {
    case "help":
      console.log(commandLine.text);
      return 0;
    case "version":
      console.log(`Kubernetes ${defaultVersionInfo().gitVersion}`);
      return 0;
    case "run":
      await run(commandLine.options, consoleLogger);
      return 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`kube-apiserver: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
