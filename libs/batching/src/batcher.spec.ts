import { Batch, Batcher, BatchPolicy } from './batcher';

/** Batches that remember their items and finish when the test says so. */
class Runs {
  readonly started: string[][] = [];
  private readonly finishers: Array<() => void> = [];

  batcher(policy: BatchPolicy): Batcher<string, void> {
    return new Batcher(() => this.open(), policy);
  }

  finish(index: number): void {
    this.finishers[index]!();
  }

  private open(): Batch<string, void> {
    const items: string[] = [];
    return {
      add: (item) => void items.push(item),
      get size() {
        return items.length;
      },
      run: () => {
        this.started.push(items);
        return new Promise<void>((resolve) => this.finishers.push(resolve));
      },
    };
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  afterEach(() => jest.useRealTimers());

  it('runs what one turn of the event loop added as one batch at the end of that turn', async () => {
    const runs = new Runs();
    const batcher = runs.batcher({ linger: 'end-of-turn' });
    batcher.add('a');
    batcher.add('b');
    expect(runs.started).toEqual([]);
    await nextTurn();
    batcher.add('c');
    await nextTurn();
    expect(runs.started).toEqual([['a', 'b'], ['c']]);
  });

  it('runs a batch that does not fill up once it has lingered for its delay after its first item', () => {
    jest.useFakeTimers();
    const runs = new Runs();
    const batcher = runs.batcher({ linger: 5, maxSize: 10 });
    batcher.add('a');
    jest.advanceTimersByTime(4);
    batcher.add('b');
    expect(runs.started).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(runs.started).toEqual([['a', 'b']]);
  });

  it('runs a batch the moment it reaches its maximum size', () => {
    jest.useFakeTimers();
    const runs = new Runs();
    const batcher = runs.batcher({ linger: 100, maxSize: 2 });
    batcher.add('a');
    batcher.add('b');
    batcher.add('c');
    expect(runs.started).toEqual([['a', 'b']]);
    jest.advanceTimersByTime(100);
    expect(runs.started).toEqual([['a', 'b'], ['c']]);
  });

  it('with a delay for full batches, lets what the same turn still adds join a full batch', () => {
    jest.useFakeTimers();
    const runs = new Runs();
    const batcher = runs.batcher({ linger: 5, maxSize: 2, fullDelayMs: 0 });
    batcher.add('a');
    batcher.add('b');
    batcher.add('c');
    expect(runs.started).toEqual([]);
    jest.advanceTimersByTime(0);
    expect(runs.started).toEqual([['a', 'b', 'c']]);
  });

  it('starts a new batch while an earlier one is still running', () => {
    const runs = new Runs();
    const batcher = runs.batcher({ linger: 'end-of-turn' });
    batcher.add('a');
    void batcher.drain();
    batcher.add('b');
    void batcher.drain();
    expect(runs.started).toEqual([['a'], ['b']]);
  });

  it('in order, collects a new batch while one runs but runs it only once the earlier one has finished', async () => {
    const runs = new Runs();
    const batcher = runs.batcher({ linger: 'end-of-turn', inOrder: true });
    batcher.add('a');
    void batcher.drain();
    batcher.add('b');
    void batcher.drain();
    await nextTurn();
    expect(runs.started).toEqual([['a']]);
    runs.finish(0);
    await nextTurn();
    expect(runs.started).toEqual([['a'], ['b']]);
  });

  it('drains: runs the collecting batch without waiting out its linger and resolves once every batch started has finished', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const runs = new Runs();
    const batcher = runs.batcher({ linger: 100, inOrder: true });
    batcher.add('a');
    let drained = false;
    const draining = batcher.drain().then(() => (drained = true));
    await nextTurn();
    expect(runs.started).toEqual([['a']]);
    expect(drained).toBe(false);
    runs.finish(0);
    await draining;
    jest.advanceTimersByTime(100);
    expect(runs.started).toEqual([['a']]);
  });
});
