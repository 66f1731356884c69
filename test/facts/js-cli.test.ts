import { describe, it, expect } from 'vitest';
import { binSourceStems, isJsProgramSource, jsCliProvider, lexJs, linkJsBins } from '../../src/facts/providers/js-cli.js';
import type { Fact, FactKind } from '../../src/types.js';
import { runProvider, type ProvidedFact } from './helpers.js';

/** Source from lines, so that backticks and `${}` need no escaping; line 1 is the first item. */
const lines = (...l: string[]): string => l.join('\n');

/** `[key, value, line]` of facts. */
const rows = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.value, f.origin.start.line]);
/** `[key, value, meta]` of facts. */
const withMeta = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.value, f.meta]);

// A commander CLI as the acme tools write it: an unnamed program, a factory function for a command
// group, Option objects with env bindings, custom parsers and a constant default.
const COMMANDER_CLI = lines(
  '#!/usr/bin/env node', // 1
  "import { Command, InvalidArgumentError, Option } from 'commander';", // 2
  "import { registerReports } from './reports.js';", // 3
  '', // 4
  'const DEFAULT_PORT = 8080;', // 5
  '', // 6
  'function parsePort(v: string): number {', // 7
  '  const n = Number.parseInt(v, 10);', // 8
  "  if (Number.isNaN(n)) throw new InvalidArgumentError('not a number');", // 9
  '  return n;', // 10
  '}', // 11
  '', // 12
  'function makeDbCommand(): Command {', // 13
  "  const db = new Command('db').description('database tools');", // 14
  "  db.command('migrate')", // 15
  "    .option('--to <version>', 'target version')", // 16
  "    .option('--dry-run', 'print SQL only');", // 17
  "  db.command('seed', { hidden: true }).option('-n, --count <n>', 'rows', parsePort, 100);", // 18
  '  return db;', // 19
  '}', // 20
  '', // 21
  'const program = new Command();', // 22
  'program', // 23
  "  .version('1.4.0')", // 24
  "  .option('-v, --verbose', 'log more')", // 25
  "  .option('--no-color', 'disable colors')", // 26
  "  .addOption(new Option('--log-level <level>', 'log level').choices(['debug', 'info']).default('info').env('LOG_LEVEL'));", // 27
  '', // 28
  'program', // 29
  "  .command('serve [dir]')", // 30
  "  .alias('s')", // 31
  "  .description('start the HTTP server')", // 32
  "  .option('-p, --port <port>', 'port to listen on', parsePort, DEFAULT_PORT)", // 33
  "  .option('--host <host>', 'interface', process.env.HOST ?? '127.0.0.1')", // 34
  "  .requiredOption('--config <file>', 'config file')", // 35
  "  .addOption(new Option('--token <t>').env('ACME_TOKEN').makeOptionMandatory().hideHelp())", // 36
  '  .action(async (opts) => {', // 37
  "    const sub = program.command('not-a-command-here');", // 38
  '  });', // 39
  '', // 40
  'program.addCommand(makeDbCommand());', // 41
  "program.command('install [pkg]', 'install a package');", // 42
  'registerReports(program);', // 43
  "// program.command('legacy').option('--old')", // 44
  "/* program.command('older') */", // 45
  "const usage = \"run program.command('fake') to add one\";", // 46
  'program.parseAsync(process.argv);', // 47
);

