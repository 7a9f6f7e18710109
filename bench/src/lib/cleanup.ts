// Teardown that always happens: register how to undo each thing as soon as
// it exists, and run them all at the end, also on Ctrl-C.
//
//   const cleanup = new Cleanup();
//   try {
//     const etcd = await startThrowawayEtcd();
//     cleanup.add("etcd", () => etcd.destroy());
//     ...
//   } finally {
//     await cleanup.run();
//   }

export class Cleanup {
  private readonly steps: { name: string; undo: () => unknown }[] = [];
  private running: Promise<void> | undefined;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: cleaning up`);
    void this.run().finally(() => process.exit(130));
  };

  /** Ctrl-C and SIGTERM run the cleanup before exiting (the process would otherwise skip `finally`). */
  constructor() {
    process.once("SIGINT", this.onSignal);
    process.once("SIGTERM", this.onSignal);
  }

  /** Register a step; steps run in reverse order of registration. */
  add(name: string, undo: () => unknown): void {
    this.steps.push({ name, undo });
  }

  /** Run every step (each once, last added first); a failing step is reported and the rest still run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      process.off("SIGINT", this.onSignal);
      process.off("SIGTERM", this.onSignal);
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await step.undo();
        } catch (err) {
          console.error(`cleanup of ${step.name} failed:`, err);
        }
      }
    })();
    return this.running;
  }
}
