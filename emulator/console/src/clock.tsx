// The emulator's virtual clock (/_emulator/clock): shown as it runs, and moved forward from the page.
import { useEffect, useState } from 'preact/hooks';
import { toShownError, type Clock, type ShownError } from './api.ts';
import { useConsole } from './app.tsx';
import { duration } from './layout.ts';
import { ErrorNotice, utc } from './widgets.tsx';

/** How often the bar reads the clock again, for what became due meanwhile. */
const rereadMs = 1_000;

const steps = [
  { label: '+1 min', seconds: 60 },
  { label: '+1 h', seconds: 3_600 },
  { label: '+1 day', seconds: 86_400 },
];

export function ClockBar() {
  const { admin, clockVersion, clockChanged } = useConsole();
  const [clock, setClock] = useState<{ read: Clock; at: number } | undefined>();
  const [error, setError] = useState<ShownError | undefined>();
  const [now, setNow] = useState(() => Date.now());
  const [seconds, setSeconds] = useState('60');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      // A tab in the background reads nothing; it reads again when it is shown.
      if (document.hidden) {
        timer = setTimeout(read, rereadMs);
        return;
      }
      try {
        const value = await admin.clock();
        if (!stopped) {
          setClock({ read: value, at: Date.now() });
          setError(undefined);
        }
      } catch (caught) {
        if (!stopped) setError(toShownError(caught));
      }
      if (!stopped) timer = setTimeout(read, rereadMs);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [admin, clockVersion]);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(tick);
  }, []);

  const advance = async (by: number) => {
    setBusy(true);
    try {
      const value = await admin.advance(by);
      setClock({ read: value, at: Date.now() });
      setError(undefined);
      clockChanged();
    } catch (caught) {
      setError(toShownError(caught));
    } finally {
      setBusy(false);
    }
  };

  // Read afresh, so that the jump ends the next timer and not the ones after it.
  const toNextTimer = async () => {
    try {
      const fresh = await admin.clock();
      if (fresh.next_due_ms !== null) await advance(Math.max(0, fresh.next_due_ms - fresh.now_ms) / 1000);
    } catch (caught) {
      setError(toShownError(caught));
    }
  };

  // Between reads the clock runs as the wall clock does: the time scale shortens waits, by skipping.
  const virtualNow = clock ? clock.read.now_ms + (now - clock.at) : undefined;
  const next = clock?.read.next_due_ms ?? null;
  const customSeconds = Number(seconds);
  const customValid = seconds.trim() !== '' && Number.isFinite(customSeconds) && customSeconds >= 0 && customSeconds <= 315_360_000;
  return (
    <section class="clock" aria-label="Virtual clock">
      <p class="clock-now">
        <span class="clock-label">Virtual clock</span> <time data-testid="clock-now">{virtualNow === undefined ? '—' : utc(virtualNow)}</time>
        {clock && (
          <span class="clock-detail">
            {' '}· time scale {clock.read.time_scale}
            {clock.read.skipped_ms > 0 && ` · ${duration(clock.read.skipped_ms / 1000)} skipped`}
            {next !== null && ` · next timer ${utc(next)}`}
          </span>
        )}
      </p>
      <div class="clock-actions" role="group" aria-label="Advance the clock">
        {steps.map((step) => (
          <button key={step.label} type="button" class="button button-small" disabled={busy} onClick={() => void advance(step.seconds)} aria-label={`Advance the clock ${step.label.slice(1)}`}>
            {step.label}
          </button>
        ))}
        {next !== null && virtualNow !== undefined && (
          <button type="button" class="button button-small" disabled={busy} onClick={() => void toNextTimer()}>
            To the next timer
          </button>
        )}
        <form
          class="clock-custom"
          onSubmit={(event) => {
            event.preventDefault();
            if (customValid) void advance(customSeconds);
          }}
        >
          <label for="advance-seconds">Seconds</label>
          <input id="advance-seconds" type="number" min="0" max="315360000" step="any" inputMode="decimal" value={seconds} onInput={(event) => setSeconds(event.currentTarget.value)} aria-invalid={!customValid} aria-describedby="advance-seconds-rule" />
          <span id="advance-seconds-rule" class={customValid ? 'visually-hidden' : 'field-problem'}>
            From 0 to 315 360 000 seconds (ten years).
          </span>
          <button type="submit" class="button button-small" disabled={busy || !customValid}>
            Advance
          </button>
        </form>
      </div>
      <ErrorNotice error={error} title="The clock" />
    </section>
  );
}
