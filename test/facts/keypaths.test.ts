import { describe, it, expect } from 'vitest';
import { flatten, formatOfPath, normalizeKeyPath, parseTree, type ConfigFormat, type KeyEntry } from '../../src/util/keypaths.js';

/** `path → [value, line, leaf]` for compact assertions (first entry of a path). */
function table(entries: KeyEntry[]): Record<string, [string | undefined, number, boolean]> {
  const out: Record<string, [string | undefined, number, boolean]> = {};
  for (const e of entries) out[e.path] ??= [e.value, e.line, e.leaf];
  return out;
}

function entry(entries: KeyEntry[], path: string): KeyEntry {
  const found = entries.filter((e) => e.path === path);
  if (found.length !== 1) throw new Error(`expected one entry ${path}, found ${found.length}`);
  return found[0] as KeyEntry;
}

const K8S = `# api workload
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.2
          args: ["--port", "8080"]
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: "info"
            - name: TIMEOUT
              value: 1.50
        - image: busybox
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ports:
    - port: 80
      targetPort: 8080
`;

describe('flatten yaml', () => {
  it('flattens a multi-document Kubernetes file with named array items, values and lines', () => {
    const { entries, errors } = flatten('yaml', K8S);
    expect(errors).toEqual([]);
    const t = table(entries);
    expect(t['apiVersion']).toEqual(['apps/v1', 2, true]);
    expect(t['spec']).toEqual([undefined, 6, false]);
    expect(t['spec.replicas']).toEqual(['3', 7, true]);
    expect(t['spec.template.spec.containers']).toEqual([undefined, 10, false]);
    expect(t['spec.template.spec.containers[api]']).toEqual([undefined, 11, false]);
    expect(t['spec.template.spec.containers[api].image']).toEqual(['ghcr.io/acme/api:1.4.2', 12, true]);
    expect(t['spec.template.spec.containers[api].args']).toEqual(['--port, 8080', 13, true]);
    expect(t['spec.template.spec.containers[api].ports[].containerPort']).toEqual(['8080', 15, true]);
    expect(t['spec.template.spec.containers[api].env[LOG_LEVEL].value']).toEqual(['info', 18, true]);
    expect(t['spec.template.spec.containers[api].env[TIMEOUT].value']).toEqual(['1.50', 20, true]);
    // The unnamed container gets `[]`.
    expect(t['spec.template.spec.containers[].image']).toEqual(['busybox', 21, true]);
    // Second document.
    const kind = entries.filter((e) => e.path === 'kind');
    expect(kind.map((e) => [e.value, e.line, e.doc])).toEqual([
      ['Deployment', 3, 0],
      ['Service', 24, 1],
    ]);
    expect(entry(entries, 'spec.ports[].targetPort')).toMatchObject({ value: '8080', line: 30, column: 7, doc: 1 });
    // Array of scalars: one leaf, nothing below it.
    expect(entries.some((e) => e.path.startsWith('spec.template.spec.containers[api].args') && e.path !== 'spec.template.spec.containers[api].args')).toBe(false);
  });

  it('gives the key column', () => {
    const { entries } = flatten('yaml', K8S);
    expect(entry(entries, 'spec.replicas')).toMatchObject({ line: 7, column: 3 });
    expect(entry(entries, 'spec.template.spec.containers[api].image')).toMatchObject({ line: 12, column: 11 });
  });

  it('keeps numbers and booleans as written, null as null, strings unquoted, templates as written', () => {
    const text = `port: 0x1F90
ratio: 1.50
enabled: yes
strict: false
missing:
tilde: ~
quoted: "007"
single: 'it''s'
image: {{ .Values.image }}
url: \${API_URL}
cmd: $(HOSTNAME)
block: |
  line one
  line two
empty: []
emptyMap: {}
`;
    const { entries, errors } = flatten('yaml', text);
    expect(errors).toEqual([]);
    const t = table(entries);
    expect(t['port']).toEqual(['0x1F90', 1, true]);
    expect(t['ratio']).toEqual(['1.50', 2, true]);
    expect(t['enabled']).toEqual(['yes', 3, true]);
    expect(t['strict']).toEqual(['false', 4, true]);
    expect(t['missing']).toEqual(['null', 5, true]);
    expect(t['tilde']).toEqual(['null', 6, true]);
    expect(t['quoted']).toEqual(['007', 7, true]);
    expect(t['single']).toEqual(["it's", 8, true]);
    expect(t['image']).toEqual(['{{ .Values.image }}', 9, true]);
    expect(t['url']).toEqual(['${API_URL}', 10, true]);
    expect(t['cmd']).toEqual(['$(HOSTNAME)', 11, true]);
    expect(t['block']).toEqual(['line one\nline two\n', 12, true]);
    expect(t['empty']).toEqual(['', 15, true]);
    expect(t['emptyMap']).toEqual([undefined, 16, false]);
  });

  it('resolves anchors, aliases and merge keys', () => {
    const text = `defaults: &defaults
  timeout: 30
  retries: 3
hosts: &hosts [a, b]
production:
  <<: *defaults
  timeout: 60
  hosts: *hosts
`;
    const { entries, errors } = flatten('yaml', text);
    expect(errors).toEqual([]);
    const t = table(entries);
    expect(t['production.timeout']).toEqual(['60', 7, true]);
    // Merged keys point at where the value is written (the anchor).
    expect(t['production.retries']).toEqual(['3', 3, true]);
    expect(t['production.hosts']).toEqual(['a, b', 8, true]);
    expect(entries.some((e) => e.path.includes('<<'))).toBe(false);
  });

  it('reports a broken document with its line and keeps the documents that parsed', () => {
    const text = `a: 1
---
b: [1, 2
c: 3
---
d: 4
`;
    const { entries, errors } = flatten('yaml', text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^line 4, column 1: .*\(document 2/);
    expect(entries.map((e) => [e.path, e.value, e.line, e.doc])).toEqual([
      ['a', '1', 1, 0],
      ['d', '4', 6, 2],
    ]);
  });

  it('guards against alias bombs', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { errors } = flatten('yaml', lines.join('\n'));
    expect(errors.join('\n')).toMatch(/too many aliases/);
  });

  it('reads large documents without aliases in full', () => {
    const text = Array.from({ length: 60_000 }, (_, i) => `k${i}: [${i}, ${i + 1}]`).join('\n');
    const { entries, errors } = flatten('yaml', text);
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(60_000);
    expect(entries[59_999]).toMatchObject({ path: 'k59999', value: '59999, 60000', line: 60_000 });
  });
});