describe('js-cli provider: commander', () => {
  const run = runProvider(jsCliProvider, 'src/cli.ts', COMMANDER_CLI);

  it('reads the command tree, named after the file when the program has no name', () => {
    expect(run.problems).toEqual([]);
    expect(rows(run.of('cli-command'))).toEqual([
      ['cli', undefined, 22],
      ['cli serve', undefined, 30],
      ['cli s', undefined, 31],
      ['cli db', undefined, 14],
      ['cli db migrate', undefined, 15],
      ['cli db seed', undefined, 18],
      ['cli install', undefined, 42],
      // No control flow: the action handler is read too (at the end), and the command it adds counts.
      ['cli not-a-command-here', undefined, 38],
    ]);
    expect(run.one('cli-command', 'cli').meta).toEqual({ via: 'commander', fallback: true });
    expect(run.one('cli-command', 'cli s').meta).toEqual({ via: 'commander', fallback: true, alias: 'cli serve' });
    expect(run.one('cli-command', 'cli db seed').meta).toMatchObject({ hidden: true });
    expect(run.one('cli-command', 'cli install').meta).toMatchObject({ executable: true });
  });

  it('reads options with defaults, short forms, negations, env bindings and required flags', () => {
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--verbose', undefined, { command: 'cli', via: 'commander', short: '-v', fallback: true }],
      ['-v', undefined, { command: 'cli', via: 'commander', alias: '--verbose', fallback: true }],
      ['--no-color', undefined, { command: 'cli', via: 'commander', fallback: true }],
      ['--log-level', 'info', { command: 'cli', via: 'commander', env: 'LOG_LEVEL', fallback: true }],
      ['--port', '8080', { command: 'cli serve', via: 'commander', short: '-p', fallback: true }],
      ['-p', '8080', { command: 'cli serve', via: 'commander', alias: '--port', fallback: true }],
      ['--host', "process.env.HOST ?? '127.0.0.1'", { command: 'cli serve', via: 'commander', env: 'HOST', computed: true, fallback: true }],
      ['--config', undefined, { command: 'cli serve', via: 'commander', required: true, fallback: true }],
      ['--token', undefined, { command: 'cli serve', via: 'commander', env: 'ACME_TOKEN', required: true, hidden: true, fallback: true }],
      ['--to', undefined, { command: 'cli db migrate', via: 'commander', fallback: true }],
      ['--dry-run', undefined, { command: 'cli db migrate', via: 'commander', fallback: true }],
      ['--count', '100', { command: 'cli db seed', via: 'commander', short: '-n', fallback: true }],
      ['-n', '100', { command: 'cli db seed', via: 'commander', alias: '--count', fallback: true }],
    ]);
    expect(run.one('cli-flag', '--port').origin.start).toEqual({ line: 33, column: 11 });
  });

  it('gives env-var facts for .env() bindings and a port for a --port default', () => {
    expect(withMeta(run.of('env-var'))).toEqual([
      ['LOG_LEVEL', 'info', { flag: '--log-level', via: 'commander', command: 'cli' }],
      ['ACME_TOKEN', undefined, { flag: '--token', via: 'commander', command: 'cli serve' }],
    ]);
    // The port sits where the number is written: the constant on line 5.
    expect(rows(run.of('port'))).toEqual([['8080', undefined, 5]]);
    expect(run.one('port', '8080').meta).toEqual({ via: 'flag-default', flag: '--port', command: 'cli serve' });
  });

  it('never reads commented-out commands or code in strings', () => {
    const keys = run.keys('cli-command');
    for (const k of ['cli legacy', 'cli older', 'cli fake']) expect(keys).not.toContain(k);
    expect(run.keys('cli-flag')).not.toContain('--old');
  });
});

