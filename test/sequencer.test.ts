// The files the sequencer starts first exist: a renamed file would silently lose its place.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { root } from '../scripts/paths.ts';
import { slowestFirst } from './setup/sequencer.ts';

it('every file the sequencer starts first exists', () => {
  expect(slowestFirst.filter((path) => !existsSync(join(root, path)))).toEqual([]);
});
