import { describe, it, expect } from 'vitest';
import { isJsSource, jsEnvProvider, stripJsComments } from '../../src/facts/providers/js-env.js';
import { runProvider } from './helpers.js';

const SOURCE = [
  "import { z } from 'zod';", // 1
  '', // 2
  "const port = Number(process.env.PORT ?? '3000');", // 3
  'const host = process.env[\'HOST\'] || "0.0.0.0";', // 4
  'const region = process.env["AWS_REGION"];', // 5
  'const tpl = process.env[`TEMPLATE_KEY`];', // 6
  'const apiUrl = import.meta.env.VITE_API_URL;', // 7
  'const {', // 8
  '  DATABASE_URL,', // 9
  '  REDIS_URL: redisUrl,', // 10
  "  LOG_LEVEL = 'info',", // 11
  '  WORKERS: workers = 4,', // 12
  '  ...rest', // 13
  '} = process.env;', // 14
  '// const legacy = process.env.LEGACY_TOKEN;', // 15
  '/* process.env.BLOCK_COMMENTED', // 16
  '   process.env.ALSO_COMMENTED */', // 17
  'const url = `http://${process.env.API_HOST}:${port}/x`; // process.env.TRAILING', // 18
  "const re = /\\/\\/ not a comment/; const debug = process.env.DEBUG === 'true';", // 19
  'const name = process.env[key];', // 20
  'const optional = process.env?.OPTIONAL_FLAG;', // 21
  'const retries = process.env.RETRIES || 5;', // 22
  'const { TIMEOUT_MS }: Env = process.env as Env;', // 23
  'const buffer = process.env.MAX_BUFFER || 16 * 1024;', // 24
  "const mode = process.env.MODE ?? 'dev' ? 'a' : 'b';", // 25
].join('\n');

describe('js provider', () => {
  const run = runProvider(jsEnvProvider, 'src/config.ts', SOURCE);

  it('finds every env read form with its line, column and default', () => {
    expect(run.problems).toEqual([]);
    expect(run.of('env-var').map((f) => [f.key, f.value, f.origin.start.line, f.origin.start.column])).toEqual([
      ['PORT', '3000', 3, 33],
      ['VITE_API_URL', undefined, 7, 32],
      ['API_HOST', undefined, 18, 35],
      ['DEBUG', undefined, 19, 60],
      ['OPTIONAL_FLAG', undefined, 21, 31],
      ['RETRIES', '5', 22, 29],
      ['MAX_BUFFER', undefined, 24, 28],
      ['MODE', undefined, 25, 26],
      ['HOST', '0.0.0.0', 4, 27],
      ['AWS_REGION', undefined, 5, 29],
      ['TEMPLATE_KEY', undefined, 6, 26],
      ['DATABASE_URL', undefined, 9, 3],
      ['REDIS_URL', undefined, 10, 3],
      ['LOG_LEVEL', 'info', 11, 3],
      ['WORKERS', '4', 12, 3],
      ['TIMEOUT_MS', undefined, 23, 9],
    ]);
  });

  it('ignores commented-out reads and computed keys', () => {
    const keys = run.keys('env-var');
    for (const k of ['LEGACY_TOKEN', 'BLOCK_COMMENTED', 'ALSO_COMMENTED', 'TRAILING', 'rest', 'key']) expect(keys).not.toContain(k);
  });

  it('says how each variable was read', () => {
    expect(run.one('env-var', 'PORT').meta).toEqual({ access: 'member', source: 'process.env' });
    expect(run.one('env-var', 'HOST').meta).toEqual({ access: 'bracket', source: 'process.env' });
    expect(run.one('env-var', 'VITE_API_URL').meta).toEqual({ access: 'member', source: 'import.meta.env' });
    expect(run.one('env-var', 'LOG_LEVEL').meta).toEqual({ access: 'destructure', source: 'process.env' });
  });

  it('blanks comments without moving offsets', () => {
    const src = "a = 1; // x\nb = '// not' + `/* ${c /* y */} */`; /* z\n w */ d = x / 2 / 3;";
    const out = stripJsComments(src);
    expect(out).toHaveLength(src.length);
    expect(out.split('\n').length).toBe(src.split('\n').length);
    expect(out).toBe("a = 1;     \nb = '// not' + `/* ${c        } */`;     \n      d = x / 2 / 3;");
  });

  it('skips minified files', () => {
    const minified = `var a=process.env.MINIFIED_VAR;${'x=1;'.repeat(1000)}`;
    expect(runProvider(jsEnvProvider, 'src/bundle.js', minified).facts).toEqual([]);
  });

  it('reads sources and skips declarations, minified and build output', () => {
    for (const p of ['src/a.js', 'a.mjs', 'a.cjs', 'a.ts', 'a.mts', 'a.cts', 'App.jsx', 'App.tsx']) expect(isJsSource(p)).toBe(true);
    for (const p of ['types.d.ts', 'a.d.mts', 'lib.min.js', 'dist/index.js', 'packages/a/build/x.js', 'vendor/jquery.js', 'node_modules/x/index.js', 'a.json', 'a.tsx.snap']) {
      expect(isJsSource(p)).toBe(false);
    }
  });
});