describe('js-cli provider: commander forms', () => {
  it('reads the `program` export, CommonJS destructuring and .name()', () => {
    const run = runProvider(
      jsCliProvider,
      'bin/acme.js',
      lines(
        "const { program } = require('commander');", // 1
        "program.name('acme').option('--debug');", // 2
        "program.command('deploy <env>').option('-t, --tag <tag>', 'image tag', `v${VERSION}`).option('--replicas <n>', 'count', String(3));", // 3
        'program.parse();', // 4
      ),
    );
    expect(rows(run.of('cli-command'))).toEqual([
      ['acme', undefined, 2],
      ['acme deploy', undefined, 3],
    ]);
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--debug', undefined, { command: 'acme', via: 'commander' }],
      ['--tag', '`v${VERSION}`', { command: 'acme deploy', via: 'commander', short: '-t', computed: true }],
      ['-t', '`v${VERSION}`', { command: 'acme deploy', via: 'commander', alias: '--tag', computed: true }],
      ['--replicas', '3', { command: 'acme deploy', via: 'commander' }],
    ]);
  });

  it('reads `new commander.Command(name)` and a command held in a variable', () => {
    const run = runProvider(
      jsCliProvider,
      'lib/tool.cjs',
      lines(
        "const commander = require('commander');", // 1
        "const tool = new commander.Command('tool');", // 2
        "const sync = tool.command('sync');", // 3
        "sync.option('--since <date>', 'start', '1970-01-01');", // 4
        "sync.command('now');", // 5
        'tool.parse(process.argv);', // 6
      ),
    );
    expect(rows(run.of('cli-command'))).toEqual([
      ['tool', undefined, 2],
      ['tool sync', undefined, 3],
      ['tool sync now', undefined, 5],
    ]);
    expect(run.one('cli-flag', '--since').value).toBe('1970-01-01');
  });

  it('makes commands whose parent is in another file partial', () => {
    const run = runProvider(
      jsCliProvider,
      'src/commands/reports.ts',
      lines(
        "import { Command } from 'commander';", // 1
        "import type { Command as Cmd } from 'commander';", // 2
        "export const exportCmd = new Command('export').option('--format <fmt>', 'format', 'csv');", // 3
        'export function registerReports(program: Cmd) {', // 4
        "  const reports = program.command('reports');", // 5
        "  reports.command('daily').option('--date <d>', 'day', 'today');", // 6
        '}', // 7
      ),
    );
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['export', undefined, { via: 'commander', partial: true }],
      ['reports', undefined, { via: 'commander', partial: true }],
      ['reports daily', undefined, { via: 'commander', partial: true }],
    ]);
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--format', 'csv', { command: 'export', via: 'commander', partial: true }],
      ['--date', 'today', { command: 'reports daily', via: 'commander', partial: true }],
    ]);
  });

  it('runs an in-file function called with the program (a plugin pattern) as part of the tree', () => {
    const run = runProvider(
      jsCliProvider,
      'src/cli.mjs',
      lines(
        "import { Command } from 'commander';", // 1
        "const program = new Command('shop');", // 2
        'addCatalog(program);', // 3
        'program.parse();', // 4
        'function addCatalog(p) {', // 5
        "  p.command('catalog').command('import').option('--file <path>');", // 6
        '}', // 7
      ),
    );
    expect(run.keys('cli-command')).toEqual(['shop', 'shop catalog', 'shop catalog import']);
    expect(run.one('cli-flag', '--file').meta).toEqual({ command: 'shop catalog import', via: 'commander' });
  });
});

describe('js-cli provider: ESM forms', () => {
  it('reads inline addCommand, createCommand, typed handlers and a hoisted yargs builder', () => {
    const run = runProvider(
      jsCliProvider,
      'src/main.ts',
      lines(
        "import { Command, createCommand } from '@commander-js/extra-typings';", // 1
        "import yargs from 'yargs';", // 2
        "import { hideBin } from 'yargs/helpers';", // 3
        '', // 4
        "const program = new Command('acme')", // 5
        "  .addCommand(new Command('login').option('--token <t>', 'token', 'anonymous'), { hidden: true })", // 6
        "  .addCommand(createCommand('logout'));", // 7
        "program.command('whoami').action(async (opts: { json?: boolean }, cmd: Command) => {", // 8
        '  console.log(cmd.name());', // 9
        '});', // 10
        'program.parse();', // 11
        '', // 12
        'await yargs(hideBin(process.argv))', // 13
        "  .scriptName('acme-y')", // 14
        "  .command('sync', 'sync things', syncBuilder)", // 15
        '  .parseAsync();', // 16
        '', // 17
        'function syncBuilder(y: ReturnType<typeof yargs>) {', // 18
        "  return y.option('limit', { type: 'number', default: 10, alias: 'l' });", // 19
        '}', // 20
      ),
    );
    expect(rows(run.of('cli-command'))).toEqual([
      ['acme', undefined, 5],
      ['acme login', undefined, 6],
      ['acme logout', undefined, 7],
      ['acme whoami', undefined, 8],
      ['acme-y', undefined, 14],
      ['acme-y sync', undefined, 15],
    ]);
    expect(run.one('cli-command', 'acme login').meta).toEqual({ via: 'commander', hidden: true });
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--token', 'anonymous', { command: 'acme login', via: 'commander' }],
      ['--limit', '10', { command: 'acme-y sync', via: 'yargs', short: '-l' }],
      ['-l', '10', { command: 'acme-y sync', via: 'yargs', alias: '--limit' }],
    ]);
  });
});