describe('flatten json', () => {
  it('gives key positions, values as written, named and unnamed array items', () => {
    const text = `{
  "server": {
    "port": 8080,
    "ratio": 1.50,
    "tls": false,
    "proxy": null,
    "hosts": ["a", "b"]
  },
  "routes": [
    { "id": "health", "path": "/healthz" },
    { "path": "/metrics" }
  ]
}`;
    const { entries, errors } = flatten('json', text);
    expect(errors).toEqual([]);
    const t = table(entries);
    expect(t['server']).toEqual([undefined, 2, false]);
    expect(t['server.port']).toEqual(['8080', 3, true]);
    expect(t['server.ratio']).toEqual(['1.50', 4, true]);
    expect(t['server.tls']).toEqual(['false', 5, true]);
    expect(t['server.proxy']).toEqual(['null', 6, true]);
    expect(t['server.hosts']).toEqual(['a, b', 7, true]);
    expect(t['routes[health].path']).toEqual(['/healthz', 10, true]);
    expect(t['routes[].path']).toEqual(['/metrics', 11, true]);
    expect(entry(entries, 'server.port')).toMatchObject({ column: 5 });
  });

  it('accepts JSONC comments and trailing commas', () => {
    const text = `{
  // editor settings
  "compilerOptions": {
    /* strictness */ "strict": true,
  },
}`;
    const { entries, errors } = flatten('json', text);
    expect(errors).toEqual([]);
    expect(table(entries)['compilerOptions.strict']).toEqual(['true', 4, true]);
  });

  it('reports malformed JSON with its line and keeps what came before', () => {
    const text = `{
  "name": "api",
  "port": 8080
  "host": "localhost"
}`;
    const { entries, errors } = flatten('json', text);
    expect(errors).toEqual([`line 4, column 3: Expected ',' or '}' after property value, found '"'`]);
    expect(entries.map((e) => [e.path, e.value, e.line])).toEqual([
      ['name', 'api', 2],
      ['port', '8080', 3],
    ]);
  });

  it('reports unterminated input and empty input', () => {
    expect(flatten('json', '{"a": [1, 2').errors).toEqual(["line 1, column 11: Expected ',' or ']' after array element, found end of input"]);
    expect(flatten('json', '').errors[0]).toMatch(/^line 1, column 1: No JSON value/);
    expect(flatten('json', '{"a": 1}}').errors).toEqual([`line 1, column 9: Unexpected '}' after the JSON value`]);
  });

  it('reports comments and trailing commas in strict mode', () => {
    const { errors, docs } = parseTree('json', '{\n  "a": 1, // note\n}', { strictJson: true });
    expect(errors).toEqual(['line 2, column 11: Comments are not allowed in JSON', 'line 2, column 9: Trailing comma is not allowed in JSON']);
    expect(docs).toHaveLength(1);
  });
});

