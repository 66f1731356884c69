import { describe, it, expect } from 'vitest';
import { configFilesProvider, isComposeFile, parseComposePort } from '../../src/facts/providers/config-files.js';
import { runProvider, triples } from './helpers.js';

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
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: db
                  key: url
            - name: LOG_LEVEL
              value: "info"
      initContainers:
        - name: migrate
          image: ghcr.io/acme/migrate@sha256:abc123
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - name: http
      port: 80
      targetPort: 8080
    - name: admin
      port: 9090
      targetPort: admin
      nodePort: 30090
`;

describe('config provider: Kubernetes', () => {
  const run = runProvider(configFilesProvider, 'deploy/api.yaml', K8S);

  it('reads it without problems', () => {
    expect(run.problems).toEqual([]);
  });

  it('adds config-key facts for both documents with meta', () => {
    const replicas = run.one('config-key', 'spec.replicas');
    expect(replicas).toMatchObject({ value: '3', origin: { file: 'deploy/api.yaml', start: { line: 7, column: 3 } } });
    expect(replicas.meta).toEqual({ leaf: true, format: 'yaml', doc: 0 });
    expect(run.one('config-key', 'spec.template.spec.containers[api].env[LOG_LEVEL].value')).toMatchObject({ value: 'info', origin: { start: { line: 23 } } });
    expect(run.one('config-key', 'spec.selector.app')).toMatchObject({ value: 'api', origin: { start: { line: 34 } }, meta: { doc: 1 } });
    expect(run.one('config-key', 'spec.template.spec.containers[api]').meta).toEqual({ leaf: false, format: 'yaml', doc: 0 });
  });

  it('adds env-var facts from container env, with values where given', () => {
    expect(triples(run.of('env-var'))).toEqual([
      ['DATABASE_URL', undefined, 17],
      ['LOG_LEVEL', 'info', 22],
    ]);
    expect(run.one('env-var', 'DATABASE_URL').meta).toMatchObject({ kind: 'Deployment', container: 'api', valueFrom: 'secretKeyRef', resource: 'api' });
  });

  it('adds image facts for containers and init containers', () => {
    expect(triples(run.of('image'))).toEqual([
      ['ghcr.io/acme/api', '1.4.2', 12],
      ['ghcr.io/acme/migrate', 'sha256:abc123', 26],
    ]);
  });

  it('adds port facts for containerPort and Service ports', () => {
    expect(run.of('port').map((f) => [f.key, f.origin.start.line, f.meta?.role])).toEqual([
      ['8080', 14, 'container'],
      ['80', 37, 'service'],
      ['8080', 38, 'target'],
      ['9090', 40, 'service'],
      ['30090', 42, 'node'],
    ]);
    expect(run.of('port')[0]?.meta).toMatchObject({ kind: 'Deployment', container: 'api', name: 'http', doc: 0 });
  });
});

describe('config provider: compose', () => {
  const COMPOSE = `services:
  api:
    image: ghcr.io/acme/api:1.4.2
    ports:
      - "8080:3000"
      - "127.0.0.1:9229:9229/udp"
      - 4000
      - target: 5000
        published: "5001"
        protocol: tcp
      - "\${API_PORT:-8081}:3001"
    environment:
      DATABASE_URL: postgres://db/app
      LOG_LEVEL:
      PORT: 3000
  worker:
    image: redis
    environment:
      - QUEUE=jobs
      - DEBUG
      - "EMPTY="
    expose:
      - "6379"