// A yargs CLI: scriptName, an env prefix, builders as functions and objects, command modules.
const YARGS_CLI = lines(
  '#!/usr/bin/env node', // 1
  "const yargs = require('yargs/yargs');", // 2
  "const { hideBin } = require('yargs/helpers');", // 3
  '', // 4
  'const serveCmd = {', // 5
  "  command: 'serve [port]',", // 6
  "  aliases: ['s'],", // 7
  "  describe: 'start the server',", // 8
  "  builder: (y) => y.option('host', { alias: 'H', default: '0.0.0.0', type: 'string' }).option('port', { default: 3000, type: 'number' }),", // 9
  '  handler: (argv) => {},', // 10
  '};', // 11
  '', // 12
  'yargs(hideBin(process.argv))', // 13
  "  .scriptName('orders')", // 14
  "  .env('ORDERS')", // 15
  '  .command(serveCmd)', // 16
  "  .command('migrate <dir>', 'run migrations', (y) => {", // 17
  '    return y.options({', // 18
  "      dryRun: { type: 'boolean', default: false },", // 19
  "      'batch-size': { default: 100, demandOption: true },", // 20
  '      timeout: { default: Number(process.env.TIMEOUT) || 30 },', // 21
  '    });', // 22
  '  }, () => {})', // 23
  "  .command(['export', 'dump'], false, { format: { choices: ['csv', 'json'], default: 'csv' } })", // 24
  "  .option('verbose', { alias: 'v', type: 'boolean' })", // 25
  '  .demandCommand(1)', // 26
  '  .help()', // 27
  '  .parse();', // 28
);

describe('js-cli provider: yargs', () => {
  const run = runProvider(jsCliProvider, 'bin/orders.js', YARGS_CLI);

  it('reads commands from strings, arrays and command module objects', () => {
    expect(run.problems).toEqual([]);
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['orders', undefined, { via: 'yargs' }],
      ['orders serve', undefined, { via: 'yargs' }],
      ['orders s', undefined, { via: 'yargs', alias: 'orders serve' }],
      ['orders migrate', undefined, { via: 'yargs' }],
      ['orders export', undefined, { via: 'yargs', hidden: true }],
      ['orders dump', undefined, { via: 'yargs', hidden: true, alias: 'orders export' }],
    ]);
  });

  it('reads options of builder functions and objects, with aliases, twins and env names', () => {
    expect(rows(run.of('cli-flag')).map(([k, v]) => [k, v])).toEqual([
      ['--verbose', undefined],
      ['-v', undefined],
      ['--no-verbose', undefined],
      ['--host', '0.0.0.0'],
      ['-H', '0.0.0.0'],
      ['--port', '3000'],
      ['--dryRun', 'false'],
      ['--dry-run', 'false'],
      ['--no-dry-run', undefined],
      ['--batch-size', '100'],
      ['--batchSize', '100'],
      ['--timeout', 'Number(process.env.TIMEOUT) || 30'],
      ['--format', 'csv'],
    ]);
    expect(run.one('cli-flag', '--host').meta).toEqual({ command: 'orders serve', via: 'yargs', short: '-H', env: 'ORDERS_HOST' });
    expect(run.one('cli-flag', '--dry-run').meta).toEqual({ command: 'orders migrate', via: 'yargs', env: 'ORDERS_DRY_RUN', alias: '--dryRun' });
    expect(run.one('cli-flag', '--batch-size').meta).toEqual({ command: 'orders migrate', via: 'yargs', env: 'ORDERS_BATCH_SIZE', required: true });
    expect(run.one('cli-flag', '--timeout').meta).toEqual({ command: 'orders migrate', via: 'yargs', env: 'ORDERS_TIMEOUT', computed: true });
  });

  it('binds every option to PREFIX_NAME through .env(prefix)', () => {
    expect(rows(run.of('env-var'))).toEqual([
      ['ORDERS_VERBOSE', undefined, 25],
      ['ORDERS_HOST', '0.0.0.0', 9],
      ['ORDERS_PORT', '3000', 9],
      ['ORDERS_DRY_RUN', 'false', 19],
      ['ORDERS_BATCH_SIZE', '100', 20],
      ['ORDERS_TIMEOUT', undefined, 21],
      ['ORDERS_FORMAT', 'csv', 24],
    ]);
    expect(run.one('env-var', 'ORDERS_PORT').meta).toEqual({ flag: '--port', via: 'yargs', command: 'orders serve', prefix: 'ORDERS' });
    expect(rows(run.of('port'))).toEqual([['3000', undefined, 9]]);
  });

  it('reads the CommonJS singleton, $0 default commands, .alias/.default/.string and .env() without prefix', () => {
    const r = runProvider(
      jsCliProvider,
      'scripts/build.js',
      lines(
        "require('yargs')", // 1
        "  .usage('$0 <cmd>')", // 2
        "  .command('$0', 'build once', (y) => y.option('watch', { type: 'boolean', alias: 'w' }))", // 3
        "  .command('clean', 'remove output', {}, () => {})", // 4
        "  .alias('o', 'out')", // 5
        "  .default('out', 'dist')", // 6
        "  .string('out')", // 7
        "  .demandOption(['token'])", // 8
        '  .env()', // 9
        '  .argv;', // 10
      ),
    );
    expect(r.keys('cli-command')).toEqual(['build', 'build clean']);
    expect(r.one('cli-command', 'build').meta).toEqual({ via: 'yargs', fallback: true });
    expect(withMeta(r.of('cli-flag')).filter(([k]) => !String(k).startsWith('--no-'))).toEqual([
      ['--out', 'dist', { command: 'build', via: 'yargs', short: '-o', env: 'OUT', fallback: true }],
      ['-o', 'dist', { command: 'build', via: 'yargs', env: 'OUT', alias: '--out', fallback: true }],
      ['--token', undefined, { command: 'build', via: 'yargs', env: 'TOKEN', required: true, fallback: true }],
      ['--watch', undefined, { command: 'build', via: 'yargs', short: '-w', env: 'WATCH', fallback: true }],
      ['-w', undefined, { command: 'build', via: 'yargs', env: 'WATCH', alias: '--watch', fallback: true }],
    ]);
  });

  it('reads a command module file (commandDir style) as a partial command', () => {
    const r = runProvider(
      jsCliProvider,
      'src/cmds/serve.ts',
      lines(
        "import type { Argv } from 'yargs';", // 1
        "export const command = 'serve [port]';", // 2
        "export const aliases = ['s'];", // 3
        "export const describe = 'start the server';", // 4
        "export const builder = (yargs: Argv) => yargs.option('port', { default: 8080, describe: 'port' });", // 5
        'export const handler = () => {};', // 6
      ),
    );
    expect(withMeta(r.of('cli-command'))).toEqual([
      ['serve', undefined, { via: 'yargs', partial: true }],
      ['s', undefined, { via: 'yargs', partial: true, alias: 'serve' }],
    ]);
    expect(withMeta(r.of('cli-flag'))).toEqual([['--port', '8080', { command: 'serve', via: 'yargs', partial: true }]]);
  });

  it('reads module.exports command modules too', () => {
    const r = runProvider(
      jsCliProvider,
      'cmds/deploy.js',
      lines(
        'module.exports = {', // 1
        "  command: 'deploy <env>',", // 2
        '  builder: {', // 3
        "    region: { default: 'eu-west-1' },", // 4
        '  },', // 5
        '  handler() {},', // 6
        '};', // 7
      ),
    );
    expect(r.keys('cli-command')).toEqual(['deploy']);
    expect(rows(r.of('cli-flag'))).toEqual([['--region', 'eu-west-1', 4]]);
  });
});

