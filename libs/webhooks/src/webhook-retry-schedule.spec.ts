import { delayBeforeRetry } from './webhook-retry-schedule';

const SCHEDULE = [5_000, 300_000, 1_800_000];

describe('the webhook retry schedule', () => {
  it('waits the n-th delay after the n-th failed attempt', () => {
    expect([1, 2, 3].map((failed) => delayBeforeRetry(failed, SCHEDULE))).toEqual([5_000, 300_000, 1_800_000]);
  });

  it('gives up after one attempt more than it has delays', () => {
    expect(delayBeforeRetry(4, SCHEDULE)).toBeNull();
  });
});
