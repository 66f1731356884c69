/**
 * Shell scripts → `env-var` facts for the environment variables a script reads (key = variable,
 * value = the default the script gives, `meta: {via: 'shell', required?, computed?}`), and for the
 * variables an env file defines (`meta: {via: 'export', role: 'env'}`).
 *
 * Which files: `*.sh` and `*.bash` anywhere, and files without an extension directly under a
 * `scripts/` or `bin/` directory whose first line is a `sh`/`bash`/`dash`/`ash`/`ksh` shebang (others
 * are skipped silently; a binary there would still be reported unreadable by the loader, since a
 * provider only sees paths when it chooses files). Not read: tests (`test/`, `tests/`, `__tests__/`,
 * `spec/`, `testdata/`, `fixtures/` directories; `test_*.sh`, `test-*.sh`, `*_test.sh`, `*-tests.sh`,
 * `*.spec.sh` and the like), vendored code and environments (`node_modules/`, `vendor/`,
 * `third_party/`, `venv/`, `.venv/`, `site-packages/`, `.tox/`, `.nox/`), and extension-less files
 * under build output (`target/`, `dist/`, `build/`, `out/`), which are compiled programs.
 *
 * What counts as a read: `$X`, `${X}` and every `${X…}` form, in unquoted words, double quotes,
 * command substitutions (`$(...)`, backticks, `<(...)`), arithmetic (`$((...))`, only `$X` inside:
 * bare names there are not taken as reads) and unquoted here-document bodies. The operator gives the
 * value: `${X:-d}`/`${X-d}`/`${X:=d}`/`${X=d}` → value `d` (quotes removed, nested expansions kept as
 * written, with `meta.computed`); `${X:?msg}`/`${X?msg}` → `meta.required`; an empty default gives
 * no value. Nothing is read inside single quotes, `$'...'`, comments, or quoted here-documents
 * (`<<'EOF'`, `<<"EOF"`, `<<\EOF`).
 *
 * What does not count:
 * - variables the script assigns before the read, in source order: `X=...` (also `X+=`, `X=(...)`
 *   and prefix assignments), `export X=...`, `readonly X=...`, `local`/`declare`/`typeset X` (with or
 *   without a value; scoped to the function they are in), `read [opts] X Y`, `for X in`, `select X
 *   in`, `getopts spec X`, `mapfile`/`readarray X`, `printf -v X`, `let X=...`, and `${X:=d}` after
 *   its own read. A read inside a function body also counts as assigned when the script assigns the
 *   variable globally anywhere (functions run after the code that sets them up, usually);
 * - positional and special parameters (`$1`, `${10}`, `$@`, `$*`, `$#`, `$?`, `$$`, `$!`, `$-`,
 *   `$_`) and variables the shell or login environment sets (`HOME`, `PATH`, `PWD`, `RANDOM`, `IFS`,
 *   `UID`, `USER`, `LANG`, `LC_*`, `BASH_*`, `TMPDIR`, `OPTARG`, `REPLY` ...);
 * - names with a lower-case letter, unless read with a default (`${region:-eu-west-1}`): lower-case
 *   names are, by convention, the script's own variables, while a default says "may come from the
 *   environment".
 * One fact is given per distinct (variable, default, required) in a file, at its first read; a
 * plain read of a variable that already has a fact adds none.
 *
 * Env files (`env.sh`, `*.env.sh`, `*-env.sh`, `*_env.sh`, meant to be sourced) also define what they
 * export: `export X=...` and, after `set -a`/`set -o allexport`, plain `X=...` give a fact with the
 * value as written (quotes removed), unless the same line already gave a read of `X`; so does
 * `export X` after a top-level `X=...` (the fact is then at the assignment).
 *
 * Limits (a lexical reading, nothing is run): assignments in subshells and command substitutions do
 * not outlive them, but a `( ... )` subshell group is read as part of the enclosing code; function
 * bodies written as `f() ( ... )` are not scoped; variables set by `source`d files, `eval`, `set --`
 * or `declare -n` references are unknown, so reads of them count; a `case` pattern ending in `)`
 * inside `$(...)` is handled only within `case ... esac`; here-document bodies are found after the
 * line that opens them (also inside `$(...)`), and a delimiter word is taken as quoted when any part
 * of it is quoted, as bash does.
 */