describe('js-cli provider: files', () => {
  it('reads JS/TS sources, but not tests, build output, dependencies or declarations', () => {
    for (const p of ['src/cli.ts', 'bin/acme.js', 'cli.mjs', 'lib/x.cjs', 'src/app.tsx', 'src/x.mts', 'src/x.cts', 'src/x.jsx']) expect(jsCliProvider.matches(p), p).toBe(true);
    for (const p of ['src/cli.test.ts', 'src/cli.spec.js', 'test/cli.ts', 'tests/fixtures/cli.js', 'src/__tests__/cli.ts', 'dist/cli.js', 'node_modules/commander/index.js', 'src/types.d.ts', 'vendor/x.js', 'build/cli.js', 'src/cli.min.js', '__mocks__/commander.js', 'README.md']) {
      expect(isJsProgramSource(p), p).toBe(false);
    }
  });

  it('skips files that use neither library', () => {
    const r = runProvider(jsCliProvider, 'src/util.ts', "export function command(x: string) { return x.option('--x'); }\n");
    expect(r.facts).toEqual([]);
  });
});

describe('js-cli linking to package.json bins', () => {
  const fact = (kind: FactKind, key: string, file: string, line: number, meta: Fact['meta'], value?: string, provider = 'js-cli'): Fact => ({
    kind,
    key,
    origin: { file, start: { line } },
    provider,
    ...(meta ? { meta } : {}),
    ...(value !== undefined ? { value } : {}),
  });
  const base = [
    fact('bin', 'orders', 'system/package.json', 7, { manifest: 'system/package.json' }, 'dist/cli.js', 'npm'),
    fact('cli-command', 'cli', 'system/src/cli.ts', 14, { via: 'commander', fallback: true }),
    fact('cli-command', 'cli serve', 'system/src/cli.ts', 20, { via: 'commander', fallback: true }),
    fact('cli-command', 'cli s', 'system/src/cli.ts', 21, { via: 'commander', fallback: true, alias: 'cli serve' }),
    fact('cli-flag', '--port', 'system/src/cli.ts', 22, { via: 'commander', command: 'cli serve', fallback: true }, '3000'),
    fact('cli-command', 'db', 'system/src/db.ts', 3, { via: 'commander', partial: true }),
  ];
  const store = (facts: Fact[]) => ({ all: (kind: FactKind) => facts.filter((f) => f.kind === kind) });

  it('re-roots the tree of the file a bin path maps to under the executable', () => {
    const out = linkJsBins(store(base));
    expect(out.map((f) => [f.kind, f.key, f.meta])).toEqual([
      ['cli-command', 'orders', { via: 'commander', bin: 'orders' }],
      ['cli-command', 'orders serve', { via: 'commander', bin: 'orders' }],
      ['cli-command', 'orders s', { via: 'commander', alias: 'orders serve', bin: 'orders' }],
      ['cli-flag', '--port', { via: 'commander', command: 'orders serve', bin: 'orders' }],
    ]);
    expect(out[3]?.value).toBe('3000');
    expect(out[3]?.origin).toEqual({ file: 'system/src/cli.ts', start: { line: 22 } });
  });

  it('falls back to the only CLI root of the package, and leaves other packages alone', () => {
    const facts = [
      fact('bin', 'acme', 'package.json', 5, {}, './bin/run.js', 'npm'),
      fact('cli-command', 'main', 'src/main.ts', 3, { via: 'yargs', fallback: true }),
      fact('bin', 'other', 'packages/other/package.json', 5, {}, 'dist/index.js', 'npm'),
      fact('cli-command', 'tool', 'packages/other/src/tool.ts', 3, { via: 'yargs' }),
    ];
    expect(linkJsBins(store(facts)).map((f) => f.key)).toEqual(['acme', 'other']);
  });

  it('maps built bin paths back to sources', () => {
    expect(binSourceStems('system', 'dist/cli.js')).toEqual(['system/dist/cli', 'system/src/cli', 'system/cli']);
    expect(binSourceStems('', './bin/acme.mjs')).toEqual(['bin/acme', 'src/acme', 'acme']);
    expect(binSourceStems('', 'dist/src/bin/x.js')).toEqual(['dist/src/bin/x', 'src/src/bin/x', 'src/bin/x']);
  });
});

