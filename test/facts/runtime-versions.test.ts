import { describe, it, expect } from 'vitest';
import { runtimeVersionsProvider, versionValue } from '../../src/facts/providers/runtime-versions.js';
import { runProvider } from './helpers.js';

const facts = (path: string, text: string) =>
  runProvider(runtimeVersionsProvider, path, text).of('version').map((f) => [f.key, f.value, f.origin.start.line, f.origin.start.column, f.meta]);

describe('runtime-versions provider', () => {
  it('reads one-version files, dropping a leading v and comments', () => {
    expect(facts('.nvmrc', '# pinned for the build image\nv20.11.1 # LTS iron\n')).toEqual([
      ['node', '20.11.1', 2, 1, { manifest: '.nvmrc', via: 'version-file' }],
    ]);
    expect(facts('web/.node-version', '18\n')).toEqual([['node', '18', 1, 1, { manifest: 'web/.node-version', via: 'version-file' }]]);
    expect(facts('.go-version', 'go1.22.3\n')).toEqual([['go', '1.22.3', 1, 1, { manifest: '.go-version', via: 'version-file' }]]);
    expect(facts('.ruby-version', 'ruby-3.2.2\n')).toEqual([['ruby', '3.2.2', 1, 1, { manifest: '.ruby-version', via: 'version-file' }]]);
    expect(facts('.terraform-version', '1.6.6\n')).toEqual([['terraform', '1.6.6', 1, 1, { manifest: '.terraform-version', via: 'version-file' }]]);
  });

  it('keeps aliases as written, marked', () => {
    expect(facts('.nvmrc', 'lts/*\n')).toEqual([['node', 'lts/*', 1, 1, { manifest: '.nvmrc', via: 'version-file', alias: true }]]);
    expect(facts('.nvmrc', 'node')).toEqual([['node', 'node', 1, 1, { manifest: '.nvmrc', via: 'version-file', alias: true }]]);
    expect(facts('.ruby-version', 'jruby-9.4.5.0')[0]?.[4]).toEqual({ manifest: '.ruby-version', via: 'version-file', alias: true });
  });

  it('leaves .python-version to the pyproject provider', () => {
    expect(runtimeVersionsProvider.matches('.python-version')).toBe(false);
  });

  it('splits a Java distribution from the version', () => {
    expect(facts('.java-version', 'temurin-17.0.9+9\n')).toEqual([
      ['java', '17.0.9+9', 1, 1, { manifest: '.java-version', via: 'version-file', distribution: 'temurin' }],
    ]);
    expect(versionValue('java', 'openjdk64-17.0.2')).toEqual({ value: '17.0.2', meta: { distribution: 'openjdk64' } });
    expect(versionValue('java', '21')).toEqual({ value: '21', meta: {} });
  });

  it('reads asdf .tool-versions, one fact per tool, with runtime names', () => {
    const text = ['# asdf', 'nodejs 20.11.1 18.19.0', 'golang   1.22.1', '', 'python 3.12.1 # default', 'terraform latest', 'broken'].join('\n');
    const run = runProvider(runtimeVersionsProvider, '.tool-versions', text);
    expect(run.of('version').map((f) => [f.key, f.value, f.origin.start.line, f.origin.start.column, f.meta])).toEqual([
      ['node', '20.11.1', 2, 8, { manifest: '.tool-versions', via: 'asdf', tool: 'nodejs', fallbacks: '18.19.0' }],
      ['go', '1.22.1', 3, 10, { manifest: '.tool-versions', via: 'asdf', tool: 'golang' }],
      ['python', '3.12.1', 5, 8, { manifest: '.tool-versions', via: 'asdf' }],
      ['terraform', 'latest', 6, 11, { manifest: '.tool-versions', via: 'asdf', alias: true }],
    ]);
    expect(run.problems).toEqual(['line 7: tool "broken" has no version']);
  });

  it('reads mise [tools] in every value shape, skipping backend packages', () => {
    const text = [
      '[env]', // 1
      'NODE_ENV = "production"', // 2
      '', // 3
      '[tools]', // 4
      'node = "22"', // 5
      'python = ["3.12", "3.11"]', // 6
      'go = { version = "1.23.1" }', // 7
      '"npm:prettier" = "3"', // 8
      '"core:ruby" = "3.3"', // 9
      'java = "temurin-21"', // 10
    ].join('\n');
    expect(facts('.mise.toml', text)).toEqual([
      ['node', '22', 5, 1, { manifest: '.mise.toml', via: 'mise' }],
      ['python', '3.12', 6, 1, { manifest: '.mise.toml', via: 'mise', fallbacks: '3.11' }],
      ['go', '1.23.1', 7, 1, { manifest: '.mise.toml', via: 'mise' }],
      ['ruby', '3.3', 9, 1, { manifest: '.mise.toml', via: 'mise', tool: 'core:ruby' }],
      ['java', '21', 10, 1, { manifest: '.mise.toml', via: 'mise', distribution: 'temurin' }],
    ]);
    for (const p of ['mise.toml', 'mise.local.toml', '.config/mise.toml', '.mise/config.toml', 'svc/.config/mise/config.toml', '.rtx.toml']) {
      expect(runtimeVersionsProvider.matches(p), p).toBe(true);
    }
  });

  it('reads rust toolchains, plain or TOML', () => {
    expect(facts('rust-toolchain', 'stable\n')).toEqual([['rust', 'stable', 1, 1, { manifest: 'rust-toolchain', via: 'rustup', alias: true }]]);
    expect(facts('rust-toolchain.toml', '[toolchain]\nchannel = "1.78.0"\ncomponents = ["clippy"]\n')).toEqual([
      ['rust', '1.78.0', 2, 1, { manifest: 'rust-toolchain.toml', via: 'rustup' }],
    ]);
    expect(facts('rust-toolchain', '[toolchain]\nchannel = "nightly-2024-05-01"\n')[0]?.[1]).toBe('nightly-2024-05-01');
  });

  it('skips vendored files and unrelated names', () => {
    for (const p of ['node_modules/x/.nvmrc', 'vendor/y/.tool-versions', 'nvmrc', '.nvmrc.bak', 'tool-versions', 'Cargo.toml', 'config.toml']) {
      expect(runtimeVersionsProvider.matches(p), p).toBe(false);
    }
    expect(facts('.nvmrc', '\n\n')).toEqual([]);
  });
});
