// The emulator's one clock. Every time the emulator writes (begin and end times, node attempts, list
// windows, metrics) and every wait it keeps (a Sleep, a retry delay, a scripted function's delay, an
// express flow's 5-minute limit) reads this clock; no part of the emulator sets a bare timer of its own.
//
// Virtual time is real time plus an offset that only grows. With a time scale below 1 the clock skips:
// when the next timer is due in d virtual milliseconds, it waits d × scale real milliseconds and then
// jumps ahead to the due time. So 0.01 runs waits a hundred times faster, 0 runs them at once, and
// timestamps stay close to the wall clock. `advance` jumps ahead by hand. The store keeps the offset
// (`offsetMs`), so that time never goes back across a restart.

export interface ClockOptions {
  /** Real milliseconds per virtual millisecond of waiting: 1 is real time, 0 is at once. */
  timeScale: number;
  /** Where virtual time starts relative to the wall clock (what the store kept). */
  offsetMs?: number;
  /** Told the new offset whenever the clock skips ahead. */
  onSkip?: (offsetMs: number) => void;
}

interface Timer {
  id: number;
  dueMs: number;
  fire: () => void;
}

export class VirtualClock {
  readonly timeScale: number;
  #offsetMs: number;
  readonly #onSkip: ((offsetMs: number) => void) | undefined;
  /** Pending timers, earliest first (sorted on insert: a few thousand at most, and inserts are cheap). */
  #timers: Timer[] = [];
  #nextId = 1;
  #armed: { handle: NodeJS.Timeout; dueMs: number } | undefined;
  #stopped = false;

  constructor({ timeScale, offsetMs = 0, onSkip }: ClockOptions) {
    if (!Number.isFinite(timeScale) || timeScale < 0) throw new RangeError(`time scale must be a number of 0 or more (got ${timeScale})`);
    this.timeScale = timeScale;
    this.#offsetMs = offsetMs;
    this.#onSkip = onSkip;
  }

  /** Virtual milliseconds since 1970-01-01T00:00:00Z. */
  now(): number {
    return Date.now() + this.#offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** When the earliest pending timer is due, if any. */
  nextDueMs(): number | undefined {
    return this.#timers[0]?.dueMs;
  }

  /** Calls `fire` once virtual time reaches `dueMs`; returns a function that cancels it. */
  at(dueMs: number, fire: () => void): () => void {
    const timer: Timer = { id: this.#nextId++, dueMs, fire };
    let low = 0;
    let high = this.#timers.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#timers[middle]!.dueMs <= dueMs) low = middle + 1;
      else high = middle;
    }
    this.#timers.splice(low, 0, timer);
    this.#arm();
    return () => {
      const index = this.#timers.indexOf(timer);
      if (index !== -1) this.#timers.splice(index, 1);
      if (index === 0) this.#arm();
    };
  }

  /** Moves virtual time forward by `ms` and fires every timer that is then due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock only moves forward: give 0 or more milliseconds (got ${ms})`);
    this.#skip(ms);
    this.#fireDue();
  }

  /** Fires nothing more; pending timers stay unfired. */
  stop(): void {
    this.#stopped = true;
    if (this.#armed) clearTimeout(this.#armed.handle);
    this.#armed = undefined;
  }

  #skip(ms: number): void {
    if (ms <= 0) return;
    this.#offsetMs += ms;
    this.#onSkip?.(this.#offsetMs);
  }

  #arm(): void {
    if (this.#stopped) return;
    const next = this.#timers[0];
    if (this.#armed && next && this.#armed.dueMs === next.dueMs) return;
    if (this.#armed) clearTimeout(this.#armed.handle);
    this.#armed = undefined;
    if (!next) return;
    const waitMs = Math.max(0, next.dueMs - this.now()) * this.timeScale;
    // setTimeout takes at most 2^31 - 1 ms; a longer wait re-arms when that runs out.
    const handle = setTimeout(() => this.#wake(next.dueMs), Math.min(waitMs, 2 ** 31 - 1));
    this.#armed = { handle, dueMs: next.dueMs };
  }

  #wake(dueMs: number): void {
    this.#armed = undefined;
    // Real time has covered dueMs × scale; with a scale below 1, skip the rest of the way.
    if (this.timeScale < 1) this.#skip(dueMs - this.now());
    this.#fireDue();
  }

  #fireDue(): void {
    const now = this.now();
    const due: Timer[] = [];
    while (this.#timers.length > 0 && this.#timers[0]!.dueMs <= now) due.push(this.#timers.shift()!);
    for (const timer of due) {
      if (this.#stopped) return;
      timer.fire();
    }
    this.#arm();
  }
}