describe('flatten toml', () => {
  const text = `title = "payments"
port = 8_080 # inline comment

[server]
host = "0.0.0.0"
timeout = 1.50
tags = [
  "a",
  "b",
]
tls.enabled = true

[[server.backends]]
name = "alpha"
ip = "10.0.0.1"

[[server.backends]]
ip = "10.0.0.2"

[database.pool]
size = 10
started = 1979-05-27T07:32:00Z
opts = { retries = 3, mode = "fast" }
`;

  it('locates tables, arrays of tables, dotted keys and multi-line values', () => {
    const { entries, errors } = flatten('toml', text);
    expect(errors).toEqual([]);
    const t = table(entries);
    expect(t['title']).toEqual(['payments', 1, true]);
    expect(t['port']).toEqual(['8_080', 2, true]);
    expect(t['server']).toEqual([undefined, 4, false]);
    expect(t['server.host']).toEqual(['0.0.0.0', 5, true]);
    expect(t['server.timeout']).toEqual(['1.50', 6, true]);
    expect(t['server.tags']).toEqual(['a, b', 7, true]);
    expect(t['server.tls.enabled']).toEqual(['true', 11, true]);
    expect(t['server.backends']).toEqual([undefined, 13, false]);
    expect(t['server.backends[alpha]']).toEqual([undefined, 13, false]);
    expect(t['server.backends[alpha].ip']).toEqual(['10.0.0.1', 15, true]);
    expect(t['server.backends[].ip']).toEqual(['10.0.0.2', 18, true]);
    expect(t['database']).toEqual([undefined, 20, false]);
    expect(t['database.pool.size']).toEqual(['10', 21, true]);
    expect(t['database.pool.started']).toEqual(['1979-05-27T07:32:00Z', 22, true]);
    // Keys inside an inline table take the line of the key holding it.
    expect(t['database.pool.opts.retries']).toEqual(['3', 23, true]);
  });

  it('reports malformed TOML with its line and keeps the lines above it', () => {
    const bad = `name = "api"
[server]
port = 8080
host = 
debug = true
`;
    const { entries, errors } = flatten('toml', bad);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^line 4, column \d+: /);
    expect(entries.map((e) => [e.path, e.value, e.line])).toEqual([
      ['name', 'api', 1],
      ['server', undefined, 2],
      ['server.port', '8080', 3],
    ]);
  });

  it('reports a duplicate table', () => {
    const { errors } = flatten('toml', '[a]\nx = 1\n[a]\ny = 2\n');
    expect(errors[0]).toMatch(/^line 3/);
  });
});

describe('flatten ini', () => {
  it('reads sections, separators, comments, quotes and continuation lines', () => {
    const text = `; global
name = payments
[server]
port = 8080 ; the port
host: "localhost"
# comment
[remote "origin"]
url = git@github.com:acme/payments.git
[options]
install_requires =
    requests
    click
verbose
`;
    const { entries, errors } = flatten('ini', text);
    expect(errors).toEqual([]);
    const t = table(entries);
    expect(t['name']).toEqual(['payments', 2, true]);
    expect(t['server']).toEqual([undefined, 3, false]);
    expect(t['server.port']).toEqual(['8080', 4, true]);
    expect(t['server.host']).toEqual(['localhost', 5, true]);
    expect(t['remote.origin.url']).toEqual(['git@github.com:acme/payments.git', 8, true]);
    expect(t['options.install_requires']).toEqual(['requests\nclick', 10, true]);
    expect(t['options.verbose']).toEqual([undefined, 13, true]);
  });

  it('reports lines it cannot read and keeps the rest', () => {
    const { entries, errors } = flatten('ini', '[a\nx = 1\nnot a key line!\n[b]\ny = 2\n');
    expect(errors).toEqual(["line 1: section header is not closed with ']'", "line 3: expected 'key = value'"]);
    expect(table(entries)['b.y']).toEqual(['2', 5, true]);
    expect(table(entries)['x']).toEqual(['1', 2, true]);
  });
});

describe('flatten properties', () => {
  it('reads dotted keys, separators, continuations and escapes, with intermediate entries', () => {
    const text = `# Spring
spring.datasource.url=jdbc:postgresql://db:5432/app
server.port : 8080
app.greeting Hello world
app.list[0]=first
app.description = one \\
    two \\
    three
key\\:with\\=escapes = yes
! bang comment
`;
    const { entries, errors } = flatten('properties', text);
    expect(errors).toEqual([]);
    const t = table(entries);
    expect(t['spring']).toEqual([undefined, 2, false]);
    expect(t['spring.datasource']).toEqual([undefined, 2, false]);
    expect(t['spring.datasource.url']).toEqual(['jdbc:postgresql://db:5432/app', 2, true]);
    expect(t['server.port']).toEqual(['8080', 3, true]);
    expect(t['app.greeting']).toEqual(['Hello world', 4, true]);
    expect(t['app.list[]']).toEqual(['first', 5, true]);
    expect(t['app.description']).toEqual(['one two three', 6, true]);
    expect(t['key:with=escapes']).toEqual(['yes', 9, true]);
    expect(entries.filter((e) => e.path === 'app')).toHaveLength(1);
  });
});