describe('lexJs', () => {
  const kinds = (src: string) => lexJs(src).map((t) => `${t.kind}:${t.kind === 'string' || t.kind === 'template' ? t.value : t.text}`);

  it('tells regex literals from division', () => {
    expect(kinds("a = b / c / d; re = /'[/]'/g.test(x)")).toEqual([
      'ident:a', 'punct:=', 'ident:b', 'punct:/', 'ident:c', 'punct:/', 'ident:d', 'punct:;',
      'ident:re', 'punct:=', "regex:/'[/]'/g", 'punct:.', 'ident:test', 'punct:(', 'ident:x', 'punct:)',
    ]);
    expect(kinds('return /x/.source')[1]).toBe('regex:/x/');
    expect(kinds('f(a) / 2')).toContain('punct:/');
  });

  it('keeps templates whole, with nested templates and braces in substitutions', () => {
    const src = 'const s = `a ${b ? `c${"}"}` : {d: 1}.d} e`; next()';
    const toks = lexJs(src);
    const tpl = toks.find((t) => t.kind === 'template');
    expect(tpl?.value).toBe('a ${b ? `c${"}"}` : {d: 1}.d} e');
    expect(tpl?.subs).toHaveLength(1);
    expect(toks.slice(-4).map((t) => t.text)).toEqual([';', 'next', '(', ')']);
  });

  it('drops comments, decodes strings and marks line breaks', () => {
    const toks = lexJs("a // x('y')\n/* z */ b 'q\\'\\u0041'");
    expect(toks.map((t) => [t.text, t.value, !!t.nl])).toEqual([
      ['a', undefined, false],
      ['b', undefined, true],
      ["'q\\'\\u0041'", "q'A", false],
    ]);
  });
});