import type { Fact, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

// ------------------------------------------------------------------------------------------------
// Lexer

/** A parameter read: `$X` or `${X<op><word>}`. */
export interface ShellRead {
  name: string;
  /** Offset of the `$`. */
  offset: number;
  /** The expansion operator (`:-`, `-`, `:=`, `=`, `:?`, `?`, `:+`, `#`, `%`, `/` ...), if any. */
  op?: string;
  /** The operator's word, as written. */
  word?: string;
  /** Whether the expansion sits inside double quotes (or a here-document). */
  inDouble: boolean;
}

/** What a word holds, in order: reads and nested scripts (command substitutions). */
export type ShellPart = { kind: 'read'; read: ShellRead } | { kind: 'script'; script: ShellScript };

/** A shell word as written, with what it expands. */
export interface ShellWord {
  raw: string;
  start: number;
  parts: ShellPart[];
  /** `NAME=...`, `NAME+=...`, `NAME[i]=...`. */
  assign?: { name: string; value: string };
  /** A redirection target (`> file`), not an argument. */
  redirect?: boolean;
}

/** One simple command (or a function header, with `funcDef`). */
export interface ShellCommand {
  words: ShellWord[];
  funcDef?: string;
}

/** A sequence of commands. */
export interface ShellScript {
  commands: ShellCommand[];
}

const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'esac', 'coproc']);

interface Heredoc {
  delim: string;
  strip: boolean;
  quoted: boolean;
}

/** Lexes shell source into commands, words, parameter reads and nested scripts. Never throws on bad input. */
export class ShellLexer {
  private pos: number;
  private readonly heredocs: Heredoc[] = [];

  constructor(
    private readonly src: string,
    start = 0,
    private readonly end = src.length,
  ) {
    this.pos = start;
  }

  /** Lexes up to the end (or, with `close`, up to the `)` that closes a `$(`). */
  script(close = false): ShellScript {
    const { src } = this;
    const commands: ShellCommand[] = [];
    let cur: ShellWord[] = [];
    let parenDepth = 0;
    let caseDepth = 0;
    let redirectNext = false;
    const endCommand = () => {
      redirectNext = false;
      if (!cur.length) return;
      const plain = cur.filter((w) => !w.redirect).map((w) => w.raw);
      let i = 0;
      while (i < plain.length && RESERVED.has(plain[i] as string)) {
        if (plain[i] === 'esac' && caseDepth > 0) caseDepth--;
        i++;
      }
      if (plain[i] === 'case') caseDepth++;
      commands.push({ words: cur });
      cur = [];
    };
    while (this.pos < this.end) {
      const c = src[this.pos] as string;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
        continue;
      }
      if (c === '\\' && src[this.pos + 1] === '\n') {
        this.pos += 2;
        continue;
      }
      if (c === '\n') {
        endCommand();
        this.pos++;
        this.readHeredocBodies(commands);
        continue;
      }
      if (c === '#') {
        while (this.pos < this.end && src[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === ';') {
        endCommand();
        this.pos += src.startsWith(';;&', this.pos) ? 3 : src.startsWith(';;', this.pos) || src.startsWith(';&', this.pos) ? 2 : 1;
        continue;
      }
      if (c === '&') {
        if (src[this.pos + 1] === '>') {
          this.pos += src[this.pos + 2] === '>' ? 3 : 2;
          redirectNext = true;
          continue;
        }
        endCommand();
        this.pos += src[this.pos + 1] === '&' ? 2 : 1;
        continue;
      }
      if (c === '|') {
        endCommand();
        this.pos += src[this.pos + 1] === '|' || src[this.pos + 1] === '&' ? 2 : 1;
        continue;
      }
      if (c === '(') {
        if (src[this.pos + 1] === '(' && !cur.length) {
          // `(( arithmetic ))`: only `$X` inside are taken as reads.
          this.pos += 2;
          const parts: ShellPart[] = [];
          this.readArith(parts);
          cur.push({ raw: '((', start: this.pos, parts });
          continue;
        }
        endCommand();
        parenDepth++;
        this.pos++;
        continue;
      }
      if (c === ')') {
        endCommand();
        this.pos++;
        if (parenDepth > 0) parenDepth--;
        else if (caseDepth > 0) continue;
        else if (close) return { commands };
        continue;
      }
      if ((c === '<' || c === '>') && src[this.pos + 1] === '(') {
        const w = this.word();
        if (redirectNext) w.redirect = true;
        redirectNext = false;
        cur.push(w);
        continue;
      }
      if (c === '<' || c === '>') {
        if (src.startsWith('<<<', this.pos)) {
          this.pos += 3;
        } else if (src.startsWith('<<', this.pos)) {
          this.pos += 2;
          const strip = src[this.pos] === '-';
          if (strip) this.pos++;
          this.readHeredocStart(strip);
          continue;
        } else {
          this.pos++;
          while (this.pos < this.end && /[<>&|]/.test(src[this.pos] as string)) this.pos++;
          // `2>&1`, `>&-`: the target is an fd.
          const fd = /^(?:\d+|-)(?=[\s;|&)]|$)/.exec(src.slice(this.pos, Math.min(this.end, this.pos + 12)));
          if (src[this.pos - 1] === '&' && fd) {
            this.pos += fd[0].length;
            continue;
          }
        }
        redirectNext = true;
        continue;
      }
      const w = this.word();
      if (/^\d+$/.test(w.raw) && (src[this.pos] === '<' || src[this.pos] === '>')) continue; // an fd number
      if (redirectNext) {
        w.redirect = true;
        redirectNext = false;
        cur.push(w);
        continue;
      }
      const header = cur.length === 0 || (cur.length === 1 && cur[0]?.raw === 'function');
      const fn = header && IDENT_OR_DASHED.test(w.raw) ? /^[ \t]*\([ \t]*\)/.exec(src.slice(this.pos, this.pos + 16)) : null;
      if (fn) {
        this.pos += fn[0].length;
        cur = [];
        commands.push({ words: [], funcDef: w.raw });
        continue;
      }
      cur.push(w);
    }
    endCommand();
    return { commands };
  }

