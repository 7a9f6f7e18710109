#!/usr/bin/env node
// The sample-apiserver binary: `node packages/sample-apiserver/dist/main.js --kubeconfig <admin.kubeconfig> --secure-port 8443`.
// Exit status 0 after a clean shutdown (SIGTERM, SIGINT) or --help, 1 for a bad command line or a failure to start.

import { consoleLogger } from "@tskube/generic-apiserver";
import { SampleFlagError, USAGE, parseSampleOptions } from "./server/options.js";
import { runSampleServer } from "./server/run.js";

async function main(args: string[]): Promise<number> {
  let options;
  try {
    options = parseSampleOptions(args);
  } catch (err) {
    if (!(err instanceof SampleFlagError)) throw err;
    console.error(`Error: ${err.message}`);
    console.error("Run 'sample-apiserver --help' for the flags.");
    return 1;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  await runSampleServer(options, consoleLogger);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`sample-apiserver: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
