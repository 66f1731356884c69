import { describe, it, expect } from 'vitest';
import { jsonSchemaProvider } from '../../src/facts/providers/json-schema.js';
import { anchorInSchemas, buildSchemaTries, keySegments, matchSchema } from '../../src/engine/schema-index.js';
import { ConfigResolver } from '../../src/engine/config-resolver.js';
import { FactBase } from '../../src/facts/factbase.js';
import type { Claim, Fact } from '../../src/types.js';

const SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: {
    steps: { type: 'object', additionalProperties: { $ref: '#/definitions/step' } },
    services: { type: 'array', items: { $ref: '#/definitions/step' } },
    clone: { type: 'object', additionalProperties: false, properties: { git: { $ref: '#/definitions/step' } } },
    labels: { type: 'object' },
  },
  definitions: {
    step: {
      type: 'object',
      additionalProperties: false,
      properties: { image: { type: 'string' }, commands: { type: 'array', items: { type: 'string' } }, failure: { type: 'string', default: 'fail' }, settings: { type: 'object' } },
    },
  },
});

function schemaFacts(file = 'schema/pipeline.schema.json', text = SCHEMA): Fact[] {
  const out: Fact[] = [];
  jsonSchemaProvider.provide({ path: file, text }, { add: (f) => out.push({ ...f, provider: 'json-schema' }), problem: () => undefined });
  return out;
}

let n = 0;
function claim(key: string, extra: Partial<Claim> = {}): Claim {
  n++;
  return { id: `page.md#${n}:1:config-key:${key}`, kind: 'config-key', key, raw: key, span: { file: 'page.md', start: { line: n } }, sectionId: '', context: 'code-block', confidence: 0.9, ...extra };
}

describe('schema trie', () => {
  const [trie] = buildSchemaTries(schemaFacts());
  const root = trie!.root;

  it('splits key paths into keys and item segments', () => {
    expect(keySegments('steps.build.image')).toEqual(['steps', 'build', 'image']);
    expect(keySegments('services[db].image')).toEqual(['services', '[db]', 'image']);
    expect(keySegments('a[].b')).toEqual(['a', '[]', 'b']);
  });

  it('matches * as any one name and [] as any item', () => {
    expect(matchSchema(root, ['steps', 'anything', 'image'])).toMatchObject({ kind: 'match', free: false, node: { path: 'steps.*.image' } });
    expect(matchSchema(root, ['steps', 'anything'])).toMatchObject({ kind: 'match', free: true });
    expect(matchSchema(root, ['services', '[db]', 'commands'])).toMatchObject({ kind: 'match', node: { path: 'services[].commands' } });
  });

  it('tells missing keys (closed parent) from keys under missing ones and from open objects', () => {
    expect(matchSchema(root, ['pipeline'])).toMatchObject({ kind: 'miss', segment: 0 });
    expect(matchSchema(root, ['pipeline', 'build', 'image'])).toMatchObject({ kind: 'below-miss', segment: 0 });
    expect(matchSchema(root, ['steps', 'x', 'imag'])).toMatchObject({ kind: 'miss', segment: 2, parent: { path: 'steps.*' } });
    expect(matchSchema(root, ['labels', 'team'])).toMatchObject({ kind: 'open' });
    expect(matchSchema(root, ['steps', 'x', 'settings', 'repo'])).toMatchObject({ kind: 'open' });
    expect(matchSchema(root, ['steps', 'x', 'image', 'sub'])).toMatchObject({ kind: 'open' }); // a scalar with children: not judged
  });

  it('anchors a snippet where most of its keys are defined, and not a foreign one', () => {
    const good = anchorInSchemas([trie!], [claim('steps'), claim('steps.a'), claim('steps.a.image'), claim('steps.a.commands'), claim('steps.a.foo')]);
    expect(good.map((a) => a.node.path)).toEqual(['']);
    expect(good[0]?.matched).toBe(3);
    const foreign = anchorInSchemas([trie!], [claim('name'), claim('on'), claim('jobs.test.runs-on'), claim('jobs.test.image')]);
    expect(foreign).toEqual([]);
    // One top-level name is not a shape: a nested key must match too.
    expect(anchorInSchemas([trie!], [claim('steps'), claim('clone'), claim('other')])).toEqual([]);
  });

  it('anchors a partial snippet below a prefix', () => {
    const a = anchorInSchemas([trie!], [claim('git'), claim('git.image'), claim('git.commands')]);
    expect(a.map((x) => x.node.path)).toContain('clone');
  });

  it('takes a missing section whose keys fit a sibling for a rename', () => {
    const a = anchorInSchemas([trie!], [claim('pipeline'), claim('pipeline.build'), claim('pipeline.build.image'), claim('pipeline.build.commands')]);
    expect(a).toHaveLength(1);
    expect(a[0]?.renames.get('pipeline')?.path).toBe('steps');
  });
});

