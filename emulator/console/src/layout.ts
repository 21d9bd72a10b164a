// A flow definition as a graph: what each node says, and where dagre puts the nodes and the edges. The
// layout is dagre's (a layered drawing, top to bottom); this file only says what is drawn and how big.
import dagre from '@dagrejs/dagre';
import type { FlowDefinition } from '../../../src/index.ts';

export type State = FlowDefinition['states'][number];
export type RetryPolicy = NonNullable<FlowDefinition['retries']>[number];

export interface Line {
  text: string;
  kind: 'title' | 'detail' | 'action' | 'status';
}

export interface LaidNode {
  id: string;
  kind: 'start' | 'state' | 'finish';
  state?: State;
  lines: Line[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidEdge {
  from: string;
  to: string;
  kind: 'next' | 'error' | 'start' | 'end';
  /** The label's lines: a condition, then the retry policy. */
  label?: string[];
  points: Array<{ x: number; y: number }>;
  labelBox?: { x: number; y: number; width: number; height: number };
}

export interface Layout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
}

/** Measures a line's width in pixels, as drawn in the graph's font. */
export type Measure = (text: string, kind: Line['kind']) => number;

export const lineHeight = { title: 20, detail: 17, action: 17, status: 19 } as const;
/** An edge label's lines. */
export const labelLineHeight = 16;
const padding = { x: 14, y: 10 };
const terminalSize = 34;
const startId = '\u0000start';
const finishId = '\u0000finish';

/** How long a Sleep state waits, as a person reads it. */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined) return 'no duration';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${Number(seconds.toFixed(3))} s`;
  if (seconds < 7200) return `${Number((seconds / 60).toFixed(1))} min`;
  if (seconds < 172_800) return `${Number((seconds / 3600).toFixed(1))} h`;
  return `${Number((seconds / 86_400).toFixed(1))} days`;
}

/** An on_errors entry's label: its condition, and its retry policy with what that policy does. */
export function errorLabel(onError: NonNullable<State['on_errors']>[number], retries: RetryPolicy[]): string[] {
  const condition = `on ${onError.error || 'any error'}`;
  if (!onError.retry_ref) return [condition];
  const policy = retries.find((retry) => retry.name === onError.retry_ref);
  // A policy that leaves out its count or delay gets the emulator's defaults: 3 retries, 1 s apart.
  const defaulted = policy && (policy.max_attempts === undefined || policy.delay === undefined) ? ', defaults' : '';
  const what = policy ? `${policy.max_attempts ?? 3}× every ${duration(policy.delay ?? 1)}${defaulted}` : 'policy not defined';
  return [condition, `retry ${onError.retry_ref} (${what})`];
}

/** The lines a state's node shows, before any status. */
export function stateLines(state: State): Line[] {
  const lines: Line[] = [{ text: state.name || state.id, kind: 'title' }];
  if (state.type === 'Operation') {
    const actions = state.actions ?? [];
    lines.push({ text: `Operation${actions.length > 1 ? ` · ${state.action_mode ?? 'sequential'}` : ''}`, kind: 'detail' });
    for (const action of actions) lines.push({ text: `calls ${action.function_ref?.ref_name ?? '(no function)'}`, kind: 'action' });
  } else if (state.type === 'Sleep') {
    lines.push({ text: `Sleep · ${duration(state.duration)}`, kind: 'detail' });
  } else {
    lines.push({ text: state.type ?? 'state', kind: 'detail' });
  }
  return lines;
}

/**
 * Lays a definition out: a node per state, a start marker pointing at `start`, one finish marker for
 * every state that ends the flow, an edge per transition and per on_errors entry (labelled; a retry
 * without a transition loops back to its state). With
 * `statusLine`, each state's node keeps room for one more line, for its status in an execution.
 */
export function layOut(definition: FlowDefinition, measure: Measure, { statusLine = false } = {}): Layout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 44, edgesep: 16, marginx: 12, marginy: 12 });
  graph.setDefaultEdgeLabel(() => ({}));

  const states = definition.states ?? [];
  const retries = definition.retries ?? [];
  const known = new Set(states.map((state) => state.id));
  const nodes = new Map<string, Omit<LaidNode, 'x' | 'y'>>();
  const size = (lines: Line[]) => ({
    width: Math.ceil(Math.max(120, ...lines.map((line) => measure(line.text, line.kind))) + 2 * padding.x),
    height: lines.reduce((sum, line) => sum + lineHeight[line.kind], 0) + 2 * padding.y,
  });
  const addNode = (id: string, node: Omit<LaidNode, 'x' | 'y' | 'id'>) => {
    nodes.set(id, { id, ...node });
    graph.setNode(id, { width: node.width, height: node.height });
  };

  addNode(startId, { kind: 'start', lines: [{ text: 'Start', kind: 'detail' }], width: terminalSize, height: terminalSize });
  for (const state of states) {
    const lines = stateLines(state);
    // Room for the status line, so that the drawing keeps still as it changes: a 14 px symbol and the
    // longest words the state can show, with a count of attempts.
    const longest = state.type === 'Operation' ? 'waits for a callback · 10 attempts' : 'succeeded · 10 attempts';
    const measured = size(statusLine ? [...lines, { text: `\u2003\u2003${longest}`, kind: 'status' }] : lines);
    addNode(state.id, { kind: 'state', state, lines, ...measured });
  }

  const edges: Array<Omit<LaidEdge, 'points'> & { name: string }> = [];
  const addEdge = (edge: Omit<LaidEdge, 'points'>) => {
    const name = `e${edges.length}`;
    edges.push({ ...edge, name });
    const label = edge.label === undefined ? {} : { label: edge.label.join('\n'), width: Math.max(...edge.label.map((line) => measure(line, 'detail'))) + 12, height: edge.label.length * labelLineHeight + 6, labelpos: 'c' as const };
    graph.setEdge(edge.from, edge.to, label, name);
  };

  if (known.has(definition.start)) addEdge({ from: startId, to: definition.start, kind: 'start' });
  let finishes = false;
  for (const state of states) {
    if (state.end || state.type === 'End') {
      finishes = true;
      continue;
    }
    if (state.transition && known.has(state.transition)) addEdge({ from: state.id, to: state.transition, kind: 'next' });
  }
  // An error goes to its transition; one that is only retried loops back to its own state.
  for (const state of states) {
    for (const onError of state.on_errors ?? []) {
      const target = onError.transition && known.has(onError.transition) ? onError.transition : onError.retry_ref ? state.id : undefined;
      if (target !== undefined) addEdge({ from: state.id, to: target, kind: 'error', label: errorLabel(onError, retries) });
    }
  }
  if (finishes) {
    addNode(finishId, { kind: 'finish', lines: [{ text: 'End of the flow', kind: 'detail' }], width: terminalSize, height: terminalSize });
    for (const state of states) if (state.end || state.type === 'End') addEdge({ from: state.id, to: finishId, kind: 'end' });
  }

  dagre.layout(graph);
  const laidNodes = [...nodes.values()].map((node) => {
    const { x, y } = graph.node(node.id);
    return { ...node, x, y };
  });
  const laidEdges = edges.map(({ name, ...edge }) => {
    const laid = graph.edge(edge.from, edge.to, name) as { points: Array<{ x: number; y: number }>; x?: number; y?: number; width?: number; height?: number };
    if (edge.from === edge.to && laid.width !== undefined && laid.height !== undefined) {
      // dagre keeps room for a loop's label on the node's right; the label goes there, level with the node.
      const node = graph.node(edge.from);
      return { ...edge, points: laid.points, labelBox: { x: node.x + node.width / 2 + 28, y: node.y - laid.height / 2, width: laid.width, height: laid.height } };
    }
    return {
      ...edge,
      points: laid.points,
      ...(edge.label !== undefined && laid.x !== undefined && laid.y !== undefined && { labelBox: { x: laid.x - laid.width! / 2, y: laid.y - laid.height! / 2, width: laid.width!, height: laid.height! } }),
    };
  });
  return fitted(laidNodes, laidEdges);
}

/** Moves the drawing to the origin, with a margin, and measures it: dagre's own size leaves out a loop's label. */
function fitted(nodes: LaidNode[], edges: LaidEdge[]): Layout {
  const margin = 12;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const node of nodes) xs.push(node.x - node.width / 2, node.x + node.width / 2), ys.push(node.y - node.height / 2, node.y + node.height / 2);
  for (const edge of edges) {
    for (const point of edge.points) xs.push(point.x), ys.push(point.y);
    if (edge.labelBox) xs.push(edge.labelBox.x, edge.labelBox.x + edge.labelBox.width), ys.push(edge.labelBox.y, edge.labelBox.y + edge.labelBox.height);
  }
  const dx = margin - Math.min(...xs);
  const dy = margin - Math.min(...ys);
  return {
    nodes: nodes.map((node) => ({ ...node, x: node.x + dx, y: node.y + dy })),
    edges: edges.map((edge) => ({
      ...edge,
      points: edge.points.map((point) => ({ x: point.x + dx, y: point.y + dy })),
      ...(edge.labelBox && { labelBox: { ...edge.labelBox, x: edge.labelBox.x + dx, y: edge.labelBox.y + dy } }),
    })),
    width: Math.ceil(Math.max(...xs) + dx + margin),
    height: Math.ceil(Math.max(...ys) + dy + margin),
  };
}
