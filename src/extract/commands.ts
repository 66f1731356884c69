import type { ClaimContext } from '../types.js';
import type { ShellCommand, ShellScript, Word } from './shell.js';
import { envVarName, isWellKnownEnv, relativePath } from './shapes.js';
import type { ClaimDraft } from './draft.js';
import { cliClaims } from './cli.js';
import type { ExtractContext } from './context.js';
import { EMPTY_CONTEXT } from './context.js';
import { httpClientClaims } from './http.js';

const NPM_BUILTINS = new Set(
  'access adduser audit bugs cache ci completion config dedupe deprecate diff dist-tag docs doctor edit exec explain explore find-dupes fund get help hook i init install install-ci-test install-test it link ll login logout ls org outdated owner pack ping pkg prefix profile prune publish query rebuild repo root search set shrinkwrap star stars team token uninstall unpublish unstar update version view whoami x add rm un remove up upgrade list la'.split(' '),
);
const NPM_SCRIPT_ALIASES: Record<string, string> = { test: 'test', t: 'test', tst: 'test', start: 'start', stop: 'stop', restart: 'restart' };
const YARN_BUILTINS = new Set(
  'add audit autoclean bin cache check config create dedupe dlx exec explain generate-lock-entry global help import info init install licenses link list login logout node npm outdated owner pack patch patch-commit plugin policies publish rebuild remove search set tag team unlink unplug upgrade upgrade-interactive up version versions why workspace workspaces constraints'.split(' '),
);
const PNPM_BUILTINS = new Set(
  'add i install update up upgrade remove rm uninstall un link ln unlink import rebuild rb prune fetch patch patch-commit exec dlx create audit list ls outdated why publish pack store env setup init deploy server root bin config licenses doctor'.split(' '),
);
/** Options of npm/yarn/pnpm that take a value (`--prefix dir`, `-w pkg`, `--filter x`). */
const RUNNER_VALUE_FLAGS = new Set(['--prefix', '-C', '--dir', '-w', '--workspace', '--filter', '-F', '--cwd']);
/** make options that take a value. */
const MAKE_VALUE_FLAGS = new Set(['-C', '--directory', '-f', '--file', '--makefile', '-I', '--include-dir', '-j', '--jobs', '-l', '-o', '-W']);

/** Commands whose arguments are files or directories. */
const FILE_COMMANDS = new Set([
  'cd', 'ls', 'cat', 'less', 'more', 'head', 'tail', 'vim', 'vi', 'nano', 'code', 'source', '.', 'bash', 'sh', 'zsh',
  'node', 'tsx', 'ts-node', 'deno', 'python', 'python3', 'go', 'ruby', 'chmod', 'cp', 'mv', 'rm', 'touch', 'open', 'stat',
  'psql', 'kubectl', 'helm', 'docker', 'docker-compose', 'terraform', 'ansible-playbook', 'git', 'diff', 'grep', 'sed', 'awk', 'jq', 'yq',
]);

/**
 * Turns the commands of a shell block (or a one-line inline command) into claims: npm/yarn/pnpm/make
 * scripts, environment variables set for the system, and relative paths passed as arguments.
 */
export function claimsFromShell(script: ShellScript, context: ClaimContext, confidence: number, ctx: ExtractContext = EMPTY_CONTEXT): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  const assigned = new Set<string>();
  let cwd: string | undefined;
  for (const cmd of script.commands) {
    for (const a of cmd.assignments) {
      const eq = a.text.indexOf('=');
      const name = eq >= 0 ? a.text.slice(0, eq) : a.text;
      assigned.add(name);
      const env = envVarName(name);
      if (!env || isWellKnownEnv(env)) continue;
      const draft: ClaimDraft = { kind: 'env-var', key: env, raw: a.text, line: a.line, column: a.column, context, confidence };
      const value = eq >= 0 ? a.text.slice(eq + 1) : undefined;
      if (value !== undefined && value !== '') draft.value = value;
      out.push(draft);
    }
    const [head, ...args] = cmd.argv;
    if (!head) continue;
    const name = head.text.split('/').pop() ?? head.text;
    out.push(...cliClaims(cmd, ctx, context, confidence), ...httpClientClaims(cmd, ctx, context, confidence));
    if (name === 'nvm' && (args[0]?.text === 'use' || args[0]?.text === 'install') && args[1] && /^v?\d+(?:\.\d+){0,2}$/.test(args[1].text)) {
      out.push({ kind: 'version', key: 'node', value: args[1].text.replace(/^v/, ''), raw: cmd.raw, line: args[1].line, column: args[1].column, context, confidence, meta: { qualifier: 'exact' } });
    }
    if (name === 'npm' || name === 'yarn' || name === 'pnpm' || name === 'bun') out.push(...packageScripts(name, args, cmd, context, confidence));
    else if (name === 'make' || name === 'gmake') out.push(...makeTargets(args, cmd, context, confidence));
    if (name === 'cd' && args[0]) {
      const dir = relativePath(args[0].text.endsWith('/') ? args[0].text : args[0].text + '/');
      cwd = dir ? joinDir(cwd, dir) : undefined;
    }
    // The command itself may be a script in the repo (`./scripts/rollback.sh`).
    const headPath = head.text.includes('/') ? relativePath(head.text) : undefined;
    if (headPath) out.push(pathDraft(head, headPath, cwd, context, confidence));
    const fileArgs = FILE_COMMANDS.has(name) || headPath !== undefined;
    for (const arg of args) {
      if (arg.text.startsWith('-')) {
        const eq = arg.text.indexOf('=');
        if (eq < 0) continue;
        const p = relativePath(arg.text.slice(eq + 1));
        if (p && (p.includes('/') || fileArgs)) out.push(pathDraft({ ...arg, text: arg.text.slice(eq + 1), column: arg.column + eq + 1 }, p, cwd, context, confidence * 0.9));
        continue;
      }
      const p = relativePath(arg.text);
      if (!p) continue;
      // Bare file names count only as arguments of commands that take files.
      if (!p.includes('/') && !fileArgs) continue;
      out.push(pathDraft(arg, p, cwd, context, confidence * 0.9));
    }
  }
  for (const ref of script.references) {
    if (assigned.has(ref.text) || isWellKnownEnv(ref.text)) continue;
    const env = envVarName(ref.text);
    if (!env) continue;
    out.push({ kind: 'env-var', key: env, raw: '$' + ref.text, line: ref.line, column: ref.column, context, confidence: confidence * 0.8 });
  }
  return out;
}

