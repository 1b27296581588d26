/**
 * A value now, or later when it has to come from Postgres. Tracking hits are answered from memory
 * almost always, and each promise costs about a microsecond more while AsyncLocalStorage (the
 * request logger's) has turned on Node's promise hooks, so the hot path only makes one when it waits.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `next(value)`, at once when the value is already here. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
