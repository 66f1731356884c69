import { describe, it, expect } from 'vitest';
import { goModProvider } from '../../src/facts/providers/go-mod.js';
import { runProvider } from './helpers.js';

const GO_MOD = [
  'module go.woodpecker-ci.org/woodpecker/v3', // 1
  '', // 2
  'go 1.23.4', // 3
  '', // 4
  'toolchain go1.24.1', // 5
  '', // 6
  'require (', // 7
  '\tgithub.com/gin-gonic/gin v1.10.0', // 8
  '\tgithub.com/urfave/cli/v3 v3.0.0-beta1 // pinned until v3 is out', // 9
  '\tgolang.org/x/net v0.33.0 // indirect', // 10
  '\t// github.com/commented/out v1.0.0', // 11
  '\tgithub.com/local/lib v0.0.0-00010101000000-000000000000', // 12
  ')', // 13
  '', // 14
  'require github.com/rs/zerolog v1.33.0', // 15
  '', // 16
  'replace github.com/local/lib => ../lib', // 17
  'replace golang.org/x/net v0.1.0 => golang.org/x/net v0.2.0', // 18
  '', // 19
  'exclude github.com/bad/mod v1.2.3', // 20
  'retract [v3.0.0, v3.0.1] // broken release', // 21
  'tool golang.org/x/tools/cmd/stringer', // 22
].join('\n');

describe('gomod provider', () => {
  const run = runProvider(goModProvider, 'go.mod', GO_MOD);

  it('reads the go version with the module path and toolchain', () => {
    expect(run.problems).toEqual([]);
    expect(run.of('version')).toEqual([
      {
        kind: 'version',
        key: 'go',
        value: '1.23.4',
        origin: { file: 'go.mod', start: { line: 3, column: 4 } },
        meta: { manifest: 'go.mod', module: 'go.woodpecker-ci.org/woodpecker/v3', toolchain: 'go1.24.1' },
      },
    ]);
  });

  it('reads every require, single-line or in a block, with indirect and replace', () => {
    expect(run.of('dependency').map((f) => [f.key, f.value, f.origin.start.line, f.origin.start.column, f.meta])).toEqual([
      ['github.com/gin-gonic/gin', 'v1.10.0', 8, 2, { manifest: 'go.mod' }],
      ['github.com/urfave/cli/v3', 'v3.0.0-beta1', 9, 2, { manifest: 'go.mod' }],
      // The replace names another version of x/net: it does not apply.
      ['golang.org/x/net', 'v0.33.0', 10, 2, { manifest: 'go.mod', indirect: true }],
      ['github.com/local/lib', 'v0.0.0-00010101000000-000000000000', 12, 2, { manifest: 'go.mod', replace: '../lib' }],
      ['github.com/rs/zerolog', 'v1.33.0', 15, 1, { manifest: 'go.mod' }],
    ]);
    expect(run.keys('dependency')).not.toContain('github.com/commented/out');
    expect(run.keys('dependency')).not.toContain('github.com/bad/mod');
  });

  it('reads nested modules, skips vendored ones, and reports malformed lines', () => {
    expect(goModProvider.matches('tools/go.mod')).toBe(true);
    for (const p of ['vendor/github.com/x/go.mod', 'internal/testdata/go.mod', 'go.sum', 'go.work']) expect(goModProvider.matches(p)).toBe(false);
    const bad = runProvider(goModProvider, 'go.mod', 'module x\n\ngo 1.21\n\nrequire (\n\tgithub.com/a/b\n\tgithub.com/c/d v1.0.0\n');
    expect(bad.problems).toEqual(['line 6: require "github.com/a/b" is not <module path> <version>', 'the require block is not closed']);
    expect(bad.keys('dependency')).toEqual(['github.com/c/d']);
    expect(bad.one('version', 'go').meta).toEqual({ manifest: 'go.mod', module: 'x' });
  });

  it('emits no go fact without a go line', () => {
    expect(runProvider(goModProvider, 'go.mod', 'module example.com/m\n').facts).toEqual([]);
  });
});
