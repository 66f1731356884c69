import type { ClaimContext } from '../types.js';
import type { ClaimDraft } from './draft.js';
import type { ExtractContext } from './context.js';
import type { ShellCommand, Word } from './shell.js';

/** A word that can be a subcommand: lower case, letters, digits and dashes. */
const SUBCOMMAND = /^[a-z][a-z0-9-]*$/;
/** How many words after the executable may be subcommands. */
const MAX_DEPTH = 3;

/** The system executable a command runs, if any: `acme`, `./bin/acme`, `npx acme`, `dist/cli.js` bins. */
export function systemExecutable(argv: Word[], ctx: ExtractContext): { exe: string; rest: Word[] } | undefined {
  let [head, ...rest] = argv;
  if (!head) return undefined;
  if ((head.text === 'npx' || head.text === 'pnpx' || head.text === 'bunx') && rest[0]) {
    while (rest[0]?.text.startsWith('-')) rest = rest.slice(1);
    head = rest[0];
    rest = rest.slice(1);
    if (!head) return undefined;
  }
  const name = head.text.split('/').pop() ?? head.text;
  return ctx.executables.has(name) ? { exe: name, rest } : undefined;
}

/**
 * Claims about one of the system's own commands: the command path (`acme db migrate`) and each
 * flag given to it (`--dry-run`, `--env=prod`). Commands of other tools yield nothing.
 */
export function cliClaims(cmd: ShellCommand, ctx: ExtractContext, context: ClaimContext, confidence: number): ClaimDraft[] {
  const found = systemExecutable(cmd.argv, ctx);
  if (!found) return [];
  const { exe, rest } = found;
  const words: Word[] = [];
  // Global options may come before the subcommand (`acme --server http://x items get`). They are
  // skipped when it is clear where they end: `--x=v`, or `--x` followed by a value that cannot be a
  // subcommand (a URL, a path, a number). `--env staging db migrate` is ambiguous: no path then.
  let start = 0;
  while (start < rest.length && (rest[start] as Word).text.startsWith('-') && (rest[start] as Word).text !== '--') {
    const flag = (rest[start] as Word).text;
    const next = rest[start + 1];
    if (flag.includes('=') || !next || next.text.startsWith('-')) start += 1;
    else if (!SUBCOMMAND.test(next.text)) start += 2;
    else {
      start = rest.length;
      break;
    }
  }
  for (const w of rest.slice(start)) {
    if (w.text.startsWith('-') || !SUBCOMMAND.test(w.text) || words.length >= MAX_DEPTH) break;
    words.push(w);
  }
  const path = [exe, ...words.map((w) => w.text)].join(' ');
  const head = cmd.argv[0] as Word;
  const out: ClaimDraft[] = [];
  const last = words[words.length - 1] ?? head;
  out.push({ kind: 'cli-command', key: path, raw: cmd.raw, line: last.line, column: last.column, context, confidence });
  let endOfOptions = false;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as Word;
    if (endOfOptions) break;
    if (w.text === '--') {
      endOfOptions = true;
      continue;
    }
    const m = /^(--?[A-Za-z][\w-]*)(?:=(.*))?$/.exec(w.text);
    if (!m?.[1]) continue;
    const flag = m[1];
    // `-abc` bundles short options: too ambiguous to judge each letter.
    if (!flag.startsWith('--') && flag.length > 2) continue;
    const draft: ClaimDraft = { kind: 'cli-flag', key: flag, raw: w.text, line: w.line, column: w.column, context, confidence, meta: { command: path } };
    if (m[2] !== undefined && m[2] !== '') draft.value = m[2];
    out.push(draft);
  }
  return out;
}
