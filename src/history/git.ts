import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../util/errors.js';

/** A root whose history is read: docs roots need last changes, system roots also per-file commit lists. */
export interface HistoryRoot {
  /** Absolute root. */
  abs: string;
  /** How the root is named in notes (relative to the working directory). */
  label: string;
  /** Whether commits per file are kept (system roots), not only the last change (docs roots). */
  touches: boolean;
}

/** One repository the roots live in. */
export interface RepoHistory {
  /** Absolute top-level folder of the work tree. */
  top: string;
  /** Commit time (unix seconds) by ordinal; ordinal 0 is the newest commit that touched a root. */
  times: number[];
  /** Whether the clone is shallow (history cut short: counts are lower bounds). */
  shallow: boolean;
}

/** The history of one root, with paths relative to it. */
export interface RootHistory {
  /** Index of its repository in {@link GitHistory.repos}. */
  repo: number;
  /** Ordinal of the last commit that touched each file (0 = newest). */
  last: Map<string, number>;
  /** Ordinals of every commit that touched each file, newest first (system roots only). */
  touches?: Map<string, number[]>;
}

/** What one pass of `git log` per repository found; `note` says why some or all of it is absent. */
export interface GitHistory {
  /** Repositories read, in root order. */
  repos: RepoHistory[];
  /** Per absolute root (as given), when the root is inside a repository that could be read. */
  roots: Map<string, RootHistory>;
  /** Why history is missing for some or all roots (git missing, not a repository ...), once. */
  note?: string;
}

/** Options of {@link readGitHistory}. */
export interface GitOptions {
  /** The git executable (default `git` on PATH). */
  binary?: string;
}

/** Commit header marker in the log format: a byte no path starts with. */
const HEADER = '\u0001';

/**
 * Reads the history of every root in one `git log` per repository: `--name-only -z` over the roots
 * as pathspecs, parsed as a stream, keeping per file only the ordinals of the commits that touched it.
 * Never throws: git missing, a root outside any repository, or a failing git become `note`.
 */
export async function readGitHistory(roots: HistoryRoot[], options: GitOptions = {}): Promise<GitHistory> {
  const binary = options.binary ?? 'git';
  const out: GitHistory = { repos: [], roots: new Map() };
  const notes: string[] = [];
  const located = await Promise.all(roots.map((r) => locate(binary, r)));
  if (located.some((l) => l.kind === 'no-git')) {
    out.note = 'git is not installed (not found on PATH): no history signals (page ages, outdated-source)';
    return out;
  }
  const outside = located.flatMap((l, i) => (l.kind === 'outside' ? [(roots[i] as HistoryRoot).label] : []));
  const failed = located.flatMap((l) => (l.kind === 'error' ? [l.reason] : []));
  // Group roots by repository, in root order.
  const groups = new Map<string, { shallow: boolean; members: { root: HistoryRoot; inRepo: string }[] }>();
  located.forEach((l, i) => {
    if (l.kind !== 'repo') return;
    const g = groups.get(l.top) ?? { shallow: l.shallow, members: [] };
    g.members.push({ root: roots[i] as HistoryRoot, inRepo: l.inRepo });
    groups.set(l.top, g);
  });
  for (const [top, g] of groups) {
    const repo: RepoHistory = { top, times: [], shallow: g.shallow };
    const index = out.repos.length;
    const perRoot = new Map<string, RootHistory>();
    for (const m of g.members) {
      const existing = perRoot.get(m.root.abs);
      if (existing) {
        if (m.root.touches && !existing.touches) existing.touches = new Map();
        continue;
      }
      perRoot.set(m.root.abs, { repo: index, last: new Map(), ...(m.root.touches ? { touches: new Map() } : {}) });
    }
    const members = g.members.map((m) => ({ ...m, history: perRoot.get(m.root.abs) as RootHistory, prefix: m.inRepo ? m.inRepo + '/' : '' }));
    const pathspecs = [...new Set(g.members.map((m) => m.inRepo || '.'))].sort();
    const onFile = (file: string, ordinal: number): void => {
      for (const m of members) {
        if (m.prefix && !file.startsWith(m.prefix)) continue;
        const rel = file.slice(m.prefix.length);
        const h = m.history;
        if (!h.last.has(rel)) h.last.set(rel, ordinal);
        if (h.touches) {
          const list = h.touches.get(rel);
          if (!list) h.touches.set(rel, [ordinal]);
          else if (list[list.length - 1] !== ordinal) list.push(ordinal);
        }
      }
    };
    try {
      await streamLog(binary, top, pathspecs, (time) => repo.times.push(time) - 1, onFile);
    } catch (err) {
      failed.push(`git log failed in ${top}: ${errorMessage(err)}`);
      continue;
    }
    out.repos.push(repo);
    for (const [abs, h] of perRoot) out.roots.set(abs, h);
    if (repo.shallow) notes.push(`the repository at ${path.basename(top)} is a shallow clone: commit counts are lower bounds`);
  }
  if (outside.length === roots.length) notes.unshift('the docs and system roots are not in a git repository: no history signals (page ages, outdated-source)');
  else if (outside.length) notes.unshift(`not in a git repository, so without history signals: ${outside.join(', ')}`);
  notes.push(...failed);
  if (notes.length) out.note = notes.join('; ');
  return out;
}

