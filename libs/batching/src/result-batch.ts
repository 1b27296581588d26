import type { Batch } from './batcher';

/**
 * Runs the items of one batch, in the order they came, and answers with one result for each
 * item at the same index. A result may be a promise: one that rejects fails that item's callers
 * alone. Throwing fails every caller of the batch.
 */
export type RunBatch<T, R> = (items: T[]) => Promise<ReadonlyArray<R | PromiseLike<R>>>;

/** Items with the same key join one entry while the batch collects; its callers share its result. */
export interface Coalesce<T> {
  key(item: T): string;
  merge(earlier: T, later: T): T;
}

interface Waiting<R> {
  promise: Promise<R>;
  resolve: (result: R | PromiseLike<R>) => void;
  reject: (error: unknown) => void;
}

/** A batch whose every caller awaits its own result (or its own error). */
export class ResultBatch<T, R> implements Batch<T, Promise<R>> {
  private readonly items: T[] = [];
  private readonly waiting: Array<Waiting<R>> = [];
  private readonly indexByKey = new Map<string, number>();

  constructor(
    private readonly execute: RunBatch<T, R>,
    private readonly coalesce?: Coalesce<T>,
  ) {}

  get size(): number {
    return this.items.length;
  }

  add(item: T): Promise<R> {
    if (this.coalesce) {
      const key = this.coalesce.key(item);
      const index = this.indexByKey.get(key);
      if (index !== undefined) {
        this.items[index] = this.coalesce.merge(this.items[index], item);
        return this.waiting[index].promise;
      }
      this.indexByKey.set(key, this.items.length);
    }
    this.items.push(item);
    const waiting = {} as Waiting<R>;
    waiting.promise = new Promise<R>((resolve, reject) => {
      waiting.resolve = resolve;
      waiting.reject = reject;
    });
    this.waiting.push(waiting);
    return waiting.promise;
  }

  async run(): Promise<void> {
    let results: ReadonlyArray<R | PromiseLike<R>>;
    try {
      results = await this.execute(this.items);
      if (results.length !== this.items.length)
        throw new Error(`a batch of ${this.items.length} items answered with ${results.length} results`);
    } catch (error) {
      for (const { reject } of this.waiting) reject(error);
      return;
    }
    this.waiting.forEach(({ resolve }, index) => resolve(results[index]));
    // Results still on their way (one statement per group, say) belong to this batch too. Only
    // those are awaited: settling hundreds of plain values costs more than the rest of a batch
    // (docs/BENCHMARKS.md, "Measured once").
    const onTheirWay = results.filter(isPromiseLike);
    if (onTheirWay.length > 0) await Promise.allSettled(onTheirWay);
  }
}

function isPromiseLike<R>(result: R | PromiseLike<R>): result is PromiseLike<R> {
  return typeof (result as PromiseLike<R> | null)?.then === 'function';
}
