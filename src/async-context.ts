// Values carried along async work (the log context, the workspace, the SQLite connection's holder,
// the PostgreSQL transaction) all live in ONE AsyncLocalStorage, each in a slot of its frame.
// On Node 20 every enabled AsyncLocalStorage adds its own step to a hook that runs on every
// promise the process creates, Bolt's included: three cost over twice what one does (a
// promise-heavy loop: 270 ms with none, 650 with one storage, 1,100 with three), and the acks
// paid it on every request. One storage pays the hook once, whatever the slots.
import { AsyncLocalStorage } from 'node:async_hooks';

type Frame = { readonly [slot: symbol]: unknown };

const storage = new AsyncLocalStorage<Frame>();

/** One value carried along async work, as an AsyncLocalStorage of its own would carry it. */
export class ContextSlot<T> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol(name);
  }

  /** The value of the work running now; undefined outside any. */
  get(): T | undefined {
    return storage.getStore()?.[this.key] as T | undefined;
  }

  /** Runs `fn` (and everything it starts) with `value` in this slot and the other slots as they are. */
  run<R>(value: T | undefined, fn: () => R): R {
    const outer = storage.getStore();
    return storage.run(outer ? { ...outer, [this.key]: value } : { [this.key]: value }, fn);
  }
}
