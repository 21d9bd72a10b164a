// A drawn symbol for each status, beside its words: drawn rather than typed, so that it shows the same
// whatever fonts the reader's machine has.
import type { JSX } from 'preact';
import type { Shown } from './status.ts';

const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

const shapes: Record<Shown, () => JSX.Element> = {
  success: () => <path d="M3 8.5 6.5 12 13 4.5" {...stroke} />,
  fail: () => <path d="M4 4l8 8M12 4l-8 8" {...stroke} />,
  running: () => <circle cx="8" cy="8" r="4.5" fill="currentColor" />,
  deadline: () => <circle cx="8" cy="8" r="4.5" fill="currentColor" />,
  function: () => (
    <g fill="currentColor">
      <circle cx="3" cy="8" r="1.6" />
      <circle cx="8" cy="8" r="1.6" />
      <circle cx="13" cy="8" r="1.6" />
    </g>
  ),
  timeout: () => <path d="M4 2h8M4 14h8M5 2c0 4 6 4 6 6s-6 2-6 6M11 2c0 4-6 4-6 6s6 2 6 6" {...stroke} stroke-width={1.6} />,
  cancel: () => <rect x="3.5" y="3.5" width="9" height="9" fill="currentColor" />,
  callback: () => <path d="M5.5 3.5v9M10.5 3.5v9" {...stroke} stroke-width={2.4} />,
  sleep: () => (
    <g {...stroke} stroke-width={1.6}>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </g>
  ),
  retry: () => <path d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v2.5h-2.5" {...stroke} stroke-width={1.8} />,
  idle: () => <circle cx="8" cy="8" r="4.5" {...stroke} stroke-width={1.6} />,
};

/** The status's symbol, 14 px square; x and y place it inside the graph's SVG. */
export function StatusIcon({ status, x, y }: { status: Shown; x?: number; y?: number }) {
  return (
    <svg class="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false" {...(x !== undefined && { x })} {...(y !== undefined && { y })}>
      {shapes[status]()}
    </svg>
  );
}