  /** Reads one word: quotes, escapes, expansions, `NAME=(...)` arrays, `<(...)`, extglobs. */
  private word(): ShellWord {
    const { src } = this;
    const start = this.pos;
    const parts: ShellPart[] = [];
    while (this.pos < this.end) {
      const c = src[this.pos] as string;
      if (c === '(' && this.pos === start + 1 && (src[start] === '<' || src[start] === '>')) {
        this.pos++;
        parts.push({ kind: 'script', script: this.script(true) });
        continue;
      }
      if ((c === '<' || c === '>') && this.pos === start && src[this.pos + 1] === '(') {
        this.pos++;
        continue;
      }
      if (c === '(' && /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=$/.test(src.slice(start, this.pos))) {
        // Array assignment: `NAME=(a "b" $c)`, across lines.
        this.pos++;
        this.readUntil(')', parts, false, true);
        continue;
      }
      if (c === '(' && this.pos > start && /[@!+*?]/.test(src[this.pos - 1] as string)) {
        this.pos++;
        this.readUntil(')', parts, false, true);
        continue;
      }
      if (/[\s;&|()<>]/.test(c)) break;
      if (c === '\\') {
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        this.skipSingle();
        continue;
      }
      if (c === '"') {
        this.readDouble(parts);
        continue;
      }
      if (c === '`') {
        this.readBacktick(parts);
        continue;
      }
      if (c === '$') {
        this.readDollar(parts, false);
        continue;
      }
      this.pos++;
    }
    const raw = src.slice(start, this.pos);
    const w: ShellWord = { raw, start, parts };
    const m = ASSIGN.exec(raw);
    if (m) w.assign = { name: m[1] as string, value: raw.slice(m[0].length) };
    return w;
  }

  private skipSingle(): void {
    const close = this.src.indexOf("'", this.pos + 1);
    this.pos = close < 0 || close >= this.end ? this.end : close + 1;
  }

  /** Reads `"..."`, from its opening quote. */
  private readDouble(parts: ShellPart[]): void {
    this.pos++;
    while (this.pos < this.end) {
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') this.pos += 2;
      else if (c === '$') this.readDollar(parts, true);
      else if (c === '`') this.readBacktick(parts);
      else this.pos++;
    }
  }

