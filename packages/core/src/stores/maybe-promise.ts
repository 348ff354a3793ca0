/** Stores may answer synchronously (in memory) or asynchronously (SQL); the engine accepts both. */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/** Continue with the value: at once when it is one, after it resolves when it is a promise. (Not named `then`: a module exporting `then` is itself a thenable.) */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}
