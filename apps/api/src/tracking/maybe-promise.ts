/**
 * A value now, or later when it has to come from Postgres. Tracking hits are answered from memory
 * almost always, so the hot path makes a promise (and a trip through the microtask queue) only
 * when it really waits; a promise also costs about a microsecond more whenever something in the
 * process has turned on Node's promise hooks (an AsyncLocalStorage on Node 20 and 22).
 */
export type MaybePromise<T> = T | Promise<T>;

/** `next(value)`, at once when the value is already here. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