  /**
   * Reads up to an unmatched `close` (`)`, `]` or `}`), which is consumed. `quotes` says whether
   * quotes are quotes (they are not for single quotes inside a double-quoted `${...}`).
   */
  private readUntil(close: string, parts: ShellPart[], inDouble: boolean, comments = false): void {
    const open = close === ')' ? '(' : close === ']' ? '[' : '{';
    let depth = 0;
    while (this.pos < this.end) {
      const c = this.src[this.pos] as string;
      if (c === close) {
        this.pos++;
        if (depth === 0) return;
        depth--;
        continue;
      }
      if (c === open) depth++;
      if (comments && c === '#' && /[\s(]/.test(this.src[this.pos - 1] ?? ' ')) {
        while (this.pos < this.end && this.src[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '\\') this.pos += 2;
      else if (c === "'" && !inDouble) this.skipSingle();
      else if (c === '"') this.readDouble(parts);
      else if (c === '$') this.readDollar(parts, inDouble);
      else if (c === '`') this.readBacktick(parts);
      else this.pos++;
    }
  }

  /** Reads `` `...` `` as a nested script. */
  private readBacktick(parts: ShellPart[]): void {
    const { src } = this;
    let j = this.pos + 1;
    while (j < this.end && src[j] !== '`') j += src[j] === '\\' ? 2 : 1;
    const close = Math.min(j, this.end);
    parts.push({ kind: 'script', script: new ShellLexer(src, this.pos + 1, close).script() });
    this.pos = close + 1;
  }

  /** Reads the inside of `$((...))` / `((...))` up to and past its `))`. */
  private readArith(parts: ShellPart[]): void {
    let depth = 0;
    while (this.pos < this.end) {
      const c = this.src[this.pos];
      if (c === ')' && depth === 0) {
        this.pos += this.src[this.pos + 1] === ')' ? 2 : 1;
        return;
      }
      if (c === '(') depth++;
      else if (c === ')') depth--;
      if (c === '$') this.readDollar(parts, true);
      else if (c === '"') this.readDouble(parts);
      else if (c === '`') this.readBacktick(parts);
      else this.pos++;
    }
  }

  /** Reads what follows a `$`. */
  private readDollar(parts: ShellPart[], inDouble: boolean): void {
    const { src } = this;
    const at = this.pos;
    const n = src[at + 1];
    if (n === "'" && !inDouble) {
      let j = at + 2;
      while (j < this.end && src[j] !== "'") j += src[j] === '\\' ? 2 : 1;
      this.pos = j + 1;
      return;
    }
    if (n === '"' && !inDouble) {
      this.pos++;
      this.readDouble(parts);
      return;
    }
    if (n === '(' && src[at + 2] === '(') {
      this.pos += 3;
      this.readArith(parts);
      return;
    }
    if (n === '(') {
      this.pos += 2;
      parts.push({ kind: 'script', script: this.script(true) });
      return;
    }
    if (n === '[') {
      this.pos += 2;
      this.readUntil(']', parts, true);
      return;
    }
    if (n === '{') {
      this.readBrace(parts, inDouble);
      return;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(at + 1, Math.min(this.end, at + 256)));
    if (m) {
      parts.push({ kind: 'read', read: { name: m[0], offset: at, inDouble } });
      this.pos = at + 1 + m[0].length;
      return;
    }
    this.pos += n !== undefined && /[0-9@*#?$!-]/.test(n) ? 2 : 1;
  }

  /** Reads `${...}`: the parameter, its operator and word (whose expansions are read too). */
  private readBrace(parts: ShellPart[], inDouble: boolean): void {
    const { src } = this;
    const at = this.pos;
    this.pos += 2;
    let prefix = '';
    if ((src[this.pos] === '#' || src[this.pos] === '!') && /[A-Za-z_0-9@*]/.test(src[this.pos + 1] ?? '')) {
      prefix = src[this.pos] as string;
      this.pos++;
    }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d+|[@*#?$!\-_])/.exec(src.slice(this.pos, Math.min(this.end, this.pos + 256)));
    const name = m ? m[0] : '';
    this.pos += name.length;
    const inner: ShellPart[] = [];
    if (src[this.pos] === '[') {
      this.pos++;
      this.readUntil(']', inner, true);
    }
    if (prefix === '!' && (src[this.pos] === '*' || src[this.pos] === '@') && src[this.pos + 1] === '}') {
      this.pos += 2; // ${!PREFIX*}: the names of variables, not a read
      return;
    }
    const op = /^(?::[-=?+]|[-=?+]|##?|%%?|\/[/#%]?|\^\^?|,,?|@|:)/.exec(src.slice(this.pos, this.pos + 2))?.[0];
    if (op) this.pos += op.length;
    const wordStart = this.pos;
    this.readUntil('}', inner, inDouble);
    const word = src.slice(wordStart, Math.max(wordStart, this.pos - 1));
    if (name) {
      const read: ShellRead = { name, offset: at, inDouble };
      if (op) {
        read.op = op;
        read.word = word;
      }
      parts.push({ kind: 'read', read });
    }
    parts.push(...inner);
  }

  /** Reads a here-document's delimiter word (after `<<` or `<<-`) and queues its body. */
  private readHeredocStart(strip: boolean): void {
    const { src } = this;
    while (this.pos < this.end && (src[this.pos] === ' ' || src[this.pos] === '\t')) this.pos++;
    let delim = '';
    let quoted = false;
    while (this.pos < this.end) {
      const c = src[this.pos] as string;
      if (/[\s;&|()<>]/.test(c)) break;
      if (c === "'" || c === '"') {
        quoted = true;
        const close = src.indexOf(c, this.pos + 1);
        const to = close < 0 ? this.end : close;
        delim += src.slice(this.pos + 1, to);
        this.pos = to + 1;
        continue;
      }
      if (c === '\\') {
        quoted = true;
        delim += src[this.pos + 1] ?? '';
        this.pos += 2;
        continue;
      }
      delim += c;
      this.pos++;
    }
    if (delim) this.heredocs.push({ delim, strip, quoted });
  }

  /** After a newline: reads the bodies of the here-documents opened on the line before. */
  private readHeredocBodies(commands: ShellCommand[]): void {
    const { src } = this;
    while (this.heredocs.length) {
      const doc = this.heredocs.shift() as Heredoc;
      const parts: ShellPart[] = [];
      const start = this.pos;
      while (this.pos < this.end) {
        let eol = src.indexOf('\n', this.pos);
        if (eol < 0 || eol > this.end) eol = this.end;
        let line = src.slice(this.pos, eol).replace(/\r$/, '');
        if (doc.strip) line = line.replace(/^\t+/, '');
        if (line === doc.delim) {
          this.pos = Math.min(this.end, eol + 1);
          break;
        }
        if (!doc.quoted) {
          while (this.pos < eol) {
            const c = src[this.pos];
            if (c === '\\') this.pos += 2;
            else if (c === '$') this.readDollar(parts, true);
            else if (c === '`') this.readBacktick(parts);
            else this.pos++;
          }
        }
        this.pos = Math.max(this.pos, Math.min(this.end, eol + 1));
      }
      if (parts.length) commands.push({ words: [{ raw: '', start, parts }] });
    }
  }
}

/** Function names: identifiers, also with `-`, `.` or `:` as bash allows. */
const IDENT_OR_DASHED = /^[A-Za-z_][\w.:-]*$/;

// ------------------------------------------------------------------------------------------------
// Reads → facts

/** Variables the shell or the login environment sets: never the system's configuration. */
const SHELL_VARS = new Set([
  'HOME', 'PATH', 'PWD', 'OLDPWD', 'RANDOM', 'SRANDOM', 'SECONDS', 'LINENO', 'HOSTNAME', 'HOSTTYPE', 'OSTYPE', 'MACHTYPE',
  'IFS', 'PS1', 'PS2', 'PS3', 'PS4', 'PPID', 'UID', 'EUID', 'GROUPS', 'SHELL', 'SHELLOPTS', 'SHLVL', 'USER', 'LOGNAME',
  'USERNAME', 'TERM', 'LANG', 'LANGUAGE', 'TMPDIR', 'TZ', 'OPTARG', 'OPTIND', 'OPTERR', 'REPLY', 'PIPESTATUS', 'COLUMNS',
  'LINES', 'DIRSTACK', 'EPOCHSECONDS', 'EPOCHREALTIME', 'FUNCNAME', 'HISTFILE', 'HISTSIZE', 'HISTFILESIZE', 'HISTCONTROL',
  'CDPATH', 'MAIL', 'MAILPATH', 'PROMPT_COMMAND', 'EDITOR', 'VISUAL', 'PAGER', 'DISPLAY', 'MAPFILE', 'COPROC', 'POSIXLY_CORRECT',
]);
const SHELL_VAR_PREFIX = /^(?:BASH|LC_|COMP_|READLINE_|XDG_)/;

const DEFAULT_OPS = new Set([':-', '-', ':=', '=']);
const REQUIRED_OPS = new Set([':?', '?']);

/** Whether `name` is a positional or special parameter, or set by the shell/login environment. */
export function isShellVariable(name: string): boolean {
  return !/^[A-Za-z_]/.test(name) || name === '_' || SHELL_VARS.has(name) || SHELL_VAR_PREFIX.test(name);
}

/** A word's value with quotes and escapes removed; expansions are kept as written. */
export function unquoteShell(word: string, inDouble = false): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string;
    if (c === '\\') {
      const n = word[i + 1];
      if (n === undefined) break;
      if (!inDouble || /[$`"\\\n]/.test(n)) {
        if (n !== '\n') out += n;
        i++;
        continue;
      }
      out += c;
      continue;
    }
    if (c === "'" && !inDouble) {
      const close = word.indexOf("'", i + 1);
      const to = close < 0 ? word.length : close;
      out += word.slice(i + 1, to);
      i = to;
      continue;
    }
    if (c === '"') continue;
    out += c;
  }
  return out;
}

interface Scope {
  locals: Set<string>;
}

type Meta = Record<string, string | number | boolean>;

interface Emit {
  read(read: ShellRead): void;
  define(name: string, value: string, offset: number): void;
}

/**
 * Walks commands in source order, tracking what the script has assigned. With `emit` undefined it
 * only collects the names assigned globally (the first of two passes).
 */
class Walker {
  /** Global names assigned so far. */
  readonly assigned = new Set<string>();
  private readonly functions: Scope[] = [];
  private readonly braces: boolean[] = [];
  private pendingFunction = false;
  private allExport = false;
  /** Values assigned at the top level, for `export X` after `X=...`. */
  private readonly values = new Map<string, { value: string; offset: number }>();

  constructor(
    private readonly everAssigned: Set<string>,
    private readonly emit: Emit | undefined,
    private readonly envFile: boolean,
  ) {}

  isAssigned(name: string): boolean {
    if (this.assigned.has(name)) return true;
    if (!this.functions.length) return false;
    return this.functions.some((f) => f.locals.has(name)) || this.everAssigned.has(name);
  }

  private define(name: string, local: boolean): void {
    if (local && this.functions.length) {
      (this.functions[this.functions.length - 1] as Scope).locals.add(name);
      return;
    }
    if (this.functions.some((f) => f.locals.has(name))) return;
    this.assigned.add(name);
    this.everAssigned.add(name);
  }

  script(s: ShellScript): void {
    for (const cmd of s.commands) this.command(cmd);
  }

  private parts(word: ShellWord): void {
    for (const p of word.parts) {
      if (p.kind === 'script') {
        const saved = new Set(this.assigned);
        this.script(p.script);
        this.assigned.clear();
        for (const n of saved) this.assigned.add(n);
        continue;
      }
      const r = p.read;
      if (!this.isAssigned(r.name)) this.emit?.read(r);
      if (r.op === ':=' || r.op === '=') this.define(r.name, false);
    }
  }

  private command(cmd: ShellCommand): void {
    if (cmd.funcDef !== undefined) {
      this.pendingFunction = true;
      return;
    }
    const argv = cmd.words.filter((w) => !w.redirect);
    /** Names each word defines once its own expansions are read: index into `argv` → [name, local]. */
    const defs = new Map<ShellWord, Array<[string, boolean]>>();
    const def = (w: ShellWord | undefined, name: string | undefined, local = false) => {
      if (!w || !name || !IDENT.test(name)) return;
      defs.set(w, [...(defs.get(w) ?? []), [name, local]]);
    };
    const exports = new Set<ShellWord>();
    let i = 0;
    for (;;) {
      const r = argv[i]?.raw;
      if (r === undefined) break;
      if (r === '{') {
        this.braces.push(this.pendingFunction);
        if (this.pendingFunction) this.functions.push({ locals: new Set() });
        this.pendingFunction = false;
      } else if (r === '}') {
        if (this.braces.pop()) this.functions.pop();
      } else if (r === 'function' && argv[i + 1]) {
        this.pendingFunction = true;
        i++;
      } else if (!RESERVED.has(r)) break;
      i++;
    }
    const head = argv[i]?.raw;
    if (head === 'for' || head === 'select') {
      def(argv[i + 1], argv[i + 1]?.raw);
    } else {
      while (argv[i]?.assign) {
        const w = argv[i] as ShellWord;
        def(w, w.assign?.name);
        if (this.allExport) exports.add(w);
        i++;
      }
      const name = argv[i]?.raw;
      const args = argv.slice(i + 1);
      switch (name) {
        case 'export':
        case 'readonly':
          for (const w of args) {
            if (!w.assign) {
              // `X=1; export X`: an env file exports the value it assigned.
              const earlier = name === 'export' && this.envFile ? this.values.get(w.raw) : undefined;
              if (earlier) this.emit?.define(w.raw, earlier.value, earlier.offset);
              continue;
            }
            def(w, w.assign.name);
            if (name === 'export') exports.add(w);
          }
          break;
        case 'local':
        case 'declare':
        case 'typeset': {
          const global = args.some((w) => /^-\w*g/.test(w.raw));
          const exported = args.some((w) => /^-\w*x/.test(w.raw));
          for (const w of args) {
            if (w.raw.startsWith('-') || w.raw.startsWith('+')) continue;
            def(w, w.assign?.name ?? w.raw, name === 'local' || !global);
            if (exported && w.assign) exports.add(w);
          }
          break;
        }
        case 'read':
          for (const [w, n] of optionTargets(args, 'adinNptu', 'a')) def(w, n);
          break;
        case 'mapfile':
        case 'readarray': {
          const targets = optionTargets(args, 'dnOsuCc', '');
          const last = targets[targets.length - 1];
          if (last) def(last[0], last[1]);
          break;
        }
        case 'getopts':
          def(args[1], args[1]?.raw);
          break;
        case 'printf': {
          const v = args.findIndex((w) => w.raw === '-v');
          if (v >= 0) def(args[v + 1], args[v + 1]?.raw);
          break;
        }
        case 'let':
          for (const w of args) def(w, /^['"]?([A-Za-z_]\w*)\s*[-+*/%]?=/.exec(w.raw)?.[1]);
          break;
        case 'set':
          if (args.some((w) => /^-\w*a/.test(w.raw)) || args.some((w, k) => w.raw === '-o' && args[k + 1]?.raw === 'allexport')) this.allExport = true;
          if (args.some((w) => /^\+\w*a/.test(w.raw)) || args.some((w, k) => w.raw === '+o' && args[k + 1]?.raw === 'allexport')) this.allExport = false;
          break;
        default:
          break;
      }
    }
    for (const w of cmd.words) {
      this.parts(w);
      for (const [n, local] of defs.get(w) ?? []) {
        if (this.envFile && exports.has(w) && w.assign && !local) this.emit?.define(n, w.assign.value, w.start);
        if (w.assign?.name === n && !local && !this.functions.length) this.values.set(n, { value: w.assign.value, offset: w.start });
        this.define(n, local);
      }
    }
  }
}

/**
 * Non-option arguments of a builtin, and the arguments of options named in `targetOpts` (which are
 * variable names too): `read -r -p "prompt" -a arr x y` → arr, x, y. `withArg` lists the options
 * that take an argument.
 */
function optionTargets(args: ShellWord[], withArg: string, targetOpts: string): Array<[ShellWord, string]> {
  const out: Array<[ShellWord, string]> = [];
  for (let k = 0; k < args.length; k++) {
    const w = args[k] as ShellWord;
    if (w.raw === '--') {
      for (const rest of args.slice(k + 1)) out.push([rest, rest.raw]);
      break;
    }
    if (/^-[A-Za-z]+$/.test(w.raw)) {
      const last = w.raw[w.raw.length - 1] as string;
      if (withArg.includes(last)) {
        const arg = args[k + 1];
        if (arg && targetOpts.includes(last)) out.push([arg, arg.raw]);
        k++;
      }
      continue;
    }
    out.push([w, w.raw]);
  }
  return out;
}

/** Offsets of line starts, for offset → position. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

function positionAt(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

const SHEBANG = /^#!\s*\S*?\/?(?:env\s+(?:-\S*\s+)*)?(?:bash|sh|dash|ash|ksh|mksh)(?:\s|$)/;
const SKIPPED_DIRS = /(?:^|\/)(?:node_modules|vendor|third_party|\.?venv|site-packages|\.tox|\.nox|__pypackages__|\.git|test|tests|__tests__|spec|specs|testdata|fixtures|__fixtures__)\//;
/** Build output, where a `bin/` holds compiled programs rather than scripts. */
const BUILD_DIRS = /(?:^|\/)(?:target|dist|build|out|\.build)\//;
const TEST_NAME = /^(?:test[_-].*|.*[_.-](?:test|tests|spec))\.(?:sh|bash)$/i;

/** Whether a script is meant to be sourced as an env file. */
export function isEnvScript(path: string): boolean {
  const base = (path.split('/').pop() ?? '').toLowerCase();
  return /^(?:.*[._-])?env\.(?:sh|bash)$/.test(base);
}

/** Env var reads (and env-file definitions) of a shell script, as facts without their file. */
export function shellEnvFacts(text: string, envFile: boolean): Array<{ key: string; value?: string; offset: number; meta: Meta }> {
  const script = new ShellLexer(text).script();
  const everAssigned = new Set<string>();
  new Walker(everAssigned, undefined, envFile).script(script);
  const out: Array<{ key: string; value?: string; offset: number; meta: Meta }> = [];
  const seen = new Set<string>();
  const readLines = new Set<string>();
  const readNames = new Set<string>();
  const starts = lineStarts(text);
  const emit: Emit = {
    read(r) {
      if (isShellVariable(r.name)) return;
      const hasDefault = r.op !== undefined && DEFAULT_OPS.has(r.op);
      if (/[a-z]/.test(r.name) && !hasDefault) return;
      const meta: Meta = { via: 'shell' };
      let value: string | undefined;
      if (hasDefault) {
        const v = unquoteShell(r.word ?? '', r.inDouble);
        if (v) value = v;
        if (v && /[$`]/.test(v)) meta.computed = true;
      }
      if (r.op !== undefined && REQUIRED_OPS.has(r.op)) meta.required = true;
      readLines.add(`${r.name}@${positionAt(starts, r.offset).line}`);
      // A plain read adds nothing to an earlier fact of the same variable.
      const id = value === undefined && !meta.required ? `${r.name}\0plain` : `${r.name}\0${value ?? ''}\0${meta.required ? 1 : 0}`;
      if (seen.has(id) || (value === undefined && !meta.required && readNames.has(r.name))) return;
      seen.add(id);
      readNames.add(r.name);
      out.push(value !== undefined ? { key: r.name, value, offset: r.offset, meta } : { key: r.name, offset: r.offset, meta });
    },
    define(name, written, offset) {
      if (readLines.has(`${name}@${positionAt(starts, offset).line}`)) return;
      const id = `${name}\0=\0${written}`;
      if (seen.has(id)) return;
      seen.add(id);
      const value = unquoteShell(written);
      const meta: Meta = { via: 'export', role: 'env' };
      if (/[$`]/.test(value)) meta.computed = true;
      out.push(value ? { key: name, value, offset, meta } : { key: name, offset, meta });
    },
  };
  new Walker(everAssigned, emit, envFile).script(script);
  return out;
}

export const shellEnvProvider: FactProvider = {
  id: 'shell-env',
  matches(path) {
    if (SKIPPED_DIRS.test(path)) return false;
    const base = path.split('/').pop() ?? '';
    if (/\.(?:sh|bash)$/i.test(base)) return !TEST_NAME.test(base);
    return !base.includes('.') && /(?:^|\/)(?:scripts|bin)\/[^/]+$/.test(path) && !BUILD_DIRS.test(path);
  },
  provide(file: SystemFile, sink: FactSink) {
    if (!/\.(?:sh|bash)$/i.test(file.path) && !SHEBANG.test(file.text)) return;
    const starts = lineStarts(file.text);
    for (const f of shellEnvFacts(file.text, isEnvScript(file.path))) {
      const fact: Omit<Fact, 'provider'> = { kind: 'env-var', key: f.key, origin: { file: file.path, start: positionAt(starts, f.offset) }, meta: f.meta };
      if (f.value !== undefined) fact.value = f.value;
      sink.add(fact);
    }
  },
};