describe('flatten dotenv', () => {
  it('reads KEY=value lines without dotting keys', () => {
    const text = `# Example env
export DATABASE_URL=postgres://localhost/app
LOG_LEVEL = debug # inline comment
SECRET="s3cr3t # not a comment"
SINGLE='raw \\n value'
COLOR=#fff
EMPTY=
MULTI="first
second"
app.name=payments
`;
    const { entries, errors } = flatten('dotenv', text);
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.path, e.value, e.line, e.column])).toEqual([
      ['DATABASE_URL', 'postgres://localhost/app', 2, 8],
      ['LOG_LEVEL', 'debug', 3, 1],
      ['SECRET', 's3cr3t # not a comment', 4, 1],
      ['SINGLE', 'raw \\n value', 5, 1],
      ['COLOR', '#fff', 6, 1],
      ['EMPTY', '', 7, 1],
      ['MULTI', 'first\nsecond', 8, 1],
      ['app.name', 'payments', 10, 1],
    ]);
    expect(entries.every((e) => e.leaf)).toBe(true);
  });

  it('reports malformed lines and unterminated quotes', () => {
    const { entries, errors } = flatten('dotenv', 'GOOD=1\nthis is not env\nBAD="open\n');
    expect(errors).toEqual(['line 2: expected KEY=value', 'line 3: unterminated " quote in value of BAD']);
    expect(entries.map((e) => e.path)).toEqual(['GOOD', 'BAD']);
  });
});

describe('flatten robustness', () => {
  const garbage = [
    '',
    '\u0000\u0001',
    '{{{{',
    ']]]][[',
    ':::',
    '"unterminated',
    '- - - -\n  - ? : !',
    'a: *nope',
    '[[[a]]]\n= = =',
    '\\\n\\\n',
    'x'.repeat(10_000),
    '{"a":'.repeat(2000),
  ];
  const formats: ConfigFormat[] = ['yaml', 'json', 'toml', 'ini', 'properties', 'dotenv'];
  it('never throws, and every error names a line', () => {
    for (const format of formats) {
      for (const text of garbage) {
        const r = flatten(format, text);
        for (const e of r.errors) expect(e, `${format}: ${JSON.stringify(text.slice(0, 20))}`).toMatch(/^line \d+/);
        for (const e of r.entries) expect(e.line).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('emits paths that are already canonical', () => {
    for (const [format, text] of [
      ['yaml', K8S],
      ['properties', 'a.b[3]=1\n.c=2\n'],
      ['ini', '[s]\nk[0] = 1\n'],
    ] as const) {
      for (const e of flatten(format, text).entries) expect(normalizeKeyPath(e.path)).toBe(e.path);
    }
  });
});

describe('normalizeKeyPath', () => {
  it.each([
    ['.spec.replicas', 'spec.replicas'],
    ['$.spec.containers[0].image', 'spec.containers[].image'],
    ['spec.containers[*].image', 'spec.containers[].image'],
    ['env["LOG_LEVEL"].value', 'env[LOG_LEVEL].value'],
    ["env['LOG_LEVEL']", 'env[LOG_LEVEL]'],
    ['a.[x].b', 'a[x].b'],
    ['a..b.', 'a.b'],
    ['  server.port  ', 'server.port'],
    ['items[my.service].port', 'items[my.service].port'],
    ['$schema', '$schema'],
    ['Server.Port', 'Server.Port'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeKeyPath(input)).toBe(expected);
    expect(normalizeKeyPath(expected)).toBe(expected);
  });
});

describe('formatOfPath', () => {
  it.each([
    ['deploy/k8s/app.yaml', 'yaml'],
    ['docker-compose.yml', 'yaml'],
    ['tsconfig.json', 'json'],
    ['.vscode/settings.jsonc', 'json'],
    ['pyproject.toml', 'toml'],
    ['setup.cfg', 'ini'],
    ['php.ini', 'ini'],
    ['etc/supervisord.conf', 'ini'],
    ['src/main/resources/application.properties', 'properties'],
    ['.env', 'dotenv'],
    ['.env.example', 'dotenv'],
    ['config/.env.production', 'dotenv'],
    ['docker/app.env', 'dotenv'],
    ['.env.local.yaml', 'yaml'],
    ['README.md', undefined],
    ['Makefile', undefined],
    ['.envrc', undefined],
  ])('%s → %s', (path, format) => {
    expect(formatOfPath(path)).toBe(format);
  });
});
