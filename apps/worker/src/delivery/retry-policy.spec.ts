import { retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  it('doubles from the base delay with each attempt', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, 60_000, middle))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the maximum (plus jitter)', () => {
    expect(retryDelayMs(30, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(30, 1000, 60_000, () => 0.999)).toBeLessThanOrEqual(75_000);
  });

  it('spreads delays by ±25 %', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(750);
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1250);
  });
});