`;
  const run = runProvider(configFilesProvider, 'docker-compose.yml', COMPOSE);

  it('reads it without problems', () => {
    expect(run.problems).toEqual([]);
  });

  it('reads environment as a map and as a list', () => {
    expect(triples(run.of('env-var'))).toEqual([
      ['DATABASE_URL', 'postgres://db/app', 13],
      ['LOG_LEVEL', undefined, 14],
      ['PORT', '3000', 15],
      ['QUEUE', 'jobs', 19],
      ['DEBUG', undefined, 20],
      ['EMPTY', '', 21],
    ]);
    expect(run.one('env-var', 'QUEUE').meta).toEqual({ service: 'worker', source: 'compose' });
  });

  it('reads short, long, templated and expose port syntaxes', () => {
    expect(run.of('port').map((f) => [f.key, f.origin.start.line, f.meta?.role, f.meta?.service])).toEqual([
      ['8080', 5, 'host', 'api'],
      ['3000', 5, 'container', 'api'],
      ['9229', 6, 'host', 'api'],
      ['9229', 6, 'container', 'api'],
      ['4000', 7, 'container', 'api'],
      ['5001', 9, 'host', 'api'],
      ['5000', 8, 'container', 'api'],
      ['8081', 11, 'host', 'api'],
      ['3001', 11, 'container', 'api'],
      ['6379', 23, 'container', 'worker'],
    ]);
    expect(run.of('port')[2]?.meta?.protocol).toBe('udp');
    expect(run.of('port')[7]?.meta?.written).toBe('${API_PORT:-8081}:3001');
  });

  it('adds image facts and config keys', () => {
    expect(triples(run.of('image'))).toEqual([
      ['ghcr.io/acme/api', '1.4.2', 3],
      ['redis', 'latest', 17],
    ]);
    expect(run.one('config-key', 'services.worker.environment')).toMatchObject({ value: 'QUEUE=jobs, DEBUG, EMPTY=', origin: { start: { line: 18 } } });
    expect(run.one('config-key', 'services.api.environment.PORT')).toMatchObject({ value: '3000', origin: { start: { line: 15 } } });
  });

  it('only treats compose-named files as compose', () => {
    expect(isComposeFile('docker-compose.override.yml')).toBe(true);
    expect(isComposeFile('deploy/compose.prod.yaml')).toBe(true);
    expect(isComposeFile('compose.yaml')).toBe(true);
    expect(isComposeFile('config/services.yml')).toBe(false);
    const other = runProvider(configFilesProvider, 'config/app.yml', COMPOSE);
    expect(other.of('env-var')).toEqual([]);
    expect(other.of('config-key').length).toBeGreaterThan(0);
  });

  it('parses port specs', () => {
    expect(parseComposePort('8080:80')).toEqual({ host: ['8080'], container: ['80'], templated: false });
    expect(parseComposePort('[::1]:6000:6001/udp')).toEqual({ host: ['6000'], container: ['6001'], protocol: 'udp', templated: false });
    expect(parseComposePort('3000-3002')).toEqual({ host: [], container: ['3000', '3001', '3002'], templated: false });
    expect(parseComposePort('127.0.0.1::5000')).toEqual({ host: [], container: ['5000'], templated: false });
  });
});

describe('config provider: templates and malformed input', () => {
  it('reports a Helm template that does not parse, and keeps the documents that do', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LOG_LEVEL: info
`;
    const run = runProvider(configFilesProvider, 'charts/api/templates/deployment.yaml', text);
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatch(/^could not parse YAML: line 6, column \d+: .*\(document 1.*looks like a template/);
    expect(run.keys('config-key')).toEqual(['apiVersion', 'kind', 'metadata', 'metadata.name', 'data', 'data.LOG_LEVEL']);
    expect(run.one('config-key', 'data.LOG_LEVEL')).toMatchObject({ value: 'info', origin: { start: { line: 15 } }, meta: { doc: 1 } });
  });

  it('keeps a templated value that parses as written', () => {
    const run = runProvider(configFilesProvider, 'charts/api/values.yaml', 'image: {{ .Values.image }}\nreplicas: 2\n');
    expect(run.problems).toEqual([]);
    expect(run.one('config-key', 'image')).toMatchObject({ value: '{{ .Values.image }}', origin: { start: { line: 1 } } });
  });

  it('reports malformed JSON with its line and keeps the keys before it', () => {
    const run = runProvider(configFilesProvider, 'config/default.json', '{\n  "port": 8080,\n  "host": "x"\n  "debug": true\n}\n');
    expect(run.problems).toEqual([`could not parse JSON: line 4, column 3: Expected ',' or '}' after property value, found '"'`]);
    expect(triples(run.of('config-key'))).toEqual([
      ['port', '8080', 2],
      ['host', 'x', 3],
    ]);
    expect(run.one('config-key', 'port').meta).toEqual({ leaf: true, format: 'json' });
  });

  it('reports malformed TOML with its line', () => {
    const run = runProvider(configFilesProvider, 'pyproject.toml', '[project]\nname = "acme"\nversion = \n');
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatch(/^could not parse TOML: line 3, column \d+: /);
    expect(triples(run.of('config-key'))).toEqual([
      ['project', undefined, 1],
      ['project.name', 'acme', 2],
    ]);
  });

  it('reads TOML, INI and properties files', () => {
    const toml = runProvider(configFilesProvider, 'config/app.toml', '[server]\nport = 8080\n');
    expect(triples(toml.of('config-key'))).toEqual([
      ['server', undefined, 1],
      ['server.port', '8080', 2],
    ]);
    const ini = runProvider(configFilesProvider, 'setup.cfg', '[metadata]\nname = acme\n');
    expect(triples(ini.of('config-key'))).toEqual([
      ['metadata', undefined, 1],
      ['metadata.name', 'acme', 2],
    ]);
    const props = runProvider(configFilesProvider, 'application.properties', 'server.port=8080\n');
    expect(props.one('config-key', 'server.port')).toMatchObject({ value: '8080', meta: { format: 'properties' } });
  });

  it('skips .conf files that are not INI, and reports broken .ini files', () => {
    const nginx = runProvider(configFilesProvider, 'deploy/nginx.conf', 'server {\n  listen 80;\n  server_name example.com;\n}\n');
    expect(nginx.facts).toEqual([]);
    expect(nginx.problems).toEqual([]);
    const ini = runProvider(configFilesProvider, 'php.ini', '[PHP\nmemory_limit = 128M\n');
    expect(ini.problems).toEqual(["could not parse INI: line 1: section header is not closed with ']'"]);
    expect(ini.one('config-key', 'memory_limit').value).toBe('128M');
  });

  it('caps the number of problems per file', () => {
    const text = Array.from({ length: 9 }, (_, i) => `bad line ${i}!`).join('\n');
    const run = runProvider(configFilesProvider, 'settings.ini', text);
    expect(run.problems).toHaveLength(6);
    expect(run.problems[5]).toBe('... and 4 more INI errors');
  });
});

describe('config provider: matches', () => {
  it.each([
    ['config/app.yaml', true],
    ['tsconfig.json', true],
    ['tsconfig.build.json', true],
    ['pyproject.toml', true],
    ['package.json', false],
    ['apps/web/package.json', false],
    ['package-lock.json', false],
    ['pnpm-lock.yaml', false],
    ['composer.lock', false],
    ['.env', false],
    ['node_modules/x/config.json', false],
    ['README.md', false],
  ])('%s → %s', (path, expected) => {
    expect(configFilesProvider.matches(path)).toBe(expected);
  });
});
