import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AnalyzeOptions } from '../options.js';
import { FORMATS, findConfig, readConfig, type ConfigFile, type Format } from '../config/load.js';
import { ConfigError } from '../util/errors.js';
import { VERSION } from '../version.js';

/** What `docdrift scan` resolved from its flags and config file. */
export interface ScanPlan {
  /** Options for analyze(). */
  analyze: AnalyzeOptions;
  /** Output directory (absolute). */
  out: string;
  /** Output formats. */
  formats: Format[];
  /** Exit-code threshold. */
  failOn: 'error' | 'warning' | 'none';
  /** The config file used, if any (relative to cwd). */
  configFile?: string;
}

/** Raw `scan` flags as commander hands them over. */
interface ScanFlags {
  docs?: string[];
  system?: string[];
  config?: string;
  out?: string;
  format?: Format[];
  failOn?: 'error' | 'warning' | 'none';
  include?: string[];
  exclude?: string[];
  minConfidence?: number;
  asOf?: string;
}

function parseFormats(value: string): Format[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of list) if (!(FORMATS as readonly string[]).includes(f)) throw new InvalidArgumentError(`unknown format "${f}" (choose from ${FORMATS.join(', ')})`);
  return list as Format[];
}

function parseDay(value: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!ok) throw new InvalidArgumentError('must be a date written YYYY-MM-DD');
  return value;
}

function parseConfidence(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a number between 0 and 1');
  return n;
}

/** Merges flags over the config file: flags win; config paths are relative to the config file. */
export function planScan(flags: ScanFlags, cwd: string): ScanPlan {
  const configPath = findConfig(flags.config, cwd);
  const config: ConfigFile = configPath ? readConfig(configPath, cwd) : {};
  const base = configPath ? path.dirname(configPath) : cwd;
  const fromConfig = (list: string[] | undefined) => list?.map((p) => path.resolve(base, p));
  const fromFlags = (list: string[] | undefined) => list?.map((p) => path.resolve(cwd, p));
  const docs = fromFlags(flags.docs) ?? fromConfig(config.docs) ?? [];
  const system = fromFlags(flags.system) ?? fromConfig(config.system) ?? [];
  const where = configPath ? `${path.relative(cwd, configPath)}` : 'the command line';
  if (!docs.length) throw new ConfigError(`no docs root: pass --docs <dir> or set "docs" in ${configPath ? where : 'docdrift.config.json'}`, { key: 'docs' });
  if (!system.length) throw new ConfigError(`no system root: pass --system <dir> or set "system" in ${configPath ? where : 'docdrift.config.json'}`, { key: 'system' });
  for (const [key, list] of [['docs', docs], ['system', system]] as const) {
    for (const dir of list) {
      if (!existsSync(dir)) throw new ConfigError(`${key} root does not exist: ${path.relative(cwd, dir) || dir}${configPath ? ` (from ${where})` : ''}`, { key });
    }
  }
  const name = config.name ?? defaultName(docs, system);
  const out = flags.out ? path.resolve(cwd, flags.out) : config.out ? path.resolve(base, config.out) : path.resolve(cwd, 'reports', name);
  const analyze: AnalyzeOptions = { docs, system, cwd };
  const include = flags.include ?? config.include;
  const exclude = flags.exclude ?? config.exclude;
  if (include) analyze.include = include;
  if (exclude) analyze.exclude = exclude;
  if (config.checks) analyze.checks = config.checks;
  const minConfidence = flags.minConfidence ?? config.minConfidence;
  if (minConfidence !== undefined) analyze.minConfidence = minConfidence;
  if (config.maxFileBytes) analyze.maxFileBytes = config.maxFileBytes;
  const asOf = flags.asOf ?? config.asOf;
  if (asOf !== undefined) analyze.asOf = asOf;
  if (config.git !== undefined) analyze.git = config.git;
  if (config.gitChurnThreshold !== undefined) analyze.gitChurnThreshold = config.gitChurnThreshold;
  if (config.review) analyze.review = config.review;
  if (config.nearDuplicateThreshold !== undefined) analyze.nearDuplicateThreshold = config.nearDuplicateThreshold;
  if (config.conflictSimilarity !== undefined) analyze.conflictSimilarity = config.conflictSimilarity;
  const plan: ScanPlan = { analyze, out, formats: flags.format ?? config.format ?? ['md', 'json'], failOn: flags.failOn ?? config.failOn ?? 'error' };
  if (configPath) plan.configFile = path.relative(cwd, configPath);
  return plan;
}

/** The report folder name: the folder that holds both docs and system, else the docs folder. */
function defaultName(docs: string[], system: string[]): string {
  const a = docs[0] as string;
  const b = system[0] as string;
  let common = path.dirname(a);
  while (!(b + path.sep).startsWith(common + path.sep) && common !== path.dirname(common)) common = path.dirname(common);
  const name = path.basename(common);
  return name && common !== path.dirname(common) ? name : path.basename(a);
}

/** Builds the commander program; `onScan` receives the resolved plan. */
export function buildProgram(onScan: (plan: ScanPlan) => Promise<void>): Command {
  const program = new Command();
  program
    .name('docdrift')
    .description('Static documentation-freshness checker: checks what docs claim against the current config and code.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride(); // inherited by subcommands: bin.ts maps commander's exits to 0 (help) or 2 (usage)
  program
    .command('scan')
    .description('scan docs against the system and write reports')
    .option('--docs <dir...>', 'documentation roots (folders of pages)')
    .option('--system <dir...>', 'system roots (config and code the docs describe)')
    .option('-c, --config <file>', 'config file (default: docdrift.config.json or .yaml in the working directory)')
    .option('-o, --out <dir>', 'output directory (default: reports/<name>)')
    .addOption(new Option('-f, --format <list>', `comma-separated output formats: ${FORMATS.join(',')}`).argParser(parseFormats))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity').choices(['error', 'warning', 'none']))
    .option('--include <glob...>', 'page globs under each docs root (default: **/*.md, **/*.mdx)')
    .option('--exclude <glob...>', 'globs to leave out, on top of .gitignore')
    .addOption(new Option('--min-confidence <n>', 'findings below this confidence are reported as suspect').argParser(parseConfidence))
    .addOption(new Option('--as-of <date>', 'reference date (YYYY-MM-DD) for review and age signals (default: newest commit, else newest review, else today)').argParser(parseDay))
    .action(async (flags: ScanFlags) => {
      await onScan(planScan(flags, process.cwd()));
    });
  return program;
}
