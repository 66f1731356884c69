import { parse as shellParse } from 'shell-quote';

/** One shell word with its source position. */
export interface Word {
  /** The word after quote removal. */
  text: string;
  /** 1-based line. */
  line: number;
  /** 1-based column where the word starts (best effort: quotes may shift it). */
  column: number;
}

/** One simple command: `A=1 B=2 cmd arg ...`. */
export interface ShellCommand {
  /** Leading `NAME=value` assignments (and the arguments of `export`). */
  assignments: Word[];
  /** The command and its arguments, redirect targets removed. */
  argv: Word[];
  /** The source line the command starts on, trimmed. */
  raw: string;
}

/** What a shell block yields. */
export interface ShellScript {
  /** Commands in order. */
  commands: ShellCommand[];
  /** `$NAME` / `${NAME}` references, with positions. */
  references: Word[];
}

const PROMPT = /^(\s*)(?:\$|%|❯|>>>|PS [^>]*>)\s+/;
const HEREDOC = /<<-?\s*['"]?([A-Za-z_]\w*)['"]?/;
/** Words that run the rest of the line as a command. */
const PREFIX_COMMANDS = new Set(['sudo', 'env', 'time', 'nohup', 'exec', 'command', 'builtin', 'xargs', 'watch', 'nice']);

/**
 * Tokenises a shell block with shell-quote (a real POSIX tokenizer) into simple commands. Handles
 * prompts (`$ cmd`; in console/session blocks, lines without a prompt are output and are skipped),
 * `\` continuations, comments, heredoc bodies, and `&&`/`||`/`;`/`|` lists. Never runs anything.
 */
export function tokenizeShell(code: string, firstLine: number, sessionLog = false): ShellScript {
  const lines = code.split(/\r?\n/);
  const commands: ShellCommand[] = [];
  const references: Word[] = [];
  const hasPrompts = lines.some((l) => PROMPT.test(l));
  let heredocEnd: string | undefined;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = firstLine + i;
    let text = lines[i] ?? '';
    if (heredocEnd !== undefined) {
      if (text.trim() === heredocEnd) heredocEnd = undefined;
      continue;
    }
    const prompt = PROMPT.exec(text);
    if (prompt) text = ' '.repeat(prompt[0].length) + text.slice(prompt[0].length);
    else if ((sessionLog || hasPrompts) && text.trim() && !/^\s*#/.test(text)) continue; // command output
    // Join continuation lines, remembering where each physical line starts.
    const physical: { line: number; text: string; offset: number }[] = [{ line: lineNo, text, offset: 0 }];
    let logical = text;
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) {
      logical = logical.replace(/\\\s*$/, ' ');
      i++;
      const next = (lines[i] ?? '').replace(/^\s*>\s/, '  ');
      physical.push({ line: firstLine + i, text: next, offset: logical.length });
      logical += next;
    }
    const heredoc = HEREDOC.exec(logical);
    if (heredoc?.[1]) heredocEnd = heredoc[1];

    for (const m of logical.matchAll(/(?<![\\\w])\$(?:\{([A-Za-z_]\w*)[^}]*\}|([A-Za-z_]\w*))/g)) {
      const name = m[1] ?? m[2];
      if (!name || isInSingleQuotes(logical, m.index ?? 0)) continue;
      const pos = locate(physical, m.index ?? 0);
      references.push({ text: name, line: pos.line, column: pos.column });
    }

    let entries: ReturnType<typeof shellParse>;
    try {
      entries = shellParse(logical, (key: string) => '$' + key);
    } catch {
      continue; // unbalanced quotes: nothing reliable to read on this line
    }
    let cursor = 0;
    let current: ShellCommand = { assignments: [], argv: [], raw: logical.trim() };
    let skipNext = false;
    const flush = (): void => {
      if (current.argv.length || current.assignments.length) commands.push(current);
      current = { assignments: [], argv: [], raw: logical.trim() };
    };
    for (const entry of entries) {
      if (typeof entry === 'string') {
        const at = findWord(logical, entry, cursor);
        cursor = at >= 0 ? at + entry.length : cursor;
        if (skipNext) {
          skipNext = false;
          continue;
        }
        const pos = locate(physical, at >= 0 ? at : 0);
        const word: Word = { text: entry, line: pos.line, column: pos.column };
        if (!current.argv.length && /^[A-Za-z_]\w*=/.test(entry)) current.assignments.push(word);
        else if (current.argv.length === 1 && current.argv[0]?.text === 'export') {
          if (/^[A-Za-z_]\w*(=|$)/.test(entry)) current.assignments.push(word);
        } else if (!current.argv.length && PREFIX_COMMANDS.has(entry)) continue;
        else current.argv.push(word);
        continue;
      }
      if ('comment' in entry) break;
      if ('op' in entry) {
        if (['>', '>>', '<', '>&', '<&', '<<', '<<<', '&>', '>|'].includes(entry.op as string)) skipNext = true;
        else flush();
      }
    }
    flush();
  }
  // `export` alone is not a command worth keeping once its assignments are taken.
  for (const c of commands) if (c.argv.length === 1 && c.argv[0]?.text === 'export') c.argv = [];
  return { commands: commands.filter((c) => c.argv.length || c.assignments.length), references };
}

function isInSingleQuotes(line: string, index: number): boolean {
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < index; i++) {
    const ch = line[i];
    if (ch === '\\' && !inSingle) i++;
    else if (ch === "'" && !inDouble) inSingle = !inSingle;
    else if (ch === '"' && !inSingle) inDouble = !inDouble;
  }
  return inSingle;
}

/** Finds where a parsed word sits in the source line (quotes make it approximate). */
function findWord(line: string, word: string, from: number): number {
  const direct = line.indexOf(word, from);
  if (direct >= 0) return direct;
  const first = word.split(/\s/)[0] ?? word;
  return first ? line.indexOf(first, from) : -1;
}

function locate(physical: { line: number; text: string; offset: number }[], index: number): { line: number; column: number } {
  let best = physical[0] as { line: number; text: string; offset: number };
  for (const p of physical) if (p.offset <= index) best = p;
  return { line: best.line, column: index - best.offset + 1 };
}

/** Whether a fence language is a shell. */
export function isShellLang(lang: string | undefined): boolean {
  return !!lang && /^(?:sh|bash|zsh|shell|console|shell-session|shellsession|terminal|fish|ksh|powershell|ps1|cmd|bat)$/.test(lang);
}

/** Whether a fence language is a transcript where lines without a prompt are output. */
export function isSessionLang(lang: string | undefined): boolean {
  return !!lang && /^(?:console|shell-session|shellsession|terminal)$/.test(lang);
}