describe('ConfigResolver with schemas', () => {
  function resolver(claims: Claim[], extra: Fact[] = []) {
    const facts = new FactBase();
    facts.add(...schemaFacts(), ...extra);
    const blocks = new Map<string, Claim[]>();
    for (const c of claims) if (c.meta?.blockId) blocks.set(c.meta.blockId, [...(blocks.get(c.meta.blockId) ?? []), c]);
    return new ConfigResolver(facts, blocks);
  }

  it('judges a snippet with no config file against the schema', () => {
    const b = { blockId: 'b1' };
    const claims = [claim('pipeline', { meta: b }), claim('pipeline.x', { meta: b }), claim('pipeline.x.image', { meta: b }), claim('pipeline.x.commands', { meta: b })];
    const r = resolver(claims);
    const top = r.resolve(claims[0]!);
    expect(top).toMatchObject({ status: 'missing', key: 'pipeline', file: 'schema/pipeline.schema.json' });
    expect(top.status === 'missing' && top.near?.key).toBe('steps');
    expect(r.resolve(claims[2]!)).toMatchObject({ status: 'unjudged' });
  });

  it('finds keys the schema defines, leaves free names and user values unjudged', () => {
    const b = { blockId: 'b2' };
    const claims = [claim('steps', { meta: b }), claim('steps.build', { meta: b }), claim('steps.build.image', { meta: b, kind: 'config-value', value: 'golang' }), claim('steps.build.commands', { meta: b })];
    const r = resolver(claims);
    expect(r.resolve(claims[0]!)).toMatchObject({ status: 'found', key: 'steps' });
    expect(r.resolve(claims[1]!)).toMatchObject({ status: 'unjudged', reason: expect.stringMatching(/name the user chooses/) });
    expect(r.resolve(claims[2]!)).toMatchObject({ status: 'unjudged', reason: expect.stringMatching(/user's own setting/) });
    expect(r.resolve(claims[3]!)).toMatchObject({ status: 'found', key: 'steps.*.commands' });
  });

  it('compares a stated default with the schema default, for an exact inline path', () => {
    const c = claim('steps.build.failure', { kind: 'config-value', value: 'ignore', context: 'prose', meta: { default: true } });
    const r = resolver([c]).resolve(c);
    expect(r).toMatchObject({ status: 'found', key: 'steps.*.failure' });
    expect(r.status === 'found' && r.facts[0]?.value).toBe('fail');
  });

  it('never judges single inline names against a schema, and keeps schema files out of the config files', () => {
    const asConfig: Fact = { kind: 'config-key', key: 'definitions.step.properties.image', origin: { file: 'schema/pipeline.schema.json', start: { line: 1 } }, provider: 'config' };
    const r = resolver([], [asConfig]);
    expect(r.hasConfig()).toBe(false);
    const c = claim('steps', { context: 'inline-code' });
    expect(r.resolve(c).status).toBe('unjudged');
  });
});
