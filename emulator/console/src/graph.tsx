// A flow's graph in SVG, laid out by dagre (./layout.ts). Each state is a button: it can be reached with
// Tab and opened with Enter or Space, and its accessible name says what it is and, in an execution, its
// status in words. Colours repeat what the symbols and words say.
import { useMemo } from 'preact/hooks';
import type { FlowDefinition } from '../../../src/index.ts';
import { labelLineHeight, layOut, lineHeight, type LaidEdge, type LaidNode, type Line } from './layout.ts';
import { StatusIcon } from './icons.tsx';
import { attemptsText, wordsOf, type StateProgress } from './status.ts';

const fonts: Record<Line['kind'], string> = {
  title: '600 14px system-ui, sans-serif',
  detail: '12px system-ui, sans-serif',
  action: '12px ui-monospace, monospace',
  status: '600 12px system-ui, sans-serif',
};

let context: CanvasRenderingContext2D | null | undefined;

/** A line's width in the font the graph draws it in, measured by the browser. */
function measure(text: string, kind: Line['kind']): number {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 7.5;
  context.font = fonts[kind];
  return context.measureText(text).width;
}

export interface FlowGraphProps {
  definition: FlowDefinition;
  /** A label for the whole graph. */
  label: string;
  /** Each state's progress in an execution, by state ID; none for the definition alone. */
  progress?: Map<string, StateProgress>;
  selected?: string | undefined;
  onSelect?: (stateId: string) => void;
}

export function FlowGraph({ definition, label, progress, selected, onSelect }: FlowGraphProps) {
  const layout = useMemo(() => layOut(definition, measure, { statusLine: progress !== undefined }), [definition, progress !== undefined]);
  return (
    <div class="graph-scroll">
      <svg class="graph" role="group" aria-label={label} width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
          </marker>
          <marker id="arrow-error" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="arrow-head arrow-head-error" />
          </marker>
        </defs>
        <g aria-hidden="true">{layout.edges.map((edge, i) => <Edge key={i} edge={edge} node={edge.from === edge.to ? layout.nodes.find((node) => node.id === edge.from) : undefined} />)}</g>
        {layout.nodes.map((node) => (
          <Node key={node.id} node={node} progress={node.state ? progress?.get(node.state.id) : undefined} inExecution={progress !== undefined} selected={node.state?.id === selected} onSelect={onSelect} />
        ))}
      </svg>
    </div>
  );
}

function Edge({ edge, node }: { edge: LaidEdge; node?: LaidNode | undefined }) {
  const d = node ? loopPath(node, edge) : smoothPath(edge.points);
  return (
    <g class={`edge edge-${edge.kind}`}>
      <path d={d} marker-end={`url(#${edge.kind === 'error' ? 'arrow-error' : 'arrow'})`} />
      {edge.label !== undefined && edge.labelBox && (
        <g class="edge-label">
          <rect x={edge.labelBox.x} y={edge.labelBox.y} width={edge.labelBox.width} height={edge.labelBox.height} rx="4" />
          {edge.label.map((line, i) => (
            <text key={i} x={edge.labelBox!.x + edge.labelBox!.width / 2} y={edge.labelBox!.y + 15 + i * labelLineHeight} text-anchor="middle">
              {line}
            </text>
          ))}
        </g>
      )}
    </g>
  );
}

function Node({ node, progress, inExecution, selected, onSelect }: { node: LaidNode; progress: StateProgress | undefined; inExecution: boolean; selected: boolean; onSelect: ((stateId: string) => void) | undefined }) {
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  if (node.kind !== 'state') {
    return (
      <g class={`terminal terminal-${node.kind}`} aria-hidden="true">
        <circle cx={node.x} cy={node.y} r={node.width / 2} />
        <text x={node.x} y={node.y + 4} text-anchor="middle">{node.kind === 'start' ? 'start' : 'end'}</text>
      </g>
    );
  }
  const state = node.state!;
  const status = progress?.status ?? 'idle';
  const attempts = progress?.attempts.length ?? 0;
  const statusText = `${wordsOf(status)}${attempts > 1 ? ` · ${attemptsText(attempts)}` : ''}`;
  const lines = inExecution ? [...node.lines, { text: statusText, kind: 'status' as const }] : node.lines;
  // The accessible name is what the node shows, line by line, so that speech and sight agree.
  const name = lines.map((line) => line.text).join(' ');
  const select = () => onSelect?.(state.id);
  let y = top + 10;
  return (
    <g
      class={`node node-${state.type?.toLowerCase() ?? 'state'}${inExecution ? ` node-status-${status}` : ''}${selected ? ' node-selected' : ''}`}
      role="button"
      tabindex={0}
      aria-label={name}
      aria-pressed={selected}
      data-state-id={state.id}
      onClick={select}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select();
        }
      }}
    >
      <rect class="focus-ring" x={left - 5} y={top - 5} width={node.width + 10} height={node.height + 10} rx={state.type === 'Sleep' ? 22 : 10} />
      <rect class="frame" x={left} y={top} width={node.width} height={node.height} rx={state.type === 'Sleep' ? 18 : 6} />
      {lines.map((line, i) => {
        y += lineHeight[line.kind];
        if (line.kind === 'status') {
          return (
            <g key={i} class="line-status-group">
              <StatusIcon status={status} x={left + 14} y={y - 16} />
              <text class="line line-status" x={left + 32} y={y - 5}>
                {line.text}
              </text>
            </g>
          );
        }
        return (
          // The space keeps the lines apart in the node's text, as they are in its name.
          <text key={i} class={`line line-${line.kind}`} x={left + 14} y={y - 5}>
            {`${line.text} `}
          </text>
        );
      })}
    </g>
  );
}

/**
 * A retry that loops back to its own state: out of the node's right side and back in, under its label.
 */
function loopPath(node: LaidNode, edge: LaidEdge): string {
  const right = node.x + node.width / 2;
  const reach = right + 36;
  const f = (n: number) => n.toFixed(1);
  return `M${f(right)},${f(node.y - 14)} C${f(reach)},${f(node.y - 34)} ${f(reach)},${f(node.y + 34)} ${f(right + 1)},${f(node.y + 14)}`;
}

/**
 * A path through dagre's points as a uniform B-spline (what d3's curveBasis draws): it starts and ends
 * on the first and last points, and bends smoothly through the rest.
 */
function smoothPath(points: Array<{ x: number; y: number }>): string {
  const f = (n: number) => n.toFixed(1);
  if (points.length < 3) return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(p.x)},${f(p.y)}`).join(' ');
  const [first, second] = points as [{ x: number; y: number }, { x: number; y: number }];
  let d = `M${f(first.x)},${f(first.y)} L${f((5 * first.x + second.x) / 6)},${f((5 * first.y + second.y) / 6)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const c = points[i + 1]!;
    d += ` C${f((2 * a.x + b.x) / 3)},${f((2 * a.y + b.y) / 3)} ${f((a.x + 2 * b.x) / 3)},${f((a.y + 2 * b.y) / 3)} ${f((a.x + 4 * b.x + c.x) / 6)},${f((a.y + 4 * b.y + c.y) / 6)}`;
  }
  const last = points.at(-1)!;
  const before = points.at(-2)!;
  d += ` C${f((2 * before.x + last.x) / 3)},${f((2 * before.y + last.y) / 3)} ${f((before.x + 2 * last.x) / 3)},${f((before.y + 2 * last.y) / 3)} ${f(last.x)},${f(last.y)}`;
  return d;
}
