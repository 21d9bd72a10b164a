// Where the emulator keeps everything: SQLite through Node's built-in node:sqlite, in memory or in a
// file under --data-dir, through the same code. A file is in WAL mode with synchronous=FULL, and every
// change the emulator makes (a flow written, an execution started, one state transition) is one
// transaction, or a savepoint within one: after a crash, the file holds each change whole or not at all.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonRecord = { [key: string]: JsonValue };

/** The version of the layout below; a data directory of another version is refused, not guessed at. */
const schemaVersion = 1;
export const databaseFileName = 'emulator.sqlite';

const layout = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS flows (
  project_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, urn TEXT NOT NULL, mode TEXT NOT NULL,
  enterprise_project_id TEXT, definition TEXT NOT NULL, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
  PRIMARY KEY (project_id, id), UNIQUE (project_id, name), UNIQUE (project_id, urn));
CREATE TABLE IF NOT EXISTS definitions (id TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id TEXT NOT NULL, id TEXT NOT NULL, workflow_id TEXT NOT NULL, workflow_urn TEXT NOT NULL, flow_name TEXT NOT NULL,
  mode TEXT NOT NULL, definition_id TEXT NOT NULL, status TEXT NOT NULL, input TEXT NOT NULL, headers TEXT NOT NULL,
  output TEXT, error TEXT, test_case TEXT, merge_parameters INTEGER NOT NULL, cursor TEXT,
  begin_ms INTEGER NOT NULL, end_ms INTEGER, updated_ms INTEGER NOT NULL,
  UNIQUE (project_id, id));
CREATE INDEX IF NOT EXISTS executions_by_flow ON executions (project_id, workflow_id, begin_ms DESC, seq DESC);
CREATE INDEX IF NOT EXISTS executions_running ON executions (status) WHERE status = 'running';
CREATE TABLE IF NOT EXISTS nodes (
  project_id TEXT NOT NULL, execution_id TEXT NOT NULL, node_id TEXT NOT NULL, position INTEGER NOT NULL,
  node_name TEXT NOT NULL, node_execution_id TEXT NOT NULL, attempts TEXT NOT NULL,
  PRIMARY KEY (project_id, execution_id, node_id), UNIQUE (node_execution_id));
CREATE TABLE IF NOT EXISTS waits (
  id INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL, execution_id TEXT NOT NULL, kind TEXT NOT NULL,
  due_ms INTEGER, node_id TEXT, node_execution_id TEXT, action_index INTEGER, detail TEXT);
