import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/analyze.js';
import type { AnalyzeOptions } from '../../src/options.js';
import type { AnalysisResult } from '../../src/result.js';
import { writeTree, type Files } from './project.js';

/** `count` commits on `date` (`YYYY-MM-DD`), each touching `files` (paths relative to the repository). */
export interface Commit {
  /** Commit day. */
  date: string;
  /** Files each commit touches. */
  files: string[];
  /** How many commits (default 1). */
  count?: number;
}

/**
 * Reads a history block as the docs pages write it: one line per step, `YYYY-MM-DD [xN] path ...`
 * (N commits that day, each touching the paths); `#` starts a comment.
 */
export function parseHistory(text: string): Commit[] {
  const out: Commit[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s+x(\d+))?\s+(.+)$/.exec(line);
    if (!m) throw new Error(`bad history line: ${raw}`);
    out.push({ date: m[1] as string, count: m[2] ? Number(m[2]) : 1, files: (m[3] as string).split(/\s+/) });
  }
  return out;
}

/** Runs git in `dir` with a fixed identity, no signing and no outside repository or config. */
export function git(dir: string, args: string[], date?: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[k];
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return execFileSync('git', ['-c', 'user.name=docdrift', '-c', 'user.email=docdrift@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, env, encoding: 'utf8' });
}

/**
 * Makes `dir` a git repository whose history is `history`: each commit writes the files it touches,
 * so that their last commit leaves them as they are in `dir` now (earlier commits add trailing
 * newlines that later ones take away). Files of `dir` the history does not name go in the first commit.
 * Commits of one day are a minute apart, in order.
 */
export function commitHistory(dir: string, files: Files, history: Commit[]): void {
  git(dir, ['init', '-q']);
  const left = new Map<string, number>();
  for (const c of history) for (const f of c.files) left.set(f, (left.get(f) ?? 0) + (c.count ?? 1));
  const unnamed = Object.keys(files).filter((f) => !left.has(f));
  let n = 0;
  history.forEach((c, step) => {
    for (let i = 0; i < (c.count ?? 1); i++) {
      const touched = step === 0 && i === 0 ? [...c.files, ...unnamed] : c.files;
      for (const f of c.files) {
        const remaining = (left.get(f) as number) - 1;
        left.set(f, remaining);
        const content = files[f] ?? '';
        const abs = path.join(dir, f);
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, Buffer.concat([Buffer.from(content), Buffer.from('\n'.repeat(remaining))]));
      }
      git(dir, ['add', '-A', '--', ...touched]);
      const when = new Date(Date.parse(`${c.date}T09:00:00Z`) + i * 60_000).toISOString();
      git(dir, ['commit', '-q', '-m', `commit ${++n}`], when);
    }
  });
}

/** As `scanProject`, in a git repository built with `history` (paths relative to the project: `docs/...`, `system/...`). */
export async function scanProjectWithHistory(docs: Files, system: Files, history: Commit[], options: Partial<AnalyzeOptions> = {}): Promise<AnalysisResult> {
  const files: Files = {
    ...Object.fromEntries(Object.entries(docs).map(([k, v]) => [`docs/${k}`, v])),
    ...Object.fromEntries(Object.entries(system).map(([k, v]) => [`system/${k}`, v])),
  };
  const root = writeTree(files);
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  mkdirSync(path.join(root, 'system'), { recursive: true });
  commitHistory(root, files, history);
  return analyze({ docs: [path.join(root, 'docs')], system: [path.join(root, 'system')], cwd: root, ...options });
}
