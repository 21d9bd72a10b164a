// Small pieces the pages share: an error notice, JSON shown and copied, a status badge, and a hook that
// runs a call and keeps its result, its error and whether it is loading.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { toShownError, type ShownError } from './api.ts';
import { StatusIcon } from './icons.tsx';
import { wordsOf, type Shown } from './status.ts';

export function ErrorNotice({ error, title = 'The call failed' }: { error: ShownError | undefined; title?: string }) {
  if (!error) return null;
  return (
    <div class="notice notice-error" role="alert">
      <strong>{title}: </strong>
      <code class="error-code">{error.code}</code> <span class="error-message">{error.message}</span>
      {error.requestId && <span class="request-id"> (request {error.requestId})</span>}
    </div>
  );
}

export function StatusBadge({ status, suffix }: { status: Shown; suffix?: string | undefined }) {
  return (
    <span class={`status status-${status}`}>
      <StatusIcon status={status} />
      {wordsOf(status)}
      {suffix && <span class="status-suffix"> · {suffix}</span>}
    </span>
  );
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (an insecure origin, a denied permission): select the text instead.
      const range = document.createRange();
      const element = document.querySelector(`[data-copy="${CSS.escape(label)}"]`);
      if (element) {
        range.selectNodeContents(element);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }
  };
  return (
    <button type="button" class="button button-small" onClick={copy} aria-label={`${copied ? 'Copied' : 'Copy'} ${label}`}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** A value to copy: the text in a code element, and a button that copies it. */
export function Copyable({ text, label }: { text: string; label: string }) {
  return (
    <span class="copyable">
      <code data-copy={label}>{text}</code> <CopyButton text={text} label={label} />
    </span>
  );
}

export function Json({ value, label }: { value: unknown; label: string }) {
  const text = value === undefined ? '(none)' : JSON.stringify(value, null, 2);
  return (
    <figure class="json">
      <figcaption>
        {label} <CopyButton text={text} label={label} />
      </figcaption>
      <pre tabIndex={0} aria-label={label} data-copy={label}>
        {text}
      </pre>
    </figure>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="panel" aria-labelledby={id ? `${id}-title` : undefined}>
      <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
      {children}
    </section>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: ShownError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Runs `load` now and whenever `keys` change, keeping the last result. A result that comes after the
 * keys changed again is dropped, so a slow answer never overwrites a newer page.
 */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ShownError | undefined; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    try {
      const data = await load();
      if (mine === generation.current) setState({ data, error: undefined, loading: false });
    } catch (error) {
      if (mine === generation.current) setState((previous) => ({ data: previous.data, error: toShownError(error), loading: false }));
    }
    // The caller's keys say when load changes: it is a new closure on every render.
  }, keys);
  useEffect(() => {
    void reload();
    return () => {
      generation.current++;
    };
  }, [reload]);
  return { ...state, reload };
}

/** What a JSON-object field holds, or the problem with it, in words for the form. */
export function parseObject(text: string, what: string, example: string): { value: Record<string, unknown>; problem?: undefined } | { value?: undefined; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (caught) {
    return { problem: `The ${what} is not JSON: ${(caught as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problem: `The ${what} must be a JSON object, such as ${example}.` };
  return { value: parsed as Record<string, unknown> };
}

/** An action a button or form starts: whether it runs, and the error it ended with. */
export function useAction(): { busy: boolean; error: ShownError | undefined; run: (action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | undefined>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(toShownError(caught));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** Names the page in the tab's title, for the tab bar and for screen readers. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · FunctionGraph flows emulator`;
  }, [title]);
}

/** When an ISO time or milliseconds was, in UTC, to the second: what the API and the clock use. */
export function utc(time: string | number | undefined | null): string {
  if (time === undefined || time === null || time === '') return '—';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
