// A state's panel, opened from the graph on the flow's page and on an execution's: what the state is
// and where it goes, and, on an execution's page, what it did there (the children). Opening it moves the
// focus to it, and into view, since on a phone it is below the graph; closing it gives the focus back
// to the state's node.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { duration, errorLabel, type RetryPolicy, type State } from './layout.ts';
import { Json } from './widgets.tsx';

export function StatePanel({ state, retries, onClose, children }: { state: State; retries: RetryPolicy[]; onClose: () => void; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const label = state.name || state.id;
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView?.({ block: 'nearest' });
  }, [state.id]);
  const close = () => {
    onClose();
    document.querySelector<SVGElement>(`g.node[data-state-id="${CSS.escape(state.id)}"]`)?.focus();
  };
  return (
    <section class="panel state-panel" aria-labelledby="state-title">
      <div class="panel-head">
        <h2 id="state-title" tabIndex={-1} ref={heading}>
          State <span class="name">{label}</span>
        </h2>
        <button type="button" class="button button-small" onClick={close} aria-label={`Close state ${label}`}>
          Close
        </button>
      </div>
      <dl class="facts">
        <dt>ID</dt>
        <dd>
          <code>{state.id}</code>
        </dd>
        <dt>Type</dt>
        <dd>{state.type}</dd>
        {state.type === 'Sleep' && (
          <>
            <dt>Sleeps</dt>
            <dd>{duration(state.duration)}</dd>
          </>
        )}
        {state.type === 'Operation' && (
          <>
            <dt>Actions</dt>
            <dd>
              {(state.actions ?? []).length} ({state.action_mode ?? 'sequential'})
            </dd>
          </>
        )}
        <dt>Next</dt>
        <dd>{state.end || state.type === 'End' ? 'ends the flow' : <code>{state.transition}</code>}</dd>
      </dl>
      {(state.on_errors ?? []).length > 0 && (
        <>
          <h3>On errors</h3>
          <ul>
            {state.on_errors!.map((onError, i) => (
              <li key={i}>
                {errorLabel(onError, retries).join(', ')} → <code>{onError.transition || 'retried in place'}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {children}
      {(state.actions ?? []).length > 0 && (
        // Open on the flow's page, where they are the point; folded under an execution's attempts.
        <details open={children === undefined}>
          <summary>Actions and their arguments</summary>
          {state.actions!.map((action, i) => (
            <Json key={i} value={action.function_ref} label={`Action ${i + 1}: ${action.function_ref?.ref_name ?? ''}`} />
          ))}
        </details>
      )}
    </section>
  );
}
