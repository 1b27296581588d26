/** One batch as it collects: the caller decides what an item becomes and what running it means. */
export interface Batch<T, A> {
  /** Takes one item in; whoever added it gets what this returns (for a ResultBatch, a promise of its result). */
  add(item: T): A;
  /** How many entries the batch holds, measured against the policy's `maxSize`. */
  readonly size: number;
  /** Runs the batch and settles whoever waits on it; never rejects. */
  run(): Promise<void>;
}

export interface BatchPolicy {
  /**
   * When a batch that has not filled up runs: at the end of the event-loop turn its first item
   * came in (everything that turn adds joins it), or this many milliseconds after its first item.
   */
  linger: 'end-of-turn' | number;
  /** A batch holding this many entries runs without waiting out its linger. */
  maxSize?: number;
  /**
   * A full batch runs this many milliseconds after the last item it took (0: once the timers
   * come round, so what the current turn still adds joins it) instead of at once.
   */
  fullDelayMs?: number;
  /**
   * Each batch runs only after the one before it has finished, so writes land in the order they
   * were made. Otherwise a new batch runs while earlier ones are still in flight.
   */
  inOrder?: boolean;
}

/**
 * Collect, then one statement: items added while a batch collects share one run of it, which
 * starts when the policy says (full, lingered long enough, or the end of the turn).
 */
export class Batcher<T, A> {
  private collecting: Batch<T, A> | null = null;
  private cancelTimer: (() => void) | null = null;
  private finished: Promise<void> = Promise.resolve();

  constructor(
    private readonly open: () => Batch<T, A>,
    private readonly policy: BatchPolicy,
  ) {}

  add(item: T): A {
    const batch = (this.collecting ??= this.open());
    const returned = batch.add(item);
    const policy = this.policy;
    if (policy.maxSize !== undefined && batch.size >= policy.maxSize) {
      if (policy.fullDelayMs === undefined) void this.drain();
      else this.runAfter(policy.fullDelayMs);
    } else if (!this.cancelTimer) {
      this.runAfter(policy.linger);
    }
    return returned;
  }

  /** Runs the batch now collecting, if any; resolves once every batch started so far has finished. */
  drain(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const batch = this.collecting;
    if (batch) {
      this.collecting = null;
      if (this.policy.inOrder) {
        this.finished = this.finished.then(() => batch.run());
      } else {
        const running = batch.run();
        this.finished = this.finished.then(() => running);
      }
    }
    return this.finished;
  }

  private runAfter(delay: 'end-of-turn' | number): void {
    this.cancelTimer?.();
    if (delay === 'end-of-turn') {
      const immediate = setImmediate(() => void this.drain());
      this.cancelTimer = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(() => void this.drain(), delay);
      this.cancelTimer = () => clearTimeout(timeout);
    }
  }
}
