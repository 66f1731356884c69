import fg from 'fast-glob';
import picomatch from 'picomatch';
import ignore, { type Ignore } from 'ignore';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../types.js';
import { errorMessage } from '../util/errors.js';
import { describeFsError } from '../util/read.js';

/** Folders never worth reading, in docs or system roots. */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/.hg/**', '**/.svn/**', '**/.docdrift-cache/**'];

/** What a walk of one root found. */
export interface Listing {
  /** Absolute root. */
  root: string;
  /** Files relative to the root, forward slashes, sorted. */
  files: string[];
  /** Directories relative to the root, sorted. */
  dirs: string[];
}

/** Options of {@link listFiles}. */
export interface ListOptions {
  /** Extra exclude globs (relative to the root). */
  exclude?: string[];
  /** Whether to honour `.gitignore` files found under the root (default true). */
  gitignore?: boolean;
}

/**
 * Lists every file and directory under `root` with fast-glob, honouring `.gitignore` files (root and
 * nested) and exclude globs. Unreadable directories do not stop the walk: they become problems.
 */
export function listFiles(root: string, options: ListOptions, problems: Problem[]): Listing {
  const abs = path.resolve(root);
  if (!existsSync(abs)) throw new Error(`root does not exist: ${root}`);
  const ignoreGlobs = [...ALWAYS_EXCLUDED, ...(options.exclude ?? [])];
  const base = { cwd: abs, dot: true, ignore: ignoreGlobs, followSymbolicLinks: true, onlyFiles: false, markDirectories: true, unique: true };
  let entries: string[];
  try {
    entries = fg.sync('**', { ...base, suppressErrors: false });
  } catch (err) {
    const where = (err as NodeJS.ErrnoException).path;
    problems.push({ file: where ? path.relative(process.cwd(), where) || where : root, stage: 'discover', reason: `could not list directory: ${describeFsError(err)}; its contents are skipped` });
    entries = fg.sync('**', { ...base, suppressErrors: true });
  }
  const ig = options.gitignore === false ? undefined : loadGitignores(abs, entries, problems);
  const files: string[] = [];
  const dirs: string[] = [];
  for (const e of entries) {
    if (ig && ig.ignores(e)) continue;
    if (e.endsWith('/')) dirs.push(e.slice(0, -1));
    else files.push(e);
  }
  files.sort();
  dirs.sort();
  return { root: abs, files, dirs };
}

/** Builds one matcher from the root `.gitignore` and nested ones (their rules rebased to the root). */
function loadGitignores(root: string, entries: string[], problems: Problem[]): Ignore | undefined {
  const gitignores = entries.filter((e) => e === '.gitignore' || e.endsWith('/.gitignore')).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  if (!gitignores.length) return undefined;
  const ig = ignore();
  for (const file of gitignores) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch (err) {
      problems.push({ file, stage: 'discover', reason: `could not read .gitignore: ${errorMessage(err)}` });
      continue;
    }
    const dir = file.slice(0, -'.gitignore'.length);
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      if (!dir) {
        ig.add(line);
        continue;
      }
      const negate = line.startsWith('!');
      const rule = negate ? line.slice(1) : line;
      const anchored = rule.startsWith('/') || rule.replace(/\/$/, '').includes('/');
      const rebased = anchored ? dir + rule.replace(/^\//, '') : `${dir}**/${rule}`;
      ig.add((negate ? '!' : '') + rebased);
    }
  }
  return ig;
}

/** A matcher for relative paths against globs (picomatch, dot files included). */
export function globMatcher(globs: string[]): (file: string) => boolean {
  if (!globs.length) return () => false;
  return picomatch(globs, { dot: true });
}
