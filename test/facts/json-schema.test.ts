import { describe, it, expect } from 'vitest';
import { jsonSchemaProvider, isJsonSchema, walkSchema, MAX_FACTS } from '../../src/facts/providers/json-schema.js';
import { parseTree } from '../../src/util/keypaths.js';
import { runProvider, type ProvidedFact } from './helpers.js';

/** A draft-07 pipeline schema: refs into `definitions`, a free-name map or list of steps, closed objects. */
const DRAFT7 = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "Pipeline file",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "steps": { "$ref": "#/definitions/step_list" },
    "workspace": { "type": "object", "additionalProperties": true },
    "variables": { "description": "anything goes" },
    "skip_clone": { "type": "boolean", "default": false },
    "labels": { "type": "object", "patternProperties": { "^[a-z]+$": { "type": "string" } } }
  },
  "definitions": {
    "step_list": {
      "oneOf": [
        { "type": "object", "additionalProperties": { "$ref": "#/definitions/step" } },
        { "type": "array", "items": { "$ref": "#/definitions/step" } }
      ]
    },
    "step": {
      "anyOf": [{ "$ref": "#/definitions/commands_step" }, { "$ref": "#/definitions/plugin_step" }]
    },
    "commands_step": {
      "type": "object",
      "additionalProperties": false,
      "allOf": [{ "if": { "properties": { "detach": { "const": true } } }, "then": {}, "else": { "anyOf": [{ "required": ["commands"] }] } }],
      "properties": {
        "image": { "type": "string" },
        "commands": { "type": "array", "items": { "type": "string" } },
        "when": { "$ref": "#/definitions/when" },
        "failure": { "type": "string", "default": "fail" }
      }
    },
    "plugin_step": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "image": { "type": "string" },
        "settings": { "type": "object", "additionalProperties": { "type": ["string", "number", "boolean", "object", "array"] } }
      }
    },
    "when": {
      "type": "object",
      "additionalProperties": false,
      "properties": { "event": { "type": "string" }, "branch": { "type": "string" } }
    }
  }
}
`;

/** A 2020-12 schema: `$defs`, `unevaluatedProperties`, `prefixItems`, a recursive definition. */
const DRAFT2020 = `$schema: https://json-schema.org/draft/2020-12/schema
type: object
unevaluatedProperties: false
allOf:
  - $ref: '#/$defs/base'
properties:
  tree:
    $ref: '#/$defs/node'
  pair:
    type: array
    prefixItems:
      - type: object
        properties:
          left: { type: string }
$defs:
  base:
    properties:
      name: { type: string }
  node:
    type: object
    additionalProperties: false
    properties:
      value: { type: number, default: 0 }
      children:
        type: array
        items:
          $ref: '#/$defs/node'
