import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, errorMessage } from '../util/errors.js';

const severity = z.enum(['off', 'error', 'warning', 'info']);
const stringList = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (Array.isArray(v) ? v : [v]));

/** Output formats `--format` accepts. */
export const FORMATS = ['md', 'json'] as const;
/** One output format. */
export type Format = (typeof FORMATS)[number];

/** A calendar day, `YYYY-MM-DD`. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`);
    return !/^\d{4}-\d{2}-\d{2}$/.test(v) || (Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === v);
  }, 'is not a real date');

/** `review`: frontmatter names of review metadata (first present wins) and the review interval. */
export const reviewSchema = z
  .object({
    lastReviewed: stringList.optional(),
    reviewBy: stringList.optional(),
    owner: stringList.optional(),
    status: stringList.optional(),
    archived: stringList.optional(),
    intervalDays: z.number().int().positive().optional(),
  })
  .strict();

/** The config file's schema. Unknown keys are errors, so a typo never silently does nothing. */
export const configSchema = z
  .object({
    name: z.string().min(1).optional(),
    docs: stringList.optional(),
    system: stringList.optional(),
    include: stringList.optional(),
    exclude: stringList.optional(),
    out: z.string().min(1).optional(),
    format: z.union([z.enum(FORMATS), z.array(z.enum(FORMATS)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
    failOn: z.enum(['error', 'warning', 'none']).optional(),
    checks: z.record(z.string(), severity).optional(),
    minConfidence: z.number().min(0).max(1).optional(),
    maxFileBytes: z.number().int().positive().optional(),
    asOf: day.optional(),
    git: z.boolean().optional(),
    gitChurnThreshold: z.number().int().positive().optional(),
    review: reviewSchema.optional(),
    nearDuplicateThreshold: z.number().min(0.5).max(1).optional(),
    conflictSimilarity: z.number().min(0).max(1).optional(),
  })
  .strict();

/** A validated config file, paths still as written. */
export type ConfigFile = z.infer<typeof configSchema>;

/** Config file names looked for in the working directory, in order. */
export const CONFIG_NAMES = ['docdrift.config.json', 'docdrift.config.yaml', 'docdrift.config.yml'];

/** Finds the config file: the one given, or the first of {@link CONFIG_NAMES} in `cwd`. */
export function findConfig(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit) {
    const abs = path.resolve(cwd, explicit);
    if (!existsSync(abs)) throw new ConfigError(`config file not found: ${explicit}`, { file: explicit });
    return abs;
  }
  for (const name of CONFIG_NAMES) {
    const abs = path.join(cwd, name);
    if (existsSync(abs)) return abs;
  }
  return undefined;
}

/** Reads and validates a config file; every error names the file and the bad key. */
export function readConfig(file: string, cwd = process.cwd()): ConfigFile {
  const shown = path.relative(cwd, file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${shown}: cannot read config file: ${errorMessage(err)}`, { file: shown });
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${shown}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${errorMessage(err).split('\n')[0]}`, { file: shown });
  }
  if (data == null) data = {};
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const key = keys.length ? [...issue.path, keys.join(', ')].join('.') : issue.path.join('.') || '(root)';
    const allowed = Object.keys(issue.path[0] === 'review' ? reviewSchema.shape : configSchema.shape);
    const reason = issue.code === 'unrecognized_keys' ? `unknown key${keys.length > 1 ? 's' : ''} (allowed: ${allowed.join(', ')})` : issue.message;
    throw new ConfigError(`${shown}: "${key}": ${reason}`, { file: shown, key });
  }
  return parsed.data;
}
