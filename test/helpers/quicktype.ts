// Models generated from a published description by quicktype, the way another language team would
// generate them, and readers that take back out of the generated code what the contract put in: the
// type names, each model's JSON fields and whether they are required, each enumeration's values, and
// the doc comments.
import { FetchingJSONSchemaStore, InputData, JSONSchemaInput, quicktype } from 'quicktype-core';
import { isObject, type Json, type JsonObject } from './contract.ts';

export const languages = ['typescript', 'java', 'csharp', 'go', 'python', 'rust'] as const;
export type Language = (typeof languages)[number];

/**
 * How an OpenAPI 3.0 tool reads the document: a `$ref` replaces its whole object, so siblings such
 * as a description are ignored (OpenAPI 3.0.3, Reference Object).
 */
export function asOpenApi30ToolReadsIt(doc: JsonObject): JsonObject {
  const strip = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isObject(node)) return node;
    if (typeof node.$ref === 'string') return { $ref: node.$ref };
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, strip(value)]));
  };
  return strip(doc) as JsonObject;
}

/** The description's schemas as one JSON Schema document, each schema a top-level type. */
function jsonSchemaOf(doc: JsonObject): string {
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  return JSON.stringify({ definitions: schemas }).replaceAll('"#/components/schemas/', '"#/definitions/');
}

/** The generated source for one language: `justTypes` gives the models alone, otherwise with their (de)serialisers. */
export async function generateModels(doc: JsonObject, language: Language, { justTypes = false } = {}): Promise<string> {
  const input = new JSONSchemaInput(new FetchingJSONSchemaStore());
  await input.addSource({ name: 'Contract', uris: ['contract.json#/definitions/'], schema: jsonSchemaOf(doc) });
  const inputData = new InputData();
  inputData.addInput(input);
  const result = await quicktype({ inputData, lang: language, rendererOptions: justTypes ? { 'just-types': 'true' } : {} });
  return result.lines.join('\n');
}

const declaration: Record<Language, RegExp> = {
  typescript: /^(?:export )?(?:interface|type|enum|class) (\w+)/gm,
  java: /^public (?:class|enum) (\w+)/gm,
  csharp: /^\s*public (?:partial )?(?:class|enum|struct) (\w+)/gm,
  go: /^type (\w+) /gm,
  python: /^class (\w+)/gm,
  rust: /^pub (?:struct|enum|type) (\w+)/gm,
};

/** The names of the types declared in generated models (generate them with `justTypes`). */
export function typeNames(language: Language, source: string): string[] {
  return [...source.matchAll(declaration[language])].map((match) => match[1]!);
}

export interface Field {
  /** Whether the generated type makes the field mandatory; null where the language's models cannot say (Java's). */
  required: boolean | null;
}

