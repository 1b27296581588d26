/**
 * A semaphore counted in bytes: work holding `bytes` starts once everything in flight and it fit
 * in the budget, in the order it asked. Work larger than the whole budget starts when nothing
 * else is in flight, so it waits for its turn instead of forever.
 */
export class ByteBudget {
  private inFlight = 0;
  private readonly waiting: Array<{ bytes: number; start: () => void }> = [];

  constructor(readonly capacity: number) {}

  get bytesInFlight(): number {
    return this.inFlight;
  }

  async use<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    await this.acquire(bytes);
    try {
      return await work();
    } finally {
      this.release(bytes);
    }
  }

  private acquire(bytes: number): Promise<void> {
    // First come, first served: a large send is not overtaken for ever by small ones.
    if (this.waiting.length === 0 && this.fits(bytes)) {
      this.inFlight += bytes;
      return Promise.resolve();
    }
    return new Promise((start) => this.waiting.push({ bytes, start }));
  }

  private release(bytes: number): void {
    this.inFlight -= bytes;
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.inFlight += next.bytes;
      next.start();
    }
  }

  private fits(bytes: number): boolean {
    return this.inFlight === 0 || this.inFlight + bytes <= this.capacity;
  }
}
