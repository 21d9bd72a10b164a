// Models generated from the published 3.1 and 3.0 files with quicktype, a generator other language
// teams install from npm, in six languages. What the contract means must arrive in each: the type
// names it gives (none of them a name the language already uses), every field with its required
// flag, every enumeration with its values, and, for a 3.0 reader, every description a 3.1 reader gets.
import { Converter } from '@apiture/openapi-down-convert';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundle, type JsonObject } from '../helpers/contract.ts';
import { builtinIn } from '../helpers/language-builtins.ts';
import { asOpenApi30ToolReadsIt, docComments, enumerations, generateModels, languages, modelFields, typeNames, type Language } from '../helpers/quicktype.ts';

const v31 = loadBundle('openapi.json');
const v30 = asOpenApi30ToolReadsIt(loadBundle('openapi-3.0.json'));
const schemas = (v31.components as JsonObject).schemas as Record<string, JsonObject>;

const objects = Object.keys(schemas).filter((name) => schemas[name]!.type === 'object');
const enums = Object.keys(schemas).filter((name) => Array.isArray(schemas[name]!.enum));
/** The one type a generator names itself: the object-or-string union of NodeExecution.error_message. */
const namedByGenerator = new Set(['ErrorMessage']);

/** quicktype's C# and Rust renderers write an acronym as a word: OBSTriggerConfig becomes ObsTriggerConfig. */
const modelName = (language: Language, name: string) =>
  language === 'csharp' || language === 'rust' ? name.replace(/([A-Z])([A-Z]+)(?=[A-Z][a-z])/g, (_all, first: string, rest: string) => first + rest.toLowerCase()) : name;

/** quicktype's C# renderer keeps a top-level enumeration's own name for its converter class and appends Enum. */
const enumName = (language: Language, name: string) => (language === 'csharp' ? `${name}Enum` : name);

interface Generated {
  types: string[];
  full: string;
}
const generated: Record<'3.1' | '3.0', Partial<Record<Language, Generated>>> = { '3.1': {}, '3.0': {} };

beforeAll(async () => {
  // One language at a time: quicktype is synchronous CPU work, and the machine may be shared.
  for (const [version, doc] of [['3.1', v31], ['3.0', v30]] as const) {
    for (const language of languages) {
      generated[version][language] = {
        types: typeNames(language, await generateModels(doc, language, { justTypes: true })),
        full: await generateModels(doc, language),
      };
    }
  }
}, 120_000);

const cases = (['3.1', '3.0'] as const).flatMap((version) => languages.map((language) => [version, language] as const));

describe.each(cases)('quicktype from the %s file: %s', (version, language) => {
  const models = () => generated[version][language]!;

  it('names each model and enumeration as the contract does, and invents no other name', () => {
    const { types } = models();
    for (const name of objects) expect(types, name).toContain(modelName(language, name));
    for (const name of enums) expect(types, name).toContain(enumName(language, name));
    // Aliases of plain strings (ExecutionId, WorkflowUrn) come out in the language's casing (ExecutionID).
    const known = new Set([...Object.keys(schemas), ...namedByGenerator].map((name) => name.toLowerCase()));
    const invented = types.filter((name) => !known.has(name.toLowerCase()) && !known.has(name.replace(/Enum$/, '').toLowerCase()));
    expect(invented).toEqual([]);
  });

  it('uses no name that Java, C#, Go, Python, Rust or TypeScript already gives a meaning', () => {
    const taken = models().types.flatMap((name) => builtinIn(name).map((where) => `${name} (${where})`));
    expect(taken).toEqual([]);
  });

  it('carries every field of every model, required where the contract requires it', () => {
    const fields = modelFields(language, models().full);
    for (const name of objects) {
      const schema = schemas[name]!;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const generatedFields = fields.get(modelName(language, name));
      expect(generatedFields, `model ${name}`).toBeDefined();
      for (const property of Object.keys(schema.properties as JsonObject)) {
        const field = generatedFields!.get(property);
        expect(field, `${name}.${property}`).toBeDefined();
        if (field!.required !== null) expect(field!.required, `${name}.${property} required`).toBe(required.has(property));
      }
      expect([...generatedFields!.keys()].sort(), name).toEqual(Object.keys(schema.properties as JsonObject).sort());
    }
  });

  it('carries every enumeration with exactly its values', () => {
    const found = enumerations(language, models().full);
    for (const name of enums) {
      expect(found.get(enumName(language, name))?.slice().sort(), name).toEqual((schemas[name]!.enum as string[]).slice().sort());
    }
  });
});

describe.each(languages)('a 3.0 consumer in %s', (language) => {
  it('gets every doc comment a 3.1 consumer gets', () => {
    const comments30 = new Set(docComments(language, generated['3.0'][language]!.full));
    const comments31 = docComments(language, generated['3.1'][language]!.full);
    expect(comments31.length).toBeGreaterThan(40);
    expect(comments31.filter((comment) => !comments30.has(comment))).toEqual([]);
  });
});

describe('the checks find what they look for (they are really checking)', () => {
  it('a schema named Error and an inline enumeration named by the generator are caught', async () => {
    const doc = structuredClone(v31);
    const components = (doc.components as JsonObject).schemas as Record<string, JsonObject>;
    components.Error = components.ErrorResponse!;
    delete components.CallbackWorkflowRequestBodyResult;
    (components.CallbackWorkflowRequestBody!.properties as JsonObject).result = { type: 'string', enum: ['success', 'fail'] };
    const typescript = typeNames('typescript', await generateModels(doc, 'typescript', { justTypes: true }));
    expect(typescript).toEqual(expect.arrayContaining(['Error', 'Result']));
    expect(builtinIn('Error')).toEqual(expect.arrayContaining(['java', 'typescript', 'rust']));
    expect(builtinIn('Result')).toContain('rust');
  });

  it('a required field made optional, and a lost enumeration value, are caught in every language', async () => {
    const doc = structuredClone(v31);
    const components = (doc.components as JsonObject).schemas as Record<string, JsonObject>;
    components.ErrorResponse!.required = ['error_code'];
    components.CallbackWorkflowRequestBodyResult!.enum = ['success'];
    for (const language of languages) {
      const full = await generateModels(doc, language);
      const field = modelFields(language, full).get('ErrorResponse')?.get('error_msg');
      if (field?.required !== null) expect(field?.required, language).toBe(false);
      expect(enumerations(language, full).get(enumName(language, 'CallbackWorkflowRequestBodyResult')), language).toEqual(['success']);
    }
  });

  it('a 3.0 file whose $refs carry descriptions loses them, and the comparison shows it', async () => {
    const careless = asOpenApi30ToolReadsIt(new Converter(structuredClone(v31)).convert() as JsonObject);
    const comments = new Set(docComments('go', await generateModels(careless, 'go')));
    const lost = docComments('go', generated['3.1'].go!.full).filter((comment) => !comments.has(comment));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.join('\n')).toContain('ID of the execution just started');
  });

  it('the doc comments read back are the descriptions, unwrapped', () => {
    const text = (schemas.ErrorResponse!.properties as Record<string, JsonObject>).request_id!.description as string;
    for (const language of languages) {
      expect(docComments(language, generated['3.1'][language]!.full), language).toContain(text.replace(/\s+/g, ' ').trim());
    }
  });
});
