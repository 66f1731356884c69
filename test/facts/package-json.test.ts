import { describe, it, expect } from 'vitest';
import { packageJsonProvider } from '../../src/facts/providers/package-json.js';
import { runProvider, triples } from './helpers.js';

const MANIFEST = `{
  "name": "@acme/payments-cli",
  "version": "2.3.1",
  "bin": "./dist/cli.js",
  "scripts": {
    "build": "tsc -p tsconfig.json",
    "test": "vitest run",
    "start:dev": "tsx watch src/index.ts"
  },
  "engines": { "node": ">=20", "npm": ">=10" },
  "packageManager": "pnpm@9.1.0+sha512.abc",
  "dependencies": { "zod": "^4.0.0" },
  "devDependencies": {
    "vitest": "^4.1.0"
  },
  "peerDependencies": { "react": ">=18" },
  "optionalDependencies": { "fsevents": "2.3.3" }
}
`;

describe('npm provider', () => {
  const run = runProvider(packageJsonProvider, 'apps/cli/package.json', MANIFEST);

  it('reads a manifest without problems', () => {
    expect(run.problems).toEqual([]);
  });

  it('adds scripts with their commands, lines and manifest', () => {
    expect(triples(run.of('script'))).toEqual([
      ['build', 'tsc -p tsconfig.json', 6],
      ['test', 'vitest run', 7],
      ['start:dev', 'tsx watch src/index.ts', 8],
    ]);
    expect(run.one('script', 'build')).toMatchObject({ origin: { file: 'apps/cli/package.json', start: { line: 6, column: 5 } }, meta: { manifest: 'apps/cli/package.json' } });
  });

  it('names a string bin after the unscoped package name', () => {
    expect(triples(run.of('bin'))).toEqual([['payments-cli', './dist/cli.js', 4]]);
  });

  it('adds dependencies from every section with dev and section meta', () => {
    expect(run.of('dependency').map((f) => [f.key, f.value, f.origin.start.line, f.meta?.dev, f.meta?.section])).toEqual([
      ['zod', '^4.0.0', 12, false, 'dependencies'],
      ['vitest', '^4.1.0', 14, true, 'devDependencies'],
      ['react', '>=18', 16, false, 'peerDependencies'],
      ['fsevents', '2.3.3', 17, false, 'optionalDependencies'],
    ]);
  });

  it('adds engines and the package manager', () => {
    expect(triples(run.of('engine'))).toEqual([
      ['node', '>=20', 10],
      ['npm', '>=10', 10],
      ['pnpm', '9.1.0', 11],
    ]);
    expect(run.one('engine', 'node').origin.start.column).toBe(16);
    expect(run.one('engine', 'pnpm').meta?.field).toBe('packageManager');
  });

  it('adds the package version', () => {
    expect(triples(run.of('version'))).toEqual([['@acme/payments-cli', '2.3.1', 2]]);
  });

  it('reads a bin map', () => {
    const r = runProvider(packageJsonProvider, 'package.json', '{\n  "name": "tool",\n  "bin": {\n    "tool": "bin/tool.js",\n    "tool-admin": "bin/admin.js"\n  }\n}');
    expect(triples(r.of('bin'))).toEqual([
      ['tool', 'bin/tool.js', 4],
      ['tool-admin', 'bin/admin.js', 5],
    ]);
  });

  it('reports malformed JSON with its line and keeps what came before', () => {
    const r = runProvider(packageJsonProvider, 'package.json', '{\n  "name": "x",\n  "scripts": {\n    "build": "tsc"\n    "test": "vitest"\n  }\n}');
    expect(r.problems).toEqual([`invalid JSON: line 5, column 5: Expected ',' or '}' after property value, found '"'`]);
    expect(triples(r.of('script'))).toEqual([['build', 'tsc', 4]]);
    expect(triples(r.of('version'))).toEqual([['x', undefined, 2]]);
  });

  it('reports comments (npm rejects them) but still reads the manifest', () => {
    const r = runProvider(packageJsonProvider, 'package.json', '{\n  // scripts\n  "scripts": { "lint": "eslint ." }\n}');
    expect(r.problems).toEqual(['invalid JSON: line 2, column 3: Comments are not allowed in JSON']);
    expect(triples(r.of('script'))).toEqual([['lint', 'eslint .', 3]]);
  });

  it('reports fields of the wrong shape', () => {
    const r = runProvider(packageJsonProvider, 'package.json', '{\n  "scripts": ["a"],\n  "bin": "cli.js",\n  "engines": { "node": 20 }\n}');
    expect(r.problems).toEqual(['line 2: "scripts" is not an object', 'line 3: a string "bin" needs a package name']);
    expect(triples(r.of('engine'))).toEqual([['node', undefined, 4]]);
    const arr = runProvider(packageJsonProvider, 'package.json', '[1, 2]');
    expect(arr.problems).toEqual(['line 1: package.json is not a JSON object']);
  });

  it('matches package.json files outside node_modules only', () => {
    expect(packageJsonProvider.matches('package.json')).toBe(true);
    expect(packageJsonProvider.matches('packages/a/package.json')).toBe(true);
    expect(packageJsonProvider.matches('node_modules/zod/package.json')).toBe(false);
    expect(packageJsonProvider.matches('a/node_modules/b/package.json')).toBe(false);
    expect(packageJsonProvider.matches('package-lock.json')).toBe(false);
    expect(packageJsonProvider.matches('mypackage.json')).toBe(false);
  });
});