`;

function byKey(facts: ProvidedFact[]): Map<string, ProvidedFact> {
  return new Map(facts.map((f) => [f.key, f]));
}

describe('json-schema provider: detection', () => {
  it('reads JSON and YAML files, not under tests, fixtures, node_modules or vendor', () => {
    expect(jsonSchemaProvider.matches('schema/pipeline.schema.json')).toBe(true);
    expect(jsonSchemaProvider.matches('config/app.schema.yaml')).toBe(true);
    for (const p of ['test/schema.json', 'fixtures/a.json', 'node_modules/x/schema.json', 'vendor/x/schema.json', 'README.md']) expect(jsonSchemaProvider.matches(p)).toBe(false);
  });

  it('takes a file as a schema by its $schema dialect, or by its name with properties or definitions at the top', () => {
    const tree = (text: string, format: 'json' | 'yaml' = 'json') => parseTree(format, text).docs[0]?.root as Parameters<typeof isJsonSchema>[0];
    expect(isJsonSchema(tree('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {}}'), 'any.json')).toBe(true);
    expect(isJsonSchema(tree('{"properties": {"a": {}}}'), 'lib/schema.json')).toBe(true);
    expect(isJsonSchema(tree('{"definitions": {"a": {}}}'), 'lib/plugin.schema.json')).toBe(true);
    // An instance naming its schema, and a config file with a `properties` key, are not schemas.
    expect(isJsonSchema(tree('{"$schema": "https://json.schemastore.org/tsconfig", "compilerOptions": {}}'), 'tsconfig.json')).toBe(false);
    expect(isJsonSchema(tree('{"properties": {"a": 1}}'), 'config/app.json')).toBe(false);
  });

  it('gives no facts for a file that is not a schema', () => {
    expect(runProvider(jsonSchemaProvider, 'config/app.json', '{"server": {"port": 8080}}').facts).toEqual([]);
  });
});

describe('json-schema provider: draft-07', () => {
  const run = runProvider(jsonSchemaProvider, 'schema/pipeline.schema.json', DRAFT7);
  const facts = byKey(run.of('config-key'));

  it('follows $refs through oneOf/anyOf, with * for free names and [] for array items', () => {
    for (const k of ['steps', 'steps.*', 'steps.*.image', 'steps.*.commands', 'steps.*.settings', 'steps.*.when.event', 'steps[]', 'steps[].image', 'steps[].when.branch', 'labels.*', 'skip_clone']) {
      expect(facts.has(k), k).toBe(true);
    }
    expect(run.problems).toEqual([]);
  });

  it('does not read the properties of an `if` as definitions', () => {
    expect(facts.has('steps.*.detach')).toBe(false);
  });

  it('puts each key at the line of the property that declares it', () => {
    const lines = DRAFT7.split('\n');
    const line = (f: ProvidedFact | undefined) => lines[(f?.origin.start.line ?? 0) - 1] ?? '';
    expect(line(facts.get('steps'))).toContain('"steps"');
    expect(line(facts.get('steps.*.image'))).toContain('"image"');
    expect(line(facts.get('steps.*'))).toContain('additionalProperties');
    expect(line(facts.get('steps[]'))).toContain('"items"');
    expect(line(facts.get('steps.*.when.event'))).toContain('"event"');
  });

  it('marks closed objects: additionalProperties false everywhere, through unions; open when unknown', () => {
    const closed = (k: string) => facts.get(k)?.meta?.['closed'];
    expect(closed('steps.*')).toBe(true); // both alternatives closed; the empty `then` opens nothing
    expect(closed('steps[]')).toBe(true);
    expect(closed('steps.*.when')).toBe(true);
    expect(closed('workspace')).toBe(false); // additionalProperties: true
    expect(closed('variables')).toBe(false); // no constraint at all
    expect(closed('steps.*.settings')).toBe(false);
    expect(closed('steps')).toBe(false); // a free-name map (and a list)
    expect(facts.get('steps')?.meta?.['parentClosed']).toBe(true); // the root
    expect(facts.get('steps.*.image')?.meta).toMatchObject({ schema: true, parentClosed: true, leaf: true });
  });

  it('gives defaults as values', () => {
    expect(facts.get('skip_clone')).toMatchObject({ value: 'false', meta: { default: true } });
    expect(facts.get('steps.*.failure')).toMatchObject({ value: 'fail', meta: { default: true } });
    expect(facts.get('steps.*.image')?.value).toBeUndefined();
  });

  it('leaves an object open when one alternative accepts anything', () => {
    const schema = `{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false,
      "properties": {"a": {"anyOf": [{"type": "object", "additionalProperties": false, "properties": {"x": {}}}, {}]},
                     "b": {"$ref": "other.json#/definitions/b"}}}`;
    const f = byKey(runProvider(jsonSchemaProvider, 's.json', schema).of('config-key'));
    expect(f.get('a')?.meta?.['closed']).toBe(false);
    expect(f.get('a.x')).toBeDefined();
    expect(f.get('b')?.meta?.['closed']).toBe(false); // a $ref to another file is not followed
  });
});

describe('json-schema provider: 2020-12', () => {
  const run = runProvider(jsonSchemaProvider, 'config/app.schema.yaml', DRAFT2020);
  const facts = byKey(run.of('config-key'));

  it('reads $defs, allOf branches and prefixItems', () => {
    expect(facts.has('name')).toBe(true);
    expect(facts.has('pair[].left')).toBe(true);
    expect(facts.get('tree.value')).toMatchObject({ value: '0', meta: { default: true } });
    expect(facts.get('tree')?.meta?.['closed']).toBe(true);
    expect(facts.get('tree')?.meta?.['parentClosed']).toBe(true); // unevaluatedProperties: false at the root
  });

  it('stops at a recursive $ref and leaves that position open', () => {
    expect(facts.has('tree.children[]')).toBe(true);
    expect(facts.get('tree.children[]')?.meta?.['closed']).toBe(false);
    expect(facts.has('tree.children[].value')).toBe(false);
  });

  it('survives a self-referencing union', () => {
    const schema = '{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"a": {"anyOf": [{"$ref": "#/definitions/a"}, {"properties": {"x": {"$ref": "#"}}}]}}, "$ref": "#/definitions/a"}';
    const f = runProvider(jsonSchemaProvider, 's.json', schema).keys('config-key');
    expect(f).toEqual(['x']);
  });
});

describe('json-schema provider: size', () => {
  it('caps the facts of a large schema and says so', () => {
    const props = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, { type: 'object', properties: Object.fromEntries(Array.from({ length: 40 }, (_, j) => [`p${j}`, { type: 'string' }])) }]));
    const text = JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, properties: props }, null, 1);
    const run = runProvider(jsonSchemaProvider, 'big.schema.json', text);
    expect(run.facts.length).toBeLessThanOrEqual(MAX_FACTS);
    expect(run.problems.join()).toMatch(/large/);
    // A truncated object is open, so that keys beyond the cap are never called missing.
    const truncated = run.facts.filter((f) => f.meta?.['truncated']);
    expect(truncated.length).toBeGreaterThan(0);
    for (const f of truncated) expect(f.meta?.['closed']).toBe(false);
  });

  it('walks deep schemas only to a bounded depth', () => {
    let node: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) node = { type: 'object', additionalProperties: false, properties: { [`l${i}`]: node } };
    const root = parseTree('json', JSON.stringify(node)).docs[0]?.root;
    const walk = walkSchema(root as NonNullable<typeof root>);
    expect(walk.truncated).toBe(true);
    expect(Math.max(...walk.entries.map((e) => e.key.split('.').length))).toBeLessThanOrEqual(16);
  });
});
