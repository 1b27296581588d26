type Step = { name: string; run: () => Promise<void> | void };

/**
 * Undo steps, run newest first and exactly once, whether the bench finishes, fails or is
 * interrupted. A failing step is reported and the others still run, so one stuck child
 * never leaves the database or the Redis keys behind.
 */
export class Teardown {
  private readonly steps: Step[] = [];
  private running: Promise<void> | null = null;

  add(name: string, run: Step['run']): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= this.runAll();
    return this.running;
  }

  private async runAll(): Promise<void> {
    for (const step of [...this.steps].reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup: could not ${step.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