function joinDir(cwd: string | undefined, dir: string): string {
  const d = dir.replace(/\/+$/, '');
  return cwd ? `${cwd}/${d}` : d;
}

function pathDraft(word: Word, path: string, cwd: string | undefined, context: ClaimContext, confidence: number): ClaimDraft {
  const draft: ClaimDraft = { kind: 'path', key: path, raw: word.text, line: word.line, column: word.column, context, confidence };
  if (cwd) draft.meta = { dir: cwd };
  return draft;
}

function packageScripts(runner: string, args: Word[], cmd: ShellCommand, context: ClaimContext, confidence: number): ClaimDraft[] {
  const rest = [...args];
  let dir: string | undefined;
  // Leading options: `npm --prefix service run build`, `pnpm --filter api dev`.
  while (rest[0]?.text.startsWith('-')) {
    const opt = rest.shift() as Word;
    if (RUNNER_VALUE_FLAGS.has(opt.text) && rest[0]) {
      const value = rest.shift() as Word;
      if (opt.text === '--prefix' || opt.text === '-C' || opt.text === '--dir' || opt.text === '--cwd') dir = value.text;
    } else if (/^--(?:prefix|dir|cwd)=/.test(opt.text)) dir = opt.text.slice(opt.text.indexOf('=') + 1);
  }
  const sub = rest.shift();
  if (!sub) return [];
  let script: Word | undefined;
  if (sub.text === 'run' || sub.text === 'run-script' || sub.text === 'rum' || sub.text === 'urn') {
    while (rest[0]?.text.startsWith('-')) rest.shift();
    script = rest[0];
  } else if (runner === 'npm') {
    const alias = NPM_SCRIPT_ALIASES[sub.text];
    if (alias) script = { ...sub, text: alias };
    else if (NPM_BUILTINS.has(sub.text)) return [];
    else return []; // an unknown npm command is npm's business, not a script
  } else if (runner === 'yarn') {
    if (sub.text === 'workspace' && rest.length >= 2) script = rest[1];
    else if (!YARN_BUILTINS.has(sub.text)) script = sub;
  } else if (runner === 'pnpm') {
    if (!PNPM_BUILTINS.has(sub.text)) script = sub;
  } else if (runner === 'bun') {
    return []; // `bun x` may run a file as well as a script: only `bun run x` is a claim
  }
  if (!script || script.text.startsWith('-') || script.text.startsWith('$')) return [];
  const draft: ClaimDraft = {
    kind: 'script',
    key: script.text,
    raw: cmd.raw,
    line: script.line,
    column: script.column,
    context,
    confidence,
    meta: { runner },
  };
  if (dir) (draft.meta as { dir?: string }).dir = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  return [draft];
}

function makeTargets(args: Word[], cmd: ShellCommand, context: ClaimContext, confidence: number): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Word;
    if (a.text.startsWith('-')) {
      if (MAKE_VALUE_FLAGS.has(a.text)) {
        if ((a.text === '-C' || a.text === '--directory') && args[i + 1]) dir = (args[i + 1] as Word).text;
        i++;
      } else if (a.text.startsWith('--directory=')) dir = a.text.slice('--directory='.length);
      else if (/^-C./.test(a.text)) dir = a.text.slice(2);
      continue;
    }
    if (a.text.includes('=') || a.text.startsWith('$')) continue;
    if (!/^[\w./%-][\w./%:-]*$/.test(a.text)) continue;
    const draft: ClaimDraft = { kind: 'script', key: a.text, raw: cmd.raw, line: a.line, column: a.column, context, confidence, meta: { runner: 'make' } };
    if (dir) (draft.meta as { dir?: string }).dir = dir.replace(/^\.\//, '').replace(/\/+$/, '');
    out.push(draft);
  }
  return out;
}
