import { ResultBatch } from './result-batch';

const failure = new Error('connection terminated');

describe('ResultBatch', () => {
  it('answers each caller with the result at its item’s index, from one run of the batch', async () => {
    const execute = jest.fn(async (items: number[]) => items.map((item) => item * 10));
    const batch = new ResultBatch(execute);
    const answers = [batch.add(1), batch.add(2), batch.add(3)];
    await batch.run();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30]);
    expect(execute).toHaveBeenCalledTimes(1);
  });

  it('rejects every caller of the batch with the error its run threw', async () => {
    const batch = new ResultBatch<number, number>(async () => {
      throw failure;
    });
    const answers = [batch.add(1), batch.add(2)];
    await batch.run();
    await expect(Promise.allSettled(answers)).resolves.toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
  });

  it('fails only the caller whose own result is a rejected promise', async () => {
    const batch = new ResultBatch<string, string>(async (items) =>
      items.map((item) => (item === 'bad' ? Promise.reject(failure) : Promise.resolve(item))),
    );
    const answers = [batch.add('good'), batch.add('bad')];
    await batch.run();
    await expect(Promise.allSettled(answers)).resolves.toEqual([
      { status: 'fulfilled', value: 'good' },
      { status: 'rejected', reason: failure },
    ]);
  });

  it('finishes its run only once every result still on its way has settled', async () => {
    let deliver!: (value: string) => void;
    const late = new Promise<string>((resolve) => (deliver = resolve));
    const batch = new ResultBatch<string, string>(async () => [late]);
    void batch.add('a');
    let finished = false;
    const running = batch.run().then(() => (finished = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(false);
    deliver('done');
    await running;
    expect(finished).toBe(true);
  });

  it('rejects every caller when the run answers with fewer results than items', async () => {
    const batch = new ResultBatch<number, number>(async () => [1]);
    const answers = [batch.add(1), batch.add(2)];
    await batch.run();
    const outcomes = await Promise.allSettled(answers);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it('merges items with the same key into one entry whose callers share its result', async () => {
    const execute = jest.fn(async (items: Array<{ id: string; n: number }>) => items.map((item) => `${item.id}=${item.n}`));
    const batch = new ResultBatch(execute, {
      key: (item) => item.id,
      merge: (earlier, later) => ({ id: earlier.id, n: earlier.n + later.n }),
    });
    const answers = [batch.add({ id: 'x', n: 1 }), batch.add({ id: 'y', n: 5 }), batch.add({ id: 'x', n: 2 })];
    expect(batch.size).toBe(2);
    await batch.run();
    await expect(Promise.all(answers)).resolves.toEqual(['x=3', 'y=5', 'x=3']);
    expect(execute).toHaveBeenCalledWith([
      { id: 'x', n: 3 },
      { id: 'y', n: 5 },
    ]);
  });
});