type Located =
  | { kind: 'repo'; top: string; inRepo: string; shallow: boolean }
  | { kind: 'outside' }
  | { kind: 'no-git' }
  | { kind: 'error'; reason: string };

/** Finds the repository a root is in, with one `git rev-parse`. */
async function locate(binary: string, root: HistoryRoot): Promise<Located> {
  let r: { code: number | null; stdout: string; stderr: string };
  try {
    r = await run(binary, ['-C', root.abs, 'rev-parse', '--show-toplevel', '--is-shallow-repository']);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'no-git' };
    return { kind: 'error', reason: `${root.label}: ${errorMessage(err)}` };
  }
  if (r.code !== 0) {
    if (/not a git repository/i.test(r.stderr)) return { kind: 'outside' };
    return { kind: 'error', reason: `${root.label}: git rev-parse failed: ${firstLine(r.stderr) || `exit code ${r.code}`}` };
  }
  const [top, shallow] = r.stdout.split('\n');
  if (!top) return { kind: 'outside' };
  let real: string;
  try {
    real = realpathSync(root.abs);
  } catch {
    real = root.abs;
  }
  const inRepo = path.relative(top, real).split(path.sep).join('/');
  if (inRepo.startsWith('..') || path.isAbsolute(inRepo)) return { kind: 'outside' };
  return { kind: 'repo', top, inRepo, shallow: shallow === 'true' };
}

/**
 * Runs `git log --name-only -z` and parses it as it streams: tokens are NUL-separated; a token that
 * starts with {@link HEADER} opens a commit (its committer time), every other token is a path it touched.
 */
function streamLog(binary: string, top: string, pathspecs: string[], onCommit: (time: number) => number, onFile: (file: string, ordinal: number) => void): Promise<void> {
  const args = ['--literal-pathspecs', '-c', 'core.quotePath=false', '-C', top, 'log', '--no-renames', '--name-only', '-z', `--format=${HEADER}%ct`, '--', ...pathspecs];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let rest = '';
    let ordinal = -1;
    let stderr = '';
    const token = (t: string): void => {
      const s = t.startsWith('\n') ? t.slice(1) : t;
      if (!s) return;
      if (s.startsWith(HEADER)) ordinal = onCommit(Number(s.slice(1)) || 0);
      else if (ordinal >= 0) onFile(s, ordinal);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\0');
      rest = parts.pop() ?? '';
      for (const p of parts) token(p);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (rest) token(rest);
      if (code === 0) resolve();
      else reject(new Error(firstLine(stderr) || `exit code ${code}`));
    });
  });
}

/** Runs git and collects its output (for the short `rev-parse`). */
function run(binary: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

/** The environment for git: no repository forced on it from outside, stable messages, no prompts. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
  // A GIT_DIR inherited from a hook would point every root at one repository.
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY']) delete env[k];
  return env;
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').trim();
}