/** Each class or struct of the full generated source, with its fields by JSON name. */
export function modelFields(language: Language, source: string): Map<string, Map<string, Field>> {
  const models = new Map<string, Map<string, Field>>();
  const blocks = (pattern: RegExp) => [...source.matchAll(pattern)].map((m) => [m[1]!, m[2]!] as const);
  const collect = (pattern: RegExp, fields: (body: string) => Array<[string, Field]>) => {
    for (const [name, body] of blocks(pattern)) models.set(name, new Map([...(models.get(name) ?? []), ...fields(body)]));
  };
  switch (language) {
    case 'typescript':
      collect(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm, (body) =>
        [...body.matchAll(/^ {4}(\w+)(\??): /gm)].map((m) => [m[1]!, { required: m[2] === '' }]));
      break;
    case 'java':
      collect(/^public class (\w+) \{\n([\s\S]*?)^\}/gm, (body) =>
        [...new Set([...body.matchAll(/@JsonProperty\("([^"]+)"\)/g)].map((m) => m[1]!))].map((name) => [name, { required: null }]));
      break;
    case 'csharp':
      collect(/^ {4}public partial class (\w+)\n {4}\{\n([\s\S]*?)^ {4}\}/gm, (body) =>
        [...body.matchAll(/\[JsonPropertyName\("([^"]+)"\)\]\n(?:\s*\[[^\n]*\]\n)*\s*public (.+?) \w+ \{ get; set; \}/g)].map((m) => [m[1]!, { required: !m[2]!.endsWith('?') }]));
      break;
    case 'go':
      collect(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm, (body) =>
        // Optional: omitempty, or a pointer (quicktype's unions are pointers without omitempty).
        [...body.matchAll(/^\t\w+\s+(\S+)\s+`json:"([^",]+)(,omitempty)?"`/gm)].map((m) => [m[2]!, { required: m[3] === undefined && !m[1]!.startsWith('*') }]));
      break;
    case 'python':
      collect(/^class (\w+):\n([\s\S]*?)(?=^class |^def |(?![\s\S]))/gm, (body) =>
        [...body.matchAll(/^ {4}(\w+): ([^\n=]+?)( = None)?$/gm)].map((m) => [m[1]!, { required: m[3] === undefined && !m[2]!.includes('None') }]));
      break;
    case 'rust':
      collect(/^pub struct (\w+) \{\n([\s\S]*?)^\}/gm, (body) =>
        [...body.matchAll(/(?:#\[serde\(rename = "([^"]+)"\)\]\n\s*)?pub (\w+): (Option<)?/g)].map((m) => [m[1] ?? m[2]!, { required: m[3] === undefined }]));
      break;
  }
  return models;
}

const snakeCase = (name: string) => name.replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toLowerCase();

/** Each enumeration of the full generated source, with the JSON values it reads and writes. */
export function enumerations(language: Language, source: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (name: string, values: string[]) => found.set(name, [...(found.get(name) ?? []), ...values]);
  switch (language) {
    case 'typescript':
      for (const m of source.matchAll(/^export type (\w+) = ((?:"[^"]*"(?: \| )?)+);$/gm)) add(m[1]!, [...m[2]!.matchAll(/"([^"]*)"/g)].map((v) => v[1]!));
      break;
    case 'java':
      for (const m of source.matchAll(/^public enum (\w+) \{\n([\s\S]*?)^\}/gm)) add(m[1]!, [...m[2]!.matchAll(/case \w+: return "([^"]*)";/g)].map((v) => v[1]!));
      break;
    case 'csharp':
      for (const m of source.matchAll(/class (\w+)Converter : JsonConverter<(\w+)>[\s\S]*?override \w+ Read\(([\s\S]*?)throw new/g)) {
        // A switch over the values, or `if (value == "…")` for a single one.
        if (m[1] === m[2]) add(m[2]!, [...m[3]!.matchAll(/(?:case |value == )"([^"]*)"/g)].map((v) => v[1]!));
      }
      break;
    case 'go':
      for (const m of source.matchAll(/^\t\w+\s+(\w+) = "([^"]*)"$/gm)) add(m[1]!, [m[2]!]);
      break;
    case 'python':
      for (const m of source.matchAll(/^class (\w+)\(Enum\):\n([\s\S]*?)(?=^\S)/gm)) add(m[1]!, [...m[2]!.matchAll(/^ {4}\w+ = "([^"]*)"$/gm)].map((v) => v[1]!));
      break;
    case 'rust':
      // A variant without its own rename is the enum's rename_all case of its name (serde: none keeps the name).
      for (const m of source.matchAll(/(?:#\[serde\(rename_all = "(snake_case|SCREAMING_SNAKE_CASE)"\)\]\n)?pub enum (\w+) \{\n([\s\S]*?)^\}/gm)) {
        const cased = (name: string) => (m[1] === 'snake_case' ? snakeCase(name) : m[1] === 'SCREAMING_SNAKE_CASE' ? snakeCase(name).toUpperCase() : name);
        add(m[2]!, [...m[3]!.matchAll(/(?:#\[serde\(rename = "([^"]*)"\)\]\n\s*)?^ {4}(\w+),$/gm)].map((v) => v[1] ?? cased(v[2]!)));
      }
      break;
  }
  return found;
}

/** The generated doc comments, each as one line of text with its wrapping undone. */
export function docComments(language: Language, source: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = current.join(' ').replace(/<\/?summary>/g, '').replace(/\s+/g, ' ').trim();
    if (text !== '') blocks.push(text);
    current = [];
  };
  let inDocstring = false;
  for (const line of source.split('\n')) {
    if (language === 'python') {
      const quotes = (line.match(/"""/g) ?? []).length;
      if (inDocstring || quotes > 0) current.push(line.replaceAll('"""', ''));
      if (quotes % 2 === 1) inDocstring = !inDocstring;
      if (!inDocstring && quotes > 0) flush();
      continue;
    }
    const comment = {
      typescript: /^\s*(?:\/\*\*|\*\/|\*(?!\/))\s?(.*)$/,
      java: /^\s*(?:\/\*\*|\*\/|\*(?!\/))\s?(.*)$/,
      csharp: /^\s*\/\/\/\s?(.*)$/,
      rust: /^\s*\/\/\/\s?(.*)$/,
      go: /^\s*\/\/\s?(.*)$/,
    }[language].exec(line);
    if (comment) current.push(comment[1]!);
    else flush();
  }
  flush();
  return blocks;
}
