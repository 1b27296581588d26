import { ByteBudget } from './byte-budget';

/** A promise the test resolves when it lets a piece of work finish. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { done, open };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('ByteBudget', () => {
  it('runs work side by side while the bytes in flight fit, and holds the rest until some finish', async () => {
    const budget = new ByteBudget(100);
    const started: string[] = [];
    const gates = { a: gate(), b: gate(), c: gate() };
    const run = (name: keyof typeof gates, bytes: number) =>
      budget.use(bytes, async () => {
        started.push(name);
        await gates[name].done;
      });
    const all = [run('a', 60), run('b', 40), run('c', 30)];
    await turn();
    expect(started).toEqual(['a', 'b']);
    expect(budget.bytesInFlight).toBe(100);

    gates.b.open();
    await turn();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(budget.bytesInFlight).toBe(90);
    gates.a.open();
    gates.c.open();
    await Promise.all(all);
    expect(budget.bytesInFlight).toBe(0);
  });

  it('serves in order: small work waits behind large work that is waiting', async () => {
    const budget = new ByteBudget(100);
    const started: string[] = [];
    const first = gate();
    const running = budget.use(80, async () => {
      started.push('first');
      await first.done;
    });
    const large = budget.use(50, async () => started.push('large'));
    const small = budget.use(10, async () => started.push('small'));
    await turn();
    expect(started).toEqual(['first']);
    first.open();
    await Promise.all([running, large, small]);
    expect(started).toEqual(['first', 'large', 'small']);
  });

  it('lets work larger than the budget run alone rather than never', async () => {
    const budget = new ByteBudget(100);
    await expect(budget.use(500, async () => 'sent')).resolves.toBe('sent');
  });

  it('gives the bytes back when the work fails', async () => {
    const budget = new ByteBudget(100);
    await expect(
      budget.use(70, async () => {
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    expect(budget.bytesInFlight).toBe(0);
  });
});