CREATE INDEX IF NOT EXISTS waits_by_execution ON waits (project_id, execution_id);
CREATE TABLE IF NOT EXISTS calls (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL, execution_id TEXT NOT NULL, workflow_id TEXT NOT NULL,
  node_id TEXT NOT NULL, node_execution_id TEXT NOT NULL, function_name TEXT NOT NULL, invocation INTEGER NOT NULL,
  attempt INTEGER NOT NULL, input TEXT NOT NULL, headers TEXT NOT NULL, answer TEXT NOT NULL, at_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS calls_by_execution ON calls (project_id, execution_id, seq);
CREATE TABLE IF NOT EXISTS counters (
  project_id TEXT NOT NULL, execution_id TEXT NOT NULL, function_name TEXT NOT NULL, next INTEGER NOT NULL,
  PRIMARY KEY (project_id, execution_id, function_name));
`;

export interface FlowRow {
  project_id: string;
  id: string;
  name: string;
  urn: string;
  mode: string;
  enterprise_project_id: string | null;
  definition: string;
  created_ms: number;
  updated_ms: number;
}

export interface ExecutionRow {
  seq: number;
  project_id: string;
  id: string;
  workflow_id: string;
  workflow_urn: string;
  flow_name: string;
  mode: string;
  /** The definition it runs (see `definition`): the flow's as it was at the start. */
  definition_id: string;
  status: string;
  input: string;
  headers: string;
  output: string | null;
  error: string | null;
  test_case: string | null;
  merge_parameters: number;
  cursor: string | null;
  begin_ms: number;
  end_ms: number | null;
  updated_ms: number;
}

export interface NodeRow {
  project_id: string;
  execution_id: string;
  node_id: string;
  position: number;
  node_name: string;
  node_execution_id: string;
  attempts: string;
}

export interface WaitRow {
  id: number;
  project_id: string;
  execution_id: string;
  kind: 'sleep' | 'retry' | 'function' | 'callback' | 'deadline';
  due_ms: number | null;
  node_id: string | null;
  node_execution_id: string | null;
  action_index: number | null;
  detail: string | null;
}

export interface CallRow {
  seq: number;
  project_id: string;
  execution_id: string;
  workflow_id: string;
  node_id: string;
  node_execution_id: string;
  function_name: string;
  invocation: number;
  attempt: number;
  input: string;
  headers: string;
  answer: string;
  at_ms: number;
}

export class Store {
  readonly location: string;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  /** How many transactions (the outer one, then savepoints) are open. */
  #depth = 0;

  /** Opens the store: in memory without a directory, else `<dataDir>/emulator.sqlite` (created if need be). */
  constructor(dataDir: string | undefined) {
    if (dataDir === undefined) {
      this.location = ':memory:';
      this.#db = new DatabaseSync(':memory:');
    } else {
      this.location = join(dataDir, databaseFileName);
      try {
        mkdirSync(dataDir, { recursive: true });
        this.#db = new DatabaseSync(this.location, { timeout: 5_000 });
        this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
      } catch (error) {
        throw new Error(`--data-dir ${dataDir}: cannot keep the emulator's state in ${this.location}: ${(error as Error).message}`, { cause: error });
      }
      const check = this.#db.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>;
      if (check.length !== 1 || check[0]!.quick_check !== 'ok') {
        this.#db.close();
        throw new Error(`${this.location} failed SQLite's integrity check (${check.map((row) => row.quick_check).slice(0, 3).join('; ')}): move the data directory away and start again`);
      }
    }
    this.#db.exec(layout);
    const version = this.meta('schema_version');
    if (version === undefined) this.setMeta('schema_version', String(schemaVersion));
    else if (version !== String(schemaVersion)) {
      this.#db.close();
      throw new Error(`${this.location} holds emulator data of layout ${version}; this emulator reads layout ${schemaVersion}: use another --data-dir`);
    }
  }

  get persistent(): boolean {
    return this.location !== ':memory:';
  }

  /**
   * Runs `work` as one transaction: all of it is kept, or (when it throws) none of it. Inside another
   * transaction it is a savepoint: undone alone when it throws, kept when the outer one commits.
   */
  transaction<T>(work: () => T): T {
    if (this.#depth > 0) {
      const name = `s${this.#depth}`;
      this.#db.exec(`SAVEPOINT ${name}`);
      this.#depth++;
      try {
        const result = work();
        this.#db.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        this.#db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
        throw error;
      } finally {
        this.#depth--;
      }
    }
    this.#db.exec('BEGIN IMMEDIATE');
    this.#depth++;
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    } finally {
      this.#depth--;
    }
  }

  close(): void {
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
  }

  #run(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  meta(key: string): string | undefined {
    return (this.#run('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.#run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // Flows.

  insertFlow(flow: FlowRow): void {
    this.#run(
      'INSERT INTO flows (project_id, id, name, urn, mode, enterprise_project_id, definition, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(flow.project_id, flow.id, flow.name, flow.urn, flow.mode, flow.enterprise_project_id, flow.definition, flow.created_ms, flow.updated_ms);
  }

  updateFlow(flow: FlowRow): void {
    this.#run('UPDATE flows SET mode = ?, enterprise_project_id = ?, definition = ?, updated_ms = ? WHERE project_id = ? AND id = ?').run(
      flow.mode, flow.enterprise_project_id, flow.definition, flow.updated_ms, flow.project_id, flow.id,
    );
  }

  flow(projectId: string, id: string): FlowRow | undefined {
    return this.#run('SELECT * FROM flows WHERE project_id = ? AND id = ?').get(projectId, id) as FlowRow | undefined;
  }

  /** A flow without its definition: what a call about its executions needs. */
  flowHead(projectId: string, id: string): Omit<FlowRow, 'definition'> | undefined {
    return this.#run('SELECT project_id, id, name, urn, mode, enterprise_project_id, created_ms, updated_ms FROM flows WHERE project_id = ? AND id = ?').get(projectId, id) as
      | Omit<FlowRow, 'definition'>
      | undefined;
  }

  /** Keeps a definition's text once, however many executions run it; returns its ID (its SHA-256). */
  putDefinition(text: string): string {
    const id = createHash('sha256').update(text).digest('hex');
    this.#run('INSERT OR IGNORE INTO definitions (id, text) VALUES (?, ?)').run(id, text);
    return id;
  }

  definition(id: string): string {
    const row = this.#run('SELECT text FROM definitions WHERE id = ?').get(id) as { text: string } | undefined;
    if (!row) throw new Error(`the store has no definition ${id}`);
    return row.text;
  }

  flowByName(projectId: string, name: string): FlowRow | undefined {
    return this.#run('SELECT * FROM flows WHERE project_id = ? AND name = ?').get(projectId, name) as FlowRow | undefined;
  }

  flowByUrn(projectId: string, urn: string): FlowRow | undefined {
    return this.#run('SELECT * FROM flows WHERE project_id = ? AND urn = ?').get(projectId, urn) as FlowRow | undefined;
  }

  deleteFlow(projectId: string, id: string): void {
    this.#run('DELETE FROM flows WHERE project_id = ? AND id = ?').run(projectId, id);
  }

  /** Flows whose name contains `name` (when given), of a mode and enterprise project (when given), newest first. */
  flows(projectId: string, filter: { name?: string; mode?: string; enterpriseProject?: string }, offset: number, limit: number): { total: number; rows: FlowRow[] } {
    const where = ['project_id = ?'];
    const values: Array<string | number> = [projectId];
    const add = (clause: string, value: string | undefined) => {
      if (!value) return;
      where.push(clause);
      values.push(value);
    };
    add('instr(name, ?) > 0', filter.name);
    add('mode = ?', filter.mode);
    add('enterprise_project_id = ?', filter.enterpriseProject);
    const clause = where.join(' AND ');
    const total = (this.#run(`SELECT count(*) AS n FROM flows WHERE ${clause}`).get(...values) as { n: number }).n;
    const rows = this.#run(`SELECT * FROM flows WHERE ${clause} ORDER BY created_ms DESC, id LIMIT ? OFFSET ?`).all(...values, limit, offset) as unknown as FlowRow[];
    return { total, rows };
  }

  // Executions.

  insertExecution(row: Omit<ExecutionRow, 'seq'>): void {
    this.#run(
      `INSERT INTO executions (project_id, id, workflow_id, workflow_urn, flow_name, mode, definition_id, status, input, headers, output, error,
        test_case, merge_parameters, cursor, begin_ms, end_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.project_id, row.id, row.workflow_id, row.workflow_urn, row.flow_name, row.mode, row.definition_id, row.status, row.input, row.headers,
      row.output, row.error, row.test_case, row.merge_parameters, row.cursor, row.begin_ms, row.end_ms, row.updated_ms,
    );
  }

  saveExecution(row: ExecutionRow): void {
    this.#run('UPDATE executions SET status = ?, output = ?, error = ?, cursor = ?, end_ms = ?, updated_ms = ? WHERE project_id = ? AND id = ?').run(
      row.status, row.output, row.error, row.cursor, row.end_ms, row.updated_ms, row.project_id, row.id,
    );
  }

  execution(projectId: string, id: string): ExecutionRow | undefined {
    return this.#run('SELECT * FROM executions WHERE project_id = ? AND id = ?').get(projectId, id) as ExecutionRow | undefined;
  }

  runningExecutions(): ExecutionRow[] {
    return this.#run("SELECT * FROM executions WHERE status = 'running' ORDER BY seq").all() as unknown as ExecutionRow[];
  }

  /** A flow's executions that began in [fromMs, toMs], of a status when given, newest first. */
  executions(projectId: string, workflowId: string, filter: { status?: string; fromMs: number; toMs: number }, offset: number, limit: number): { total: number; rows: ExecutionRow[] } {
    const status = filter.status ?? null;
    const where = 'project_id = ? AND workflow_id = ? AND begin_ms BETWEEN ? AND ? AND (? IS NULL OR status = ?)';
    const values = [projectId, workflowId, filter.fromMs, filter.toMs, status, status];
    const total = (this.#run(`SELECT count(*) AS n FROM executions WHERE ${where}`).get(...values) as { n: number }).n;
    const rows = this.#run(
      `SELECT seq, project_id, id, workflow_id, workflow_urn, status, begin_ms, end_ms, updated_ms FROM executions WHERE ${where} ORDER BY begin_ms DESC, seq DESC LIMIT ? OFFSET ?`,
    ).all(...values, limit, offset) as unknown as ExecutionRow[];
    return { total, rows };
  }

  /** Begin time, end time and status of the executions of a project (or of one flow) that began in [fromMs, toMs), or are still running. */
  executionTimes(projectId: string, workflowId: string | undefined, fromMs: number, toMs: number): Array<{ status: string; begin_ms: number; end_ms: number | null }> {
    return this.#run(
      'SELECT status, begin_ms, end_ms FROM executions WHERE project_id = ? AND (? IS NULL OR workflow_id = ?) AND begin_ms < ? AND (begin_ms >= ? OR end_ms IS NULL OR end_ms >= ?)',
    ).all(projectId, workflowId ?? null, workflowId ?? null, toMs, fromMs, fromMs) as Array<{ status: string; begin_ms: number; end_ms: number | null }>;
  }

  // Nodes.

  nodes(projectId: string, executionId: string): NodeRow[] {
    return this.#run('SELECT * FROM nodes WHERE project_id = ? AND execution_id = ? ORDER BY position').all(projectId, executionId) as unknown as NodeRow[];
  }

  node(projectId: string, executionId: string, nodeId: string): NodeRow | undefined {
    return this.#run('SELECT * FROM nodes WHERE project_id = ? AND execution_id = ? AND node_id = ?').get(projectId, executionId, nodeId) as NodeRow | undefined;
  }

  nodeByExecutionId(nodeExecutionId: string): NodeRow | undefined {
    return this.#run('SELECT * FROM nodes WHERE node_execution_id = ?').get(nodeExecutionId) as NodeRow | undefined;
  }

  saveNode(row: NodeRow): void {
    this.#run(
      `INSERT INTO nodes (project_id, execution_id, node_id, position, node_name, node_execution_id, attempts) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (project_id, execution_id, node_id) DO UPDATE SET attempts = excluded.attempts`,
    ).run(row.project_id, row.execution_id, row.node_id, row.position, row.node_name, row.node_execution_id, row.attempts);
  }

  nodeCount(projectId: string, executionId: string): number {
    return (this.#run('SELECT count(*) AS n FROM nodes WHERE project_id = ? AND execution_id = ?').get(projectId, executionId) as { n: number }).n;
  }

  // Waits.

  insertWait(row: Omit<WaitRow, 'id'>): number {
    const result = this.#run(
      'INSERT INTO waits (project_id, execution_id, kind, due_ms, node_id, node_execution_id, action_index, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.project_id, row.execution_id, row.kind, row.due_ms, row.node_id, row.node_execution_id, row.action_index, row.detail);
    return Number(result.lastInsertRowid);
  }

  wait(id: number): WaitRow | undefined {
    return this.#run('SELECT * FROM waits WHERE id = ?').get(id) as WaitRow | undefined;
  }

  waitsOf(projectId: string, executionId: string): WaitRow[] {
    return this.#run('SELECT * FROM waits WHERE project_id = ? AND execution_id = ? ORDER BY id').all(projectId, executionId) as unknown as WaitRow[];
  }

  waitsOfProject(projectId: string): WaitRow[] {
    return this.#run('SELECT * FROM waits WHERE project_id = ? ORDER BY id').all(projectId) as unknown as WaitRow[];
  }

  /** Functions of the user's that were running when the emulator last stopped (untimed function waits). */
  runningFunctionWaits(): WaitRow[] {
    return this.#run("SELECT * FROM waits WHERE kind = 'function' AND due_ms IS NULL ORDER BY id").all() as unknown as WaitRow[];
  }

  timedWaits(): WaitRow[] {
    return this.#run('SELECT * FROM waits WHERE due_ms IS NOT NULL ORDER BY due_ms').all() as unknown as WaitRow[];
  }

  deleteWait(id: number): void {
    this.#run('DELETE FROM waits WHERE id = ?').run(id);
  }

  deleteWaitsOf(projectId: string, executionId: string, kinds?: 'all-but-deadline'): void {
    if (kinds === 'all-but-deadline') this.#run("DELETE FROM waits WHERE project_id = ? AND execution_id = ? AND kind != 'deadline'").run(projectId, executionId);
    else this.#run('DELETE FROM waits WHERE project_id = ? AND execution_id = ?').run(projectId, executionId);
  }

  // Calls and their counters.

  /** The next invocation number of a function in an execution (0 first), counted up. */
  nextInvocation(projectId: string, executionId: string, functionName: string): number {
    const row = this.#run(
      `INSERT INTO counters (project_id, execution_id, function_name, next) VALUES (?, ?, ?, 1)
       ON CONFLICT (project_id, execution_id, function_name) DO UPDATE SET next = next + 1 RETURNING next`,
    ).get(projectId, executionId, functionName) as { next: number };
    return row.next - 1;
  }

  insertCall(row: Omit<CallRow, 'seq'>): number {
    const result = this.#run(
      'INSERT INTO calls (project_id, execution_id, workflow_id, node_id, node_execution_id, function_name, invocation, attempt, input, headers, answer, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.project_id, row.execution_id, row.workflow_id, row.node_id, row.node_execution_id, row.function_name, row.invocation, row.attempt, row.input, row.headers, row.answer, row.at_ms);
    return Number(result.lastInsertRowid);
  }

  call(seq: number): CallRow | undefined {
    return this.#run('SELECT * FROM calls WHERE seq = ?').get(seq) as CallRow | undefined;
  }

  setCallAnswer(seq: number, answer: string): void {
    this.#run('UPDATE calls SET answer = ? WHERE seq = ?').run(answer, seq);
  }

  calls(projectId: string, filter: { executionId?: string; functionName?: string }, afterSeq: number, limit: number): CallRow[] {
    return this.#run(
      'SELECT * FROM calls WHERE project_id = ? AND (? IS NULL OR execution_id = ?) AND (? IS NULL OR function_name = ?) AND seq > ? ORDER BY seq LIMIT ?',
    ).all(projectId, filter.executionId ?? null, filter.executionId ?? null, filter.functionName ?? null, filter.functionName ?? null, afterSeq, limit) as unknown as CallRow[];
  }

  /** The projects that have a flow or an execution, with how many of each, in project order. */
  projects(): Array<{ project_id: string; flows: number; executions: number }> {
    return this.#run(
      `SELECT project_id, sum(flows) AS flows, sum(executions) AS executions FROM (
         SELECT project_id, count(*) AS flows, 0 AS executions FROM flows GROUP BY project_id
         UNION ALL SELECT project_id, 0, count(*) FROM executions GROUP BY project_id)
       GROUP BY project_id ORDER BY project_id`,
    ).all() as unknown as Array<{ project_id: string; flows: number; executions: number }>;
  }

  /** Forgets everything of one project: flows, executions, nodes, waits, calls. */
  resetProject(projectId: string): { flows: number; executions: number } {
    return this.transaction(() => {
      const flows = Number(this.#run('DELETE FROM flows WHERE project_id = ?').run(projectId).changes);
      const executions = Number(this.#run('DELETE FROM executions WHERE project_id = ?').run(projectId).changes);
      for (const table of ['nodes', 'waits', 'calls', 'counters']) this.#run(`DELETE FROM ${table} WHERE project_id = ?`).run(projectId);
      return { flows, executions };
    });
  }
}
