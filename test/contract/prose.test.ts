// Descriptions are read as generated doc comments, where a line break is kept as it is: a sentence
// broken mid-way in the YAML source becomes a broken comment in Java, Go or C#. So a line break in a
// description or summary may only end a paragraph or start a Markdown block (a list item, a table
// row, a heading, a code fence).
import { describe, expect, it } from 'vitest';
import { isObject, loadBundle, type Json } from '../helpers/contract.ts';

const blockStart = /^\s*([-*+] |\d+\. |\||#|```|>)/;

/** Every description and summary in a document, with its JSON pointer. */
function prose(node: Json, pointer = ''): Array<[string, string]> {
  if (Array.isArray(node)) return node.flatMap((item, i) => prose(item, `${pointer}/${i}`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'description' || key === 'summary') && typeof value === 'string' ? [[`${pointer}/${key}`, value] as [string, string]] : prose(value, `${pointer}/${key}`),
  );
}

/** The line breaks inside a paragraph: a non-empty line followed by one that continues it. */
function softBreaks(text: string): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  const found: string[] = [];
  let fence = false;
  lines.forEach((line, i) => {
    if (/^\s*```/.test(line)) fence = !fence;
    const next = lines[i + 1];
    if (fence || next === undefined || line.trim() === '' || next.trim() === '') return;
    if (/^\s*(\||#|```)/.test(line) || blockStart.test(next)) return;
    found.push(`${line.slice(-30)}⏎${next.slice(0, 30)}`);
  });
  return found;
}

describe('descriptions in the published contract', () => {
  it('the check finds a sentence broken across lines, and accepts paragraphs, lists and tables', () => {
    expect(softBreaks('A sentence broken\nin two.')).toHaveLength(1);
    expect(softBreaks('One paragraph.\n\nAnother.\n\n- a list\n- of items\n\n| a | table |\n| --- | --- |\n')).toEqual([]);
  });

  it.each(['openapi.json', 'openapi-3.0.json'])('%s: no description or summary is hard-wrapped mid-sentence', (file) => {
    const texts = prose(loadBundle(file));
    expect(texts.length).toBeGreaterThan(100);
    const wrapped = texts.flatMap(([pointer, text]) => softBreaks(text).map((at) => `${pointer}: ${at}`));
    expect(wrapped, 'unwrap these in openapi/ (a YAML `|` block with one line per paragraph, or `>-`)').toEqual([]);
  });
});
