/**
 * JavaScript/TypeScript sources (`.js .mjs .cjs .ts .mts .cts .jsx .tsx`, picked as the `js`
 * env-var provider picks them: not `*.d.ts`, minified files, or files under `dist/`, `build/`,
 * `vendor/`, `node_modules/`; nor tests, specs, mocks and fixtures, see {@link isJsProgramSource})
 * → the command-line interfaces they define with commander or yargs,
 * read statically (nothing is run or imported):
 *
 * - `cli-command` (key = command path from the executable, `acme-orders db migrate`; `meta: {via,
 *   partial?, fallback?, hidden?, alias?, executable?}`) and `cli-flag` (key = `--name`, or `-n` for
 *   one-letter names; value = the default; `meta: {command, via, short?, env?, required?, hidden?,
 *   partial?, computed?, alias?, fallback?}`); a short form, a yargs alias and a camelCase/kebab-case
 *   twin are extra facts with `meta.alias` = the canonical key.
 *   - commander: `new Command('x')`, `createCommand()`, the `program` export, `.name('x')`,
 *     `.command('sub <arg>')` (returns the new command; with a description as second argument it is
 *     an executable subcommand and returns the parent, `meta.executable`), `.addCommand(cmd, {hidden})`,
 *     `.alias()`/`.aliases([...])`, `.option(flags, desc, default)` and `.option(flags, desc, parser,
 *     default)`, `.requiredOption`, `.addOption(new Option(flags).default(v).env('X')
 *     .makeOptionMandatory().hideHelp())`, `--no-x` negations (key `--no-x`, no value).
 *   - yargs: `yargs(hideBin(process.argv))`, `require('yargs/yargs')(...)`, the `require('yargs')`
 *     singleton, `.scriptName('x')`, `.command(cmd | [cmd, ...aliases], desc | false, builder,
 *     handler)` with a builder function (run with the subcommand bound to its parameter) or an options
 *     object, `.command(module)` / `.command([modules])` with `{command, aliases, builder}` objects of
 *     the same file (`$0` commands put their options on the parent), `.option(key, {alias, default,
 *     type, demandOption, hidden})`, `.options({...})`, `.alias`, `.default`, `.boolean`/`.string`/
 *     `.number`/`.array`/`.count`, `.demandOption`, `.hide`, and `.env('PREFIX')` (every option of that
 *     yargs instance and its subcommands then reads `PREFIX_OPTION_NAME`; `.env()` reads `OPTION_NAME`).
 *     A file exporting a command module (`export const command = 'serve'` / `exports.command` /
 *     `module.exports = {command, builder}`) defines a partial command.
 * - `env-var` (key = variable, value = the flag's literal default, `meta: {flag, via, command?,
 *   prefix?}`) for commander `.env('X')` and yargs env prefixes.
 * - `port` (key = number, `meta: {via: 'flag-default', flag, command?}`) for numeric defaults of
 *   flags named like `--port`.
 *
 * The root command is named by `.name()`/`.scriptName()` when the code gives it, else after the file
 * (`src/cli.ts` → `cli`, as commander and yargs name it from the script) with `meta.fallback`; the
 * {@link linkJsBins} pass re-roots each tree under the executable of the package.json `bin` entry
 * that points to its file. A `bin` path names the built file, so it is mapped back to sources by
 * heuristics: the same path with any JS/TS extension; the path with a leading `dist/`, `build/`,
 * `lib/`, `out/` or `bin/` directory replaced by `src/` or dropped (`dist/cli.js` → `src/cli.ts`,
 * `bin/acme.js` → `src/acme.ts`); else, when the package (the manifest's directory, not counting
 * nested packages) holds exactly one JS CLI root, that one.
 *
 * A command (or commander/yargs instance) whose file does not show its parents — a `new
 * Command('db')` that is never added or parsed, a function parameter typed `Command` (or named
 * `program`) in a function the file never calls, a yargs command module — starts at its own name
 * with `meta.partial`. A default that is not a literal (nor a file-level constant of one) is given as
 * written with `meta.computed`.
 *
 * How it reads: a small JS/TS tokenizer ({@link lexJs}: comments dropped, strings and templates
 * decoded, regex literals told apart from division by the previous token, template substitutions
 * kept as written) and a symbolic evaluator ({@link JsEvaluator}) over call chains: it follows
 * `const`/`let`/`var` bindings through block scopes, imports (`import type` too, for parameter
 * types) and `require`, object literals, `||`/`??` fallbacks, string concatenation and templates over
 * file constants, and in-file functions (a call runs the function's body with its arguments bound,
 * once per distinct argument values; functions the file never calls — callbacks, exported helpers —
 * are read once at the end with unknown parameters, so a command added inside an action handler
 * counts). Limits: no type checking and no control flow (both branches of an `if` count, loops run
 * once); no data flow through mutation, containers, class fields (`this.x`) or other files (a command
 * imported from another module is unknown: `program.addCommand(imported)` adds nothing here, and the
 * imported module's file gives a partial tree); members of globals other than `process`,
 * `import.meta` and `Number` are unknown; recursion is followed one level, nesting 8 calls deep, and
 * at most 24 runs per function and 2000 per file (later calls reuse the first run); code inside
 * template substitutions is not read; JSX text with quotes may confuse the tokenizer on that line; a
 * TS return type holding an object type may hide a function body; yargs `.commandDir()`,
 * `.positional()` arguments, commander arguments and `.hook()`s, and options added in loops or
 * through helpers of other files are not read.
 */
import type { Fact, FactKind, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';
import { isJsSource } from './js-env.js';

// ------------------------------------------------------------------------------------------------
// Lexer

/** One JS/TS token. */
export interface JsToken {
  kind: 'ident' | 'string' | 'template' | 'number' | 'regex' | 'punct';
  /** Source text. */
  text: string;
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** Strings: decoded content. Templates: cooked text, substitutions kept as `${...}` written. */
  value?: string;
  /** Templates: source offsets `[start, end)` of each substitution expression. */
  subs?: Array<[number, number]>;
  /** A line break comes before this token. */
  nl?: boolean;
}

const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);
const PUNCTS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
];
const NUMBER_RE = /0[xX][\da-fA-F_]+n?|0[oO][0-7_]+n?|0[bB][01_]+n?|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?n?/y;
const IDENT_RE = /[\p{ID_Start}$_#][\p{ID_Continue}$\u200c\u200d]*/uy;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Decodes one escape at `src[i] === '\\'`; returns the text and the offset after it. */
function decodeEscape(src: string, i: number): { text: string; end: number } {
  const e = src[i + 1];
  if (e === undefined) return { text: '', end: i + 1 };
  if (e === '\r') return { text: '', end: src[i + 2] === '\n' ? i + 3 : i + 2 };
  if (e === '\n' || e === '\u2028' || e === '\u2029') return { text: '', end: i + 2 };
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined && !(e === '0' && /\d/.test(src[i + 2] ?? ''))) return { text: simple, end: i + 2 };
  if (e === 'x' && /^[\da-fA-F]{2}$/.test(src.slice(i + 2, i + 4))) return { text: String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16)), end: i + 4 };
  if (e === 'u') {
    if (src[i + 2] === '{') {
      const close = src.indexOf('}', i + 3);
      const hex = close > 0 ? src.slice(i + 3, close) : '';
      if (/^[\da-fA-F]{1,6}$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) return { text: String.fromCodePoint(parseInt(hex, 16)), end: close + 1 };
    } else if (/^[\da-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) return { text: String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)), end: i + 6 };
  }
  return { text: e, end: i + 2 };
}

/**
 * Tokenises JS/TS source. Comments (and a leading `#!` line) are dropped; string literals are
 * decoded (an unterminated one ends at the line break); a template literal is one token whose
 * substitutions are skipped over (nested strings, templates and braces included) and kept as written
 * in `value`; a `/` starts a regex literal when the previous token cannot end an expression.
 */
export function lexJs(src: string): JsToken[] {
  const tokens: JsToken[] = [];
  const n = src.length;
  let i = 0;
  let nl = false;
  if (src.startsWith('#!')) {
    const e = src.indexOf('\n');
    i = e < 0 ? n : e;
  }
  const push = (t: JsToken) => {
    if (nl) t.nl = true;
    nl = false;
    tokens.push(t);
  };
  const regexAllowed = (): boolean => {
    const t = tokens[tokens.length - 1];
    if (!t) return true;
    if (t.kind === 'punct') return !(t.text === ')' || t.text === ']' || t.text === '++' || t.text === '--');
    if (t.kind === 'ident') return KEYWORDS_BEFORE_REGEX.has(t.text);
    return false;
  };
  /** Skips code from `j` up to the `}` closing a template substitution; returns the offset of that `}`. */
  const skipSubstitution = (j: number): number => {
    let depth = 0;
    while (j < n) {
      const c = src[j] as string;
      if (c === '/' && src[j + 1] === '/') {
        const e = src.indexOf('\n', j);
        j = e < 0 ? n : e;
      } else if (c === '/' && src[j + 1] === '*') {
        const e = src.indexOf('*/', j + 2);
        j = e < 0 ? n : e + 2;
      } else if (c === '"' || c === "'") {
        j++;
        while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
        j++;
      } else if (c === '`') j = scanTemplate(j).end;
      else if (c === '{') {
        depth++;
        j++;
      } else if (c === '}') {
        if (depth === 0) return j;
        depth--;
        j++;
      } else j++;
    }
    return n;
  };
  /** Scans a template literal starting at the backtick `j`. */
  const scanTemplate = (j: number): { end: number; value: string; subs: Array<[number, number]> } => {
    let value = '';
    const subs: Array<[number, number]> = [];
    j++;
    while (j < n) {
      const c = src[j] as string;
      if (c === '\\') {
        const d = decodeEscape(src, j);
        value += d.text;
        j = d.end;
      } else if (c === '`') return { end: j + 1, value, subs };
      else if (c === '$' && src[j + 1] === '{') {
        const close = skipSubstitution(j + 2);
        subs.push([j + 2, close]);
        value += src.slice(j, Math.min(close + 1, n));
        j = close + 1;
      } else {
        value += c;
        j++;
      }
    }
    return { end: n, value, subs };
  };
  while (i < n) {
    const c = src[i] as string;
    const code = src.charCodeAt(i);
    if (c === '\n' || c === '\u2028' || c === '\u2029') {
      nl = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || code === 0xfeff || code === 0xa0) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const e = src.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      const stop = e < 0 ? n : e + 2;
      if (src.slice(i, stop).includes('\n')) nl = true;
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < n && src[j] !== c && src[j] !== '\n') {
        if (src[j] === '\\') {
          const d = decodeEscape(src, j);
          value += d.text;
          j = d.end;
        } else value += src[j++];
      }
      const end = src[j] === c ? j + 1 : j;
      push({ kind: 'string', text: src.slice(i, end), start: i, end, value });
      i = end;
      continue;
    }
    if (c === '`') {
      const t = scanTemplate(i);
      push({ kind: 'template', text: src.slice(i, t.end), start: i, end: t.end, value: t.value, subs: t.subs });
      i = t.end;
      continue;
    }
    if (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? ''))) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(src);
      const end = m ? i + m[0].length : i + 1;
      push({ kind: 'number', text: src.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    IDENT_RE.lastIndex = i;
    const id = IDENT_RE.exec(src);
    if (id) {
      push({ kind: 'ident', text: id[0], start: i, end: i + id[0].length });
      i += id[0].length;
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        const d = src[j];
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      if (src[j] === '/') {
        j++;
        while (j < n && /[a-z]/i.test(src[j] as string)) j++;
        push({ kind: 'regex', text: src.slice(i, j), start: i, end: j });
        i = j;
        continue;
      }
    }
    let p = c;
    for (const cand of PUNCTS) {
      if (src.startsWith(cand, i)) {
        p = cand;
        break;
      }
    }
    if (p === '?.' && /\d/.test(src[i + 2] ?? '')) p = '?';
    push({ kind: 'punct', text: p, start: i, end: i + p.length });
    i += p.length;
  }
  return tokens;
}

// ------------------------------------------------------------------------------------------------
// Module structure: brackets, functions, scopes, bindings

/** A function (declaration, expression, arrow or method) of the file. */
export interface JsFunction {
  id: number;
  /** Token index where the function starts (`async`/`function` keyword, parameter list, lone parameter or method name). */
  start: number;
  /** Token index of the last token of the function. */
  end: number;
  /** Token range of the parameter list, `(` and `)` (both the parameter for `x => ...`). */
  paramsOpen: number;
  paramsClose: number;
  params: Array<{ name?: string; type?: string }>;
  /** First and last token index of the body (`{` and `}` of a block body). */
  bodyStart: number;
  bodyEnd: number;
  /** The body is an expression (`x => x.y`). */
  expr: boolean;
  /** Declared or method name. */
  name?: string;
  /** The type annotation of the variable the function is assigned to (`const p: FastifyPluginAsync = ...`). */
  declType?: string;
}

/** A name bound in a scope. */
export type JsBinding =
  | { kind: 'init'; name: string; at: number; init: [number, number]; prop?: string; type?: string }
  | { kind: 'fn'; name: string; at: number; fn: JsFunction }
  | { kind: 'param'; name: string; at: number; fn: JsFunction; index: number }
  | { kind: 'import'; name: string; at: number; module: string; member: string[] };

interface JsScope {
  id: number;
  start: number;
  end: number;
  parent: number;
  fn?: JsFunction;
  bindings: Map<string, JsBinding[]>;
}

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'null', 'return', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'await', 'async', 'of', 'static', 'get', 'set', 'as', 'satisfies',
  'type', 'interface', 'declare', 'readonly', 'public', 'private', 'protected', 'abstract', 'override', 'undefined',
]);
const NOT_METHOD_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'with', 'return', 'typeof', 'await', 'yield', 'new', 'delete', 'void', 'in', 'of', 'instanceof']);
const BINARY_OPS = new Set([
  '+', '-', '*', '/', '%', '**', '<', '>', '<=', '>=', '==', '!=', '===', '!==', '&&', '||', '??', '&', '|', '^', '<<', '>>', '>>>',
  '=', '+=', '-=', '*=', '/=', '%=', '&&=', '||=', '??=', '?', ':', '=>', 'instanceof', 'in', '.', '?.', ',',
]);

/** A tokenised file with its brackets, functions, scopes and bindings. */
export class JsModule {
  readonly tokens: JsToken[];
  /** Matching bracket token index, or -1. */
  readonly match: Int32Array;
  readonly fns: JsFunction[] = [];
  readonly fnAt = new Map<number, JsFunction>();
  readonly scopes: JsScope[] = [];
  /** Scope id of each function's own scope. */
  readonly fnScope = new Map<JsFunction, number>();
  private readonly scopeAt: Int32Array;
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    this.tokens = lexJs(text);
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) this.lineStarts.push(k + 1);
    const n = this.tokens.length;
    this.match = new Int32Array(n).fill(-1);
    const stack: number[] = [];
    for (let k = 0; k < n; k++) {
      const t = this.tokens[k] as JsToken;
      if (t.kind !== 'punct') continue;
      if (t.text === '(' || t.text === '[' || t.text === '{') stack.push(k);
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        const want = t.text === ')' ? '(' : t.text === ']' ? '[' : '{';
        // Recover from stray closers: pop to the nearest opener of the same kind.
        let s = stack.length - 1;
        while (s >= 0 && this.tokens[stack[s] as number]?.text !== want) s--;
        if (s < 0) continue;
        const open = stack[s] as number;
        stack.length = s;
        this.match[open] = k;
        this.match[k] = open;
      }
    }
    this.findFunctions();
    this.scopeAt = new Int32Array(n);
    this.buildScopes();
    this.findBindings();
  }

  /** Line and column of a token. */
  pos(tokenIndex: number): Position {
    const offset = this.tokens[tokenIndex]?.start ?? this.text.length;
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 };
  }

  /** Token text, or `''` past the end. */
  t(k: number): string {
    return this.tokens[k]?.text ?? '';
  }

  /** Whether token `k` is the punctuator or keyword `text` (never a string with that content). */
  is(k: number, text: string): boolean {
    const t = this.tokens[k];
    return !!t && (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }

  /** Source text of tokens `[s, e)`. */
  source(s: number, e: number): string {
    const a = this.tokens[s];
    const b = this.tokens[e - 1];
    return a && b && e > s ? this.text.slice(a.start, b.end) : '';
  }

  /** Splits the tokens strictly between an opener and its closer at top-level commas. */
  items(open: number): Array<[number, number]> {
    const close = this.match[open] ?? -1;
    if (close < 0) return [];
    return this.splitCommas(open + 1, close);
  }

  /** Splits `[s, e)` at top-level commas; empty items are dropped. */
  splitCommas(s: number, e: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let from = s;
    for (let k = s; k < e; k++) {
      if (this.isOpener(k)) {
        const m = this.match[k] as number;
        if (m > k) k = m;
        continue;
      }
      if (this.is(k, ',')) {
        if (k > from) out.push([from, k]);
        from = k + 1;
      }
    }
    if (e > from) out.push([from, e]);
    return out;
  }

  isOpener(k: number): boolean {
    const t = this.tokens[k];
    return !!t && t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{');
  }

  /**
   * End (exclusive) of the expression that starts at `s`: the first top-level `,` `;` `)` `]` `}`
   * or `:`, or a line break the expression cannot continue over (automatic semicolons).
   */
  exprEnd(s: number, stopAtColon = true): number {
    const n = this.tokens.length;
    let k = s;
    while (k < n) {
      const t = this.tokens[k] as JsToken;
      if (k > s && t.nl && this.endsStatementBefore(k)) return k;
      if (t.kind === 'punct') {
        if (t.text === ',' || t.text === ';' || t.text === ')' || t.text === ']' || t.text === '}') return k;
        if (t.text === ':' && stopAtColon) return k;
        if (t.text === '?') {
          // A conditional: its `:` belongs to it.
          const colon = this.exprEnd(k + 1, true);
          k = this.is(colon, ':') ? colon + 1 : colon;
          continue;
        }
        if (this.isOpener(k)) {
          const m = this.match[k] as number;
          k = m > k ? m + 1 : k + 1;
          continue;
        }
      }
      const fn = this.fnAt.get(k);
      if (fn && fn.end >= k) {
        k = fn.end + 1;
        continue;
      }
      k++;
    }
    return n;
  }

  /** Whether a line break before token `k` ends the statement (the expression cannot go on). */
  private endsStatementBefore(k: number): boolean {
    const t = this.tokens[k] as JsToken;
    const prev = this.tokens[k - 1];
    if (!prev) return false;
    const prevEnds = prev.kind !== 'punct' ? !(prev.kind === 'ident' && (BINARY_OPS.has(prev.text) || prev.text === 'new' || prev.text === 'return' || prev.text === 'await')) : [')', ']', '}', '++', '--'].includes(prev.text);
    if (!prevEnds) return false;
    if (t.kind === 'punct') return ['++', '--', '!', '~', '{'].includes(t.text) || (!BINARY_OPS.has(t.text) && t.text !== '(' && t.text !== '[');
    if (t.kind === 'ident') return !(t.text === 'instanceof' || t.text === 'in' || t.text === 'as' || t.text === 'satisfies');
    return t.kind !== 'template';
  }

  private findFunctions(): void {
    const tk = this.tokens;
    const n = tk.length;
    const add = (f: Omit<JsFunction, 'id' | 'params'>) => {
      if (this.fnAt.has(f.start)) return;
      const fn: JsFunction = { ...f, id: this.fns.length, params: this.parseParams(f.paramsOpen, f.paramsClose) };
      this.fns.push(fn);
      this.fnAt.set(fn.start, fn);
    };
    /** Body start after the parameter list closing at `close` (skips a TS return type). */
    const blockAfter = (close: number): number => {
      let k = close + 1;
      if (this.is(k, ':')) {
        k++;
        while (k < n && !this.is(k, '{') && !this.is(k, '=>') && !this.is(k, ';')) {
          if (this.is(k, '(') || this.is(k, '[')) k = Math.max(k, this.match[k] as number);
          k++;
        }
        // An object return type `(): { a: T } {`: take the last brace group before a body brace.
        while (this.is(k, '{') && this.is((this.match[k] as number) + 1, '{')) k = (this.match[k] as number) + 1;
      }
      return k;
    };
    for (let k = 0; k < n; k++) {
      const t = tk[k] as JsToken;
      if (t.kind === 'ident' && t.text === 'function' && !this.is(k - 1, '.')) {
        let p = k + 1;
        if (this.is(p, '*')) p++;
        let name: string | undefined;
        if (tk[p]?.kind === 'ident' && !this.is(p, '(')) name = tk[p++]?.text;
        if (this.is(p, '<')) p = this.skipAngle(p);
        if (!this.is(p, '(')) continue;
        const close = this.match[p] as number;
        const body = blockAfter(close);
        if (!this.is(body, '{') || (this.match[body] as number) < 0) continue;
        const start = this.is(k - 1, 'async') ? k - 1 : k;
        add({ start, end: this.match[body] as number, paramsOpen: p, paramsClose: close, bodyStart: body, bodyEnd: this.match[body] as number, expr: false, ...(name ? { name } : {}) });
      } else if (t.kind === 'punct' && t.text === '=>') {
        let open = -1;
        let close = -1;
        const prev = k - 1;
        if (this.is(prev, ')')) {
          close = prev;
          open = this.match[prev] as number;
        } else if (tk[prev]?.kind === 'ident') {
          // `(a): T =>` (return type) or `a =>`.
          let q = prev;
          while (q > 0 && !this.is(q, ':') && !this.is(q, ')') && (tk[q]?.kind === 'ident' || this.is(q, '.') || this.is(q, '>') || this.is(q, '<') || this.is(q, '|') || this.is(q, '[') || this.is(q, ']'))) q--;
          if (this.is(q, ':') && this.is(q - 1, ')')) {
            close = q - 1;
            open = this.match[q - 1] as number;
          } else {
            open = prev;
            close = prev;
          }
        } else if (this.is(prev, '>') || this.is(prev, ']')) {
          let q = prev;
          while (q > 0 && !this.is(q, ':')) q--;
          if (this.is(q - 1, ')')) {
            close = q - 1;
            open = this.match[q - 1] as number;
          }
        }
        if (open < 0) continue;
        let start = open;
        if (this.is(start - 1, '>')) start = this.skipAngleBack(start - 1);
        if (this.is(start - 1, 'async')) start--;
        let bodyStart = k + 1;
        let bodyEnd: number;
        let expr = false;
        if (this.is(bodyStart, '{')) bodyEnd = this.match[bodyStart] as number;
        else {
          expr = true;
          bodyEnd = this.exprEnd(bodyStart, true) - 1;
        }
        if (bodyEnd < bodyStart) continue;
        add({ start, end: bodyEnd, paramsOpen: open, paramsClose: close, bodyStart, bodyEnd, expr });
      } else if (t.kind === 'ident' && !NOT_METHOD_NAMES.has(t.text) && this.is(k + 1, '(') && !this.is(k - 1, '.') && !this.is(k - 1, '?.') && !this.is(k - 1, 'function')) {
        // Method shorthand in an object literal or class body: `name(params) { ... }`.
        const prev = tk[k - 1];
        const okPrev = !prev || (prev.kind === 'punct' && ['{', ',', ';', '}', '*'].includes(prev.text)) || (prev.kind === 'ident' && ['async', 'static', 'get', 'set', 'public', 'private', 'protected', 'override'].includes(prev.text));
        if (!okPrev) continue;
        const close = this.match[k + 1] as number;
        if (close < 0) continue;
        const body = blockAfter(close);
        if (!this.is(body, '{') || (this.match[body] as number) < 0) continue;
        add({ start: k, end: this.match[body] as number, paramsOpen: k + 1, paramsClose: close, bodyStart: body, bodyEnd: this.match[body] as number, expr: false, name: t.text });
      }
    }
    this.fns.sort((a, b) => a.start - b.start);
  }

  private skipAngle(k: number): number {
    let depth = 0;
    for (; k < this.tokens.length; k++) {
      if (this.is(k, '<')) depth++;
      else if (this.is(k, '>')) depth--;
      else if (this.is(k, '>>')) depth -= 2;
      if (depth <= 0) return k + 1;
    }
    return k;
  }

  private skipAngleBack(k: number): number {
    let depth = 0;
    for (; k >= 0; k--) {
      if (this.is(k, '>')) depth++;
      else if (this.is(k, '<')) depth--;
      if (depth <= 0) return k;
    }
    return 0;
  }

  private parseParams(open: number, close: number): Array<{ name?: string; type?: string }> {
    if (open === close) return [{ name: this.t(open) }];
    return this.splitCommas(open + 1, close).map(([s, e]) => {
      let k = s;
      while (this.is(k, '...') || this.is(k, '@') || ['public', 'private', 'protected', 'readonly', 'override'].includes(this.t(k))) k++;
      const tok = this.tokens[k];
      const name = tok?.kind === 'ident' ? tok.text : undefined;
      let type: string | undefined;
      let q = k + 1;
      if (this.is(q, '?')) q++;
      if (this.is(q, ':')) {
        let te = q + 1;
        while (te < e && !this.is(te, '=')) te++;
        type = this.source(q + 1, te);
      }
      return { ...(name ? { name } : {}), ...(type ? { type } : {}) };
    });
  }

  private buildScopes(): void {
    const n = this.tokens.length;
    const raw: Array<{ start: number; end: number; fn?: JsFunction }> = [{ start: 0, end: Math.max(0, n - 1) }];
    for (let k = 0; k < n; k++) if (this.is(k, '{') && (this.match[k] as number) > k) raw.push({ start: k, end: this.match[k] as number });
    for (const fn of this.fns) raw.push({ start: fn.paramsOpen, end: fn.end, fn });
    raw.sort((a, b) => a.start - b.start || b.end - a.end || (a.fn ? -1 : 1));
    for (const r of raw) {
      const id = this.scopes.length;
      const parent = id === 0 ? -1 : (this.scopeAt[r.start] as number);
      this.scopes.push({ id, start: r.start, end: r.end, parent, ...(r.fn ? { fn: r.fn } : {}), bindings: new Map() });
      if (r.fn) this.fnScope.set(r.fn, id);
      this.scopeAt.fill(id, r.start, r.end + 1);
    }
  }

  /** Innermost scope of a token. */
  scopeOf(k: number): number {
    return this.scopeAt[k] ?? 0;
  }

  /** The function whose body (or parameters) hold scope `s`, if any. */
  fnOfScope(s: number): JsFunction | undefined {
    for (let id = s; id >= 0; id = this.scopes[id]?.parent ?? -1) {
      const sc = this.scopes[id] as JsScope;
      if (sc.fn) return sc.fn;
    }
    return undefined;
  }

  /** The binding `name` refers to at token `at`. */
  resolve(name: string, at: number): { binding: JsBinding; scope: number } | undefined {
    for (let id = this.scopeOf(at); id >= 0; id = this.scopes[id]?.parent ?? -1) {
      const list = this.scopes[id]?.bindings.get(name);
      if (!list?.length) continue;
      let best = list[0] as JsBinding;
      for (const b of list) if (b.at <= at) best = b;
      return { binding: best, scope: id };
    }
    return undefined;
  }

  private bind(scope: number, b: JsBinding): void {
    const sc = this.scopes[scope] as JsScope;
    const list = sc.bindings.get(b.name);
    if (list) list.push(b);
    else sc.bindings.set(b.name, [b]);
  }

  private findBindings(): void {
    const tk = this.tokens;
    const n = tk.length;
    for (const fn of this.fns) {
      const scope = this.fnScope.get(fn) ?? 0;
      if (fn.paramsOpen === fn.paramsClose) this.bind(scope, { kind: 'param', name: this.t(fn.paramsOpen), at: fn.paramsOpen, fn, index: 0 });
      else
        fn.params.forEach((p, index) => {
          if (p.name) this.bind(scope, { kind: 'param', name: p.name, at: fn.paramsOpen, fn, index });
        });
      if (fn.name && this.t(fn.start) !== fn.name && !this.isExpressionPosition(fn.start)) {
        const outer = this.scopes[scope]?.parent ?? 0;
        this.bind(outer, { kind: 'fn', name: fn.name, at: fn.start, fn });
      }
    }
    for (let k = 0; k < n; k++) {
      const t = tk[k] as JsToken;
      if (t.kind !== 'ident' || this.is(k - 1, '.') || this.is(k - 1, '?.')) continue;
      if (t.text === 'const' || t.text === 'let' || t.text === 'var') k = this.declarators(k + 1) - 1;
      else if (t.text === 'import' && !this.is(k + 1, '(') && !this.is(k + 1, '.')) k = this.importDecl(k) - 1;
    }
  }

  /** Whether a `function` at `k` is an expression (its name is not bound outside). */
  private isExpressionPosition(k: number): boolean {
    let p = k - 1;
    if (this.is(p, 'async')) p--;
    if (this.is(p, 'default') || this.is(p, 'export')) return false;
    const prev = this.tokens[p];
    if (!prev) return false;
    if (prev.kind === 'punct') return !['{', '}', ';'].includes(prev.text);
    return ['return', 'await', 'yield', 'typeof', 'new', 'void', 'in', 'of', 'case'].includes(prev.text);
  }

  private declarators(k: number): number {
    const n = this.tokens.length;
    const scope = this.scopeOf(k - 1); // the scope of `const`, not of a pattern's braces
    while (k < n) {
      const start = k;
      let names: Array<{ name: string; at: number; prop?: string }> = [];
      const tok = this.tokens[k];
      if (tok?.kind === 'ident') names = [{ name: tok.text, at: k }];
      else if (this.is(k, '{')) names = this.objectPattern(k);
      else if (!this.is(k, '[')) return k;
      k = this.isOpener(k) ? (this.match[k] as number) + 1 : k + 1;
      if (this.is(k, '!')) k++;
      let type: string | undefined;
      if (this.is(k, ':')) {
        const ts = k + 1;
        let depth = 0;
        while (k < n && !(depth === 0 && (this.is(k, '=') || this.is(k, ',') || this.is(k, ';') || (this.tokens[k]?.nl && k > ts)))) {
          if (this.isOpener(k)) k = Math.max(k, this.match[k] as number);
          else if (this.is(k, '<')) depth++;
          else if (this.is(k, '>')) depth--;
          k++;
        }
        type = this.source(ts, k);
      }
      if (this.is(k, '=')) {
        const s = k + 1;
        const e = this.exprEnd(s, true);
        const fn = this.fnAt.get(s) ?? (this.is(s, 'async') ? this.fnAt.get(s) : undefined);
        if (fn && type) fn.declType = type;
        if (fn && !fn.name && names.length === 1) fn.name = names[0]?.name;
        for (const nm of names) this.bind(scope, { kind: 'init', name: nm.name, at: nm.at, init: [s, e], ...(nm.prop ? { prop: nm.prop } : {}), ...(type ? { type } : {}) });
        k = e;
      } else {
        // `let x;`, `for (const x of xs)`: bound, value unknown.
        for (const nm of names) this.bind(scope, { kind: 'init', name: nm.name, at: nm.at, init: [k, k] });
        if (k === start) return k + 1;
      }
      if (this.is(k, ',')) {
        k++;
        continue;
      }
      return k;
    }
    return k;
  }

  /** Names bound by `{ a, b: c, d = 1 }` (nested patterns are skipped). */
  private objectPattern(open: number): Array<{ name: string; at: number; prop: string }> {
    const out: Array<{ name: string; at: number; prop: string }> = [];
    for (const [s, e] of this.items(open)) {
      if (this.is(s, '...')) continue;
      const key = this.tokens[s];
      if (!key || (key.kind !== 'ident' && key.kind !== 'string')) continue;
      const prop = key.kind === 'string' ? (key.value ?? '') : key.text;
      if (this.is(s + 1, ':')) {
        const target = this.tokens[s + 2];
        if (target?.kind === 'ident' && s + 2 < e) out.push({ name: target.text, at: s + 2, prop });
      } else if (key.kind === 'ident') out.push({ name: key.text, at: s, prop });
    }
    return out;
  }

  private importDecl(k: number): number {
    const n = this.tokens.length;
    let end = k + 1;
    while (end < n && !(this.tokens[end]?.kind === 'string' && this.is(end - 1, 'from')) && !(this.tokens[end]?.kind === 'string' && end === k + 1) && !this.is(end, ';')) {
      if (this.is(end, '=') && this.is(end + 1, 'require') && this.is(end + 2, '(')) {
        // TS `import x = require('m')`.
        const name = this.tokens[end - 1];
        const mod = this.tokens[end + 3];
        if (name?.kind === 'ident' && mod?.kind === 'string') this.bind(0, { kind: 'import', name: name.text, at: end - 1, module: mod.value ?? '', member: [] });
        return end + 4;
      }
      end++;
    }
    const modTok = this.tokens[end];
    if (modTok?.kind !== 'string') return end;
    const module = modTok.value ?? '';
    let p = k + 1;
    // `import type {...}` binds names too: parameters typed with them are recognised.
    if (this.is(p, 'type') && !this.is(p + 1, ',') && !this.is(p + 1, 'from')) p++;
    while (p < end) {
      const t = this.tokens[p] as JsToken;
      if (this.is(p, '*') && this.is(p + 1, 'as')) {
        const nm = this.tokens[p + 2];
        if (nm?.kind === 'ident') this.bind(0, { kind: 'import', name: nm.text, at: p + 2, module, member: [] });
        p += 3;
      } else if (this.is(p, '{')) {
        const close = this.match[p] as number;
        for (const [s, e] of this.splitCommas(p + 1, close)) {
          let q = s;
          if (this.is(q, 'type') && e - s > 1) q++;
          const imported = this.tokens[q];
          if (!imported) continue;
          const importedName = imported.kind === 'string' ? (imported.value ?? '') : imported.text;
          let local = importedName;
          let at = q;
          if (this.is(q + 1, 'as') && this.tokens[q + 2]?.kind === 'ident') {
            local = this.t(q + 2);
            at = q + 2;
          }
          q = at;
          this.bind(0, { kind: 'import', name: local, at, module, member: importedName === 'default' ? [] : [importedName] });
        }
        p = close + 1;
      } else if (t.kind === 'ident' && t.text !== 'from') {
        this.bind(0, { kind: 'import', name: t.text, at: p, module, member: [] });
        p++;
      } else p++;
    }
    return end + 1;
  }
}

// ------------------------------------------------------------------------------------------------
// Evaluator

/** What an expression is known to be. `at` fields are token indexes of where a literal is written. */
export type JsValue =
  | { t: 'str'; v: string; at: number; computed?: boolean }
  | { t: 'num'; v: number; at: number }
  | { t: 'bool'; v: boolean; at: number }
  | { t: 'null'; at: number }
  | { t: 'regex'; at: number }
  | { t: 'obj'; open: number; inv: JsInvocation }
  | { t: 'arr'; open: number; inv: JsInvocation }
  | { t: 'fn'; fn: JsFunction; inv: JsInvocation }
  /** An imported module (member path below it), or a global (`module: ''`, e.g. `process.env.PORT`). */
  | { t: 'mod'; module: string; path: string[] }
  /** A library object a reader understands. */
  | { t: 'host'; host: object }
  /** `left || right` / `left ?? right`. */
  | { t: 'or'; left: JsValue; right: JsValue }
  | { t: 'unknown' };

/** One run of a function body with its arguments. */
export interface JsInvocation {
  id: number;
  fn?: JsFunction;
  args: JsValue[];
  parent?: JsInvocation;
  ret?: JsValue;
}

/** A call argument: its token range, its source text and its value. */
export interface JsArg {
  start: number;
  end: number;
  text: string;
  value: JsValue;
}

/** Library semantics plugged into the evaluator. Returning undefined leaves the default. */
export interface JsHooks {
  /** `new callee(args)`. */
  construct?(callee: JsValue, args: JsArg[], at: number): JsValue | undefined;
  /** `callee(args)` for a callee that is not a function of the file. */
  call?(callee: JsValue, args: JsArg[], at: number): JsValue | undefined;
  /** `recv.name(args)` (every method call, whatever the receiver). `at` is the token of `name`. */
  method?(recv: JsValue, name: string, args: JsArg[], at: number): JsValue | undefined;
  /** `obj.name` on a host object. */
  member?(obj: JsValue, name: string, at: number): JsValue | undefined;
  /** Parameter `index` of a function the file never calls, read at the end. */
  param?(fn: JsFunction, index: number): JsValue | undefined;
  /** Runs once the top level has been read, before the functions the file never calls. */
  beforeUncalled?(): void;
}

const UNKNOWN: JsValue = { t: 'unknown' };
/** Deepest chain of nested function runs followed. */
const MAX_DEPTH = 8;
/** Most function runs per file. */
const MAX_INVOCATIONS = 2000;
/** Most runs of one function (with different arguments). */
const MAX_RUNS_PER_FUNCTION = 24;
/** Globals whose members mean something to readers (`process.env.PORT`, `import.meta.env.X`, `Number.parseInt`). */
const MEMBER_GLOBALS = new Set(['process', 'import', 'Number', 'globalThis']);
const TRANSPARENT_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'String']);

/**
 * Reads a {@link JsModule} symbolically: every call chain is evaluated once, in source order, with
 * the library {@link JsHooks} deciding what calls mean. Functions run when called (with their
 * arguments bound), and those never called run once at the end.
 */
export class JsEvaluator {
  readonly top: JsInvocation = { id: 0, args: [] };
  private nextInv = 1;
  private readonly memo = new Map<string, { v: JsValue; end: number }>();
  private readonly inits = new Map<string, JsValue>();
  private readonly busy = new Set<string>();
  private readonly invoked = new Map<JsFunction, JsInvocation[]>();
  private readonly invocations = new Map<string, JsInvocation>();
  private readonly hostIds = new Map<object, number>();
  private readonly propCache = new Map<string, Map<string, { at: number; value: () => JsValue }>>();
  private depth = 0;

  constructor(
    readonly mod: JsModule,
    private readonly hooks: JsHooks,
  ) {}

  /** Reads the whole file. */
  run(): void {
    this.scan(0, this.mod.tokens.length, this.top);
    this.hooks.beforeUncalled?.();
    for (const fn of this.mod.fns) {
      if (this.invoked.has(fn)) continue;
      const args = fn.params.map((_, k) => this.hooks.param?.(fn, k) ?? UNKNOWN);
      this.invoke(fn, this.parentInvocation(fn), args);
    }
  }

  /** The invocation a function's closure belongs to (its enclosing function's first run). */
  private parentInvocation(fn: JsFunction): JsInvocation {
    const outerScope = this.mod.scopes[this.mod.fnScope.get(fn) ?? 0]?.parent ?? 0;
    const outer = this.mod.fnOfScope(outerScope);
    if (!outer) return this.top;
    const runs = this.invoked.get(outer);
    if (runs?.[0]) return runs[0];
    const args = outer.params.map((_, k) => this.hooks.param?.(outer, k) ?? UNKNOWN);
    return this.invoke(outer, this.parentInvocation(outer), args) ?? this.top;
  }

  /** Whether a function of the file has run. */
  wasInvoked(fn: JsFunction): boolean {
    return this.invoked.has(fn);
  }

  /** Runs a function value with arguments; returns its return value. */
  callFunction(f: Extract<JsValue, { t: 'fn' }>, args: JsValue[]): JsValue {
    return this.invoke(f.fn, f.inv, args)?.ret ?? UNKNOWN;
  }

  /**
   * Runs a function body once per distinct (function, closure, argument values): calls with the same
   * arguments share one run, so that the cost stays linear in ordinary code. Recursion, nesting
   * deeper than {@link MAX_DEPTH} and runs beyond {@link MAX_INVOCATIONS} are not followed (the
   * function's first run stands for them).
   */
  private invoke(fn: JsFunction, parent: JsInvocation, args: JsValue[]): JsInvocation | undefined {
    const key = `${fn.id}|${parent.id}|${args.map((a) => this.signature(a)).join('|')}`;
    const done = this.invocations.get(key);
    if (done) return done;
    let chain = 0;
    for (let p: JsInvocation | undefined = parent; p; p = p.parent) if (p.fn === fn) chain++;
    const runs = this.invoked.get(fn)?.length ?? 0;
    if (this.depth > MAX_DEPTH || chain > 1 || this.nextInv > MAX_INVOCATIONS || runs >= MAX_RUNS_PER_FUNCTION) return this.invoked.get(fn)?.[0];
    const inv: JsInvocation = { id: this.nextInv++, fn, args, parent };
    this.invocations.set(key, inv);
    this.invoked.set(fn, [...(this.invoked.get(fn) ?? []), inv]);
    this.depth++;
    try {
      if (fn.expr) {
        this.scan(fn.bodyStart, fn.bodyEnd + 1, inv);
        inv.ret = this.evalRange(fn.bodyStart, fn.bodyEnd + 1, inv);
      } else this.scan(fn.bodyStart + 1, fn.bodyEnd, inv);
    } finally {
      this.depth--;
    }
    return inv;
  }

  /** A key for a value, equal for values that run a function the same way. */
  private signature(v: JsValue): string {
    switch (v.t) {
      case 'str':
        return `s${v.computed ? '?' : ''}:${v.v}`;
      case 'num':
        return `n:${v.v}`;
      case 'bool':
        return `b:${v.v}`;
      case 'obj':
      case 'arr':
        return `${v.t}:${v.open}:${v.inv.id}`;
      case 'fn':
        return `f:${v.fn.id}:${v.inv.id}`;
      case 'mod':
        return `m:${v.module}:${v.path.join('.')}`;
      case 'host': {
        let id = this.hostIds.get(v.host);
        if (id === undefined) {
          id = this.hostIds.size;
          this.hostIds.set(v.host, id);
        }
        return `h:${id}`;
      }
      case 'or':
        return `(${this.signature(v.left)}||${this.signature(v.right)})`;
      default:
        return v.t;
    }
  }

  /** Evaluates every chain in `[s, e)`, skipping nested functions (they run when called). */
  private scan(s: number, e: number, inv: JsInvocation): void {
    const mod = this.mod;
    for (let k = s; k < e; k++) {
      const fn = mod.fnAt.get(k);
      if (fn && fn !== inv.fn) {
        k = fn.end;
        continue;
      }
      const t = mod.tokens[k] as JsToken;
      if (t.kind !== 'ident' || mod.is(k - 1, '.') || mod.is(k - 1, '?.')) continue;
      if (t.text === 'return' && inv.fn) {
        const end = mod.exprEnd(k + 1, false);
        if (end > k + 1 && !mod.tokens[k + 1]?.nl) {
          const v = this.evalRange(k + 1, end, inv);
          if (!inv.ret || inv.ret.t === 'unknown') inv.ret = v;
        }
        continue;
      }
      if (t.text === 'new' || !RESERVED.has(t.text) || t.text === 'import') this.chain(k, inv);
    }
  }

  /** Source text of a token range. */
  text(s: number, e: number): string {
    return this.mod.source(s, e);
  }

  /** Evaluates the expression in tokens `[s, e)`. */
  evalRange(s: number, e: number, inv: JsInvocation): JsValue {
    const mod = this.mod;
    while (s < e && (mod.is(s, 'await') || mod.is(s, 'void') || mod.is(s, 'yield'))) s++;
    while (e > s && mod.is(e - 1, ';')) e--;
    if (s >= e) return UNKNOWN;
    // TS tails: `x as T`, `x satisfies T`, `x!`.
    for (let k = s; k < e; k++) {
      if (mod.isOpener(k)) {
        k = Math.max(k, mod.match[k] as number);
        continue;
      }
      const f = mod.fnAt.get(k);
      if (f) {
        k = f.end;
        continue;
      }
      if (k > s && (mod.is(k, 'as') || mod.is(k, 'satisfies')) && mod.tokens[k]?.kind === 'ident') {
        e = k;
        break;
      }
    }
    const fn = mod.fnAt.get(s);
    if (fn && fn.end + 1 >= e) return { t: 'fn', fn, inv };
    // Lowest precedence first: conditional, then `||`/`??`, then `+`.
    const ops = this.topLevelOps(s, e);
    if (ops.some((o) => o.op === '?')) return UNKNOWN;
    const or = ops.find((o) => o.op === '||' || o.op === '??');
    if (or) {
      const left = this.evalRange(s, or.at, inv);
      const right = this.evalRange(or.at + 1, e, inv);
      return { t: 'or', left, right };
    }
    if (ops.some((o) => o.op !== '+')) {
      // Evaluate the operands for their effects, but the value is not known.
      for (const [a, b] of this.operands(s, e, ops)) this.evalRange(a, b, inv);
      return UNKNOWN;
    }
    if (ops.length) {
      const parts = this.operands(s, e, ops).map(([a, b]) => ({ v: this.evalRange(a, b, inv), text: this.text(a, b) }));
      if (!parts.some((p) => p.v.t === 'str')) return UNKNOWN;
      let out = '';
      let computed = false;
      for (const p of parts) {
        if (p.v.t === 'str') {
          out += p.v.v;
          computed ||= !!p.v.computed;
        } else if (p.v.t === 'num') out += String(p.v.v);
        else {
          out += '${' + p.text + '}';
          computed = true;
        }
      }
      return { t: 'str', v: out, at: s, ...(computed ? { computed } : {}) };
    }
    if (mod.is(s, '+') || mod.is(s, '-')) {
      const v = this.evalRange(s + 1, e, inv);
      if (mod.is(s, '-') && v.t === 'num') return { ...v, v: -v.v };
      return mod.is(s, '+') ? v : UNKNOWN;
    }
    if (mod.is(s, '!') || mod.is(s, 'typeof') || mod.is(s, 'delete') || mod.is(s, '~') || mod.is(s, '...')) {
      this.evalRange(s + 1, e, inv);
      return UNKNOWN;
    }
    if (mod.is(s, '(') && (mod.match[s] as number) + 1 >= e) return this.evalRange(s + 1, mod.match[s] as number, inv);
    const c = this.chain(s, inv);
    return c.end >= e ? c.v : UNKNOWN;
  }

  private topLevelOps(s: number, e: number): Array<{ op: string; at: number }> {
    const mod = this.mod;
    const out: Array<{ op: string; at: number }> = [];
    let prevOperand = false;
    for (let k = s; k < e; k++) {
      const t = mod.tokens[k] as JsToken;
      const f = mod.fnAt.get(k);
      if (f) {
        k = f.end;
        prevOperand = true;
        continue;
      }
      if (mod.isOpener(k)) {
        k = Math.max(k, mod.match[k] as number);
        prevOperand = true;
        continue;
      }
      if (t.kind === 'punct' || t.text === 'instanceof' || t.text === 'in') {
        if (t.text === '.' || t.text === '?.') {
          k++;
          prevOperand = true;
          continue;
        }
        if (t.text === '!' && prevOperand) continue; // TS non-null
        if (prevOperand && (BINARY_OPS.has(t.text) || t.text === '?')) {
          out.push({ op: t.text, at: k });
          if (t.text === '?') return out;
          prevOperand = false;
          continue;
        }
        prevOperand = t.text === '++' || t.text === '--' ? prevOperand : false;
        continue;
      }
      if (t.kind === 'ident' && (t.text === 'new' || t.text === 'typeof' || t.text === 'await' || t.text === 'void')) {
        prevOperand = false;
        continue;
      }
      prevOperand = true;
    }
    return out;
  }

  private operands(s: number, e: number, ops: Array<{ at: number }>): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let from = s;
    for (const o of ops) {
      out.push([from, o.at]);
      from = o.at + 1;
    }
    out.push([from, e]);
    return out;
  }

  /** Evaluates the call/member chain that starts at token `k` (memoised per invocation). */
  chain(k: number, inv: JsInvocation): { v: JsValue; end: number } {
    const key = `${inv.id}:${k}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.busy.has(key)) return { v: UNKNOWN, end: k + 1 };
    this.busy.add(key);
    try {
      const r = this.chainUncached(k, inv);
      this.memo.set(key, r);
      return r;
    } finally {
      this.busy.delete(key);
    }
  }

  private chainUncached(k: number, inv: JsInvocation): { v: JsValue; end: number } {
    const mod = this.mod;
    const tok = mod.tokens[k];
    if (!tok) return { v: UNKNOWN, end: k + 1 };
    let v: JsValue = UNKNOWN;
    let j = k + 1;
    const fn = mod.fnAt.get(k);
    if (fn) return { v: { t: 'fn', fn, inv }, end: fn.end + 1 };
    if (tok.kind === 'string') v = { t: 'str', v: tok.value ?? '', at: k };
    else if (tok.kind === 'template') v = this.template(k, inv);
    else if (tok.kind === 'number') {
      const num = Number(tok.text.replace(/_/g, '').replace(/n$/, ''));
      v = Number.isFinite(num) ? { t: 'num', v: num, at: k } : UNKNOWN;
    } else if (tok.kind === 'regex') v = { t: 'regex', at: k };
    else if (mod.is(k, '{')) {
      v = { t: 'obj', open: k, inv };
      j = (mod.match[k] as number) + 1;
    } else if (mod.is(k, '[')) {
      v = { t: 'arr', open: k, inv };
      j = (mod.match[k] as number) + 1;
    } else if (mod.is(k, '(')) {
      const close = mod.match[k] as number;
      if (close < 0) return { v: UNKNOWN, end: k + 1 };
      v = this.evalRange(k + 1, close, inv);
      j = close + 1;
    } else if (tok.kind === 'ident') {
      const name = tok.text;
      if (name === 'true' || name === 'false') v = { t: 'bool', v: name === 'true', at: k };
      else if (name === 'null') v = { t: 'null', at: k };
      else if (name === 'new') {
        // `new Callee.path(args)`: the callee is a member chain without calls.
        let c = k + 1;
        let callee = mod.tokens[c]?.kind === 'ident' ? this.lookup(mod.t(c), c, inv) : UNKNOWN;
        c++;
        while (mod.is(c, '.') && mod.tokens[c + 1]?.kind === 'ident') {
          callee = this.member(callee, mod.t(c + 1), c + 1);
          c += 2;
        }
        if (mod.is(c, '<')) c = this.skipTypeArgs(c);
        let args: JsArg[] = [];
        if (mod.is(c, '(')) {
          args = this.args(c, inv);
          c = (mod.match[c] as number) + 1;
        }
        v = this.hooks.construct?.(callee, args, k) ?? UNKNOWN;
        j = c;
      } else if ((name === 'require' || name === 'import') && mod.is(k + 1, '(') && mod.tokens[k + 2]?.kind === 'string' && mod.is(k + 3, ')')) {
        v = { t: 'mod', module: mod.tokens[k + 2]?.value ?? '', path: [] };
        j = k + 4;
      } else if (name === 'import' && mod.is(k + 1, '.') && mod.is(k + 2, 'meta')) {
        v = { t: 'mod', module: '', path: ['import', 'meta'] };
        j = k + 3;
      } else if (RESERVED.has(name) && name !== 'undefined') return { v: UNKNOWN, end: k + 1 };
      else v = this.lookup(name, k, inv);
    } else return { v: UNKNOWN, end: k + 1 };

    // Postfix: members, calls, indexes, TS non-null and type arguments.
    for (;;) {
      if ((mod.is(j, '.') || mod.is(j, '?.')) && mod.tokens[j + 1]?.kind === 'ident') {
        const name = mod.t(j + 1);
        let c = j + 2;
        if (mod.is(c, '<') && this.looksLikeTypeArgs(c)) c = this.skipTypeArgs(c);
        if (mod.is(c, '(')) {
          const args = this.args(c, inv);
          v = this.callMethod(v, name, args, j + 1);
          j = (mod.match[c] as number) + 1;
        } else {
          v = this.member(v, name, j + 1);
          j += 2;
        }
      } else if (mod.is(j, '(') && (mod.match[j] as number) > j && !(mod.tokens[j]?.nl && this.isStatementStartAfter(j))) {
        const args = this.args(j, inv);
        v = this.callValue(v, args, j);
        j = (mod.match[j] as number) + 1;
      } else if (mod.is(j, '[') && !mod.tokens[j]?.nl && (mod.match[j] as number) > j) {
        const close = mod.match[j] as number;
        const idx = this.evalRange(j + 1, close, inv);
        v = idx.t === 'str' && !idx.computed ? this.member(v, idx.v, j + 1) : UNKNOWN;
        j = close + 1;
      } else if (mod.is(j, '?.') && (mod.is(j + 1, '(') || mod.is(j + 1, '['))) {
        const close = mod.match[j + 1] as number;
        this.evalRange(j + 2, close, inv);
        v = UNKNOWN;
        j = close + 1;
      } else if (mod.is(j, '!') && (mod.is(j + 1, '.') || mod.is(j + 1, '?.') || mod.is(j + 1, '(') || mod.is(j + 1, '[') || mod.is(j + 1, ')') || mod.is(j + 1, ',') || mod.is(j + 1, ';'))) {
        j++;
      } else if (mod.tokens[j]?.kind === 'template' && !mod.tokens[j]?.nl) {
        v = UNKNOWN;
        j++;
      } else break;
    }
    return { v, end: j };
  }

  private isStatementStartAfter(j: number): boolean {
    // `foo\n(bar)` continues in JS, but a parenthesised arrow on the next line is not a call in practice.
    return this.mod.fnAt.has(j);
  }

  private looksLikeTypeArgs(k: number): boolean {
    const end = this.skipTypeArgs(k);
    return this.mod.is(end, '(');
  }

  private skipTypeArgs(k: number): number {
    const mod = this.mod;
    let depth = 0;
    for (let c = k; c < mod.tokens.length && c < k + 64; c++) {
      if (mod.is(c, '<')) depth++;
      else if (mod.is(c, '>')) depth--;
      else if (mod.is(c, '>>')) depth -= 2;
      else if (mod.is(c, ';') || mod.is(c, '{') || mod.is(c, ')')) return k;
      if (depth <= 0) return c + 1;
    }
    return k;
  }

  /** Evaluates the arguments of the call whose `(` is at `open`. */
  args(open: number, inv: JsInvocation): JsArg[] {
    return this.mod.items(open).map(([s, e]) => ({ start: s, end: e, text: this.text(s, e), value: this.evalRange(s, e, inv) }));
  }

  private template(k: number, inv: JsInvocation): JsValue {
    const tok = this.mod.tokens[k] as JsToken;
    if (!tok.subs?.length) return { t: 'str', v: tok.value ?? '', at: k };
    let computed = false;
    const v = (tok.value ?? '').replace(/\$\{([^]*?)\}/g, (whole, expr: string) => {
      const name = expr.trim();
      if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(name)) {
        const parts = name.split('.');
        let val = this.lookup(parts[0] as string, k, inv);
        for (const p of parts.slice(1)) val = this.member(val, p, k);
        if (val.t === 'str' && !val.computed) return val.v;
        if (val.t === 'num') return String(val.v);
      }
      computed = true;
      return whole;
    });
    return { t: 'str', v, at: k, ...(computed ? { computed } : {}) };
  }

  /** What `name` means at token `at`. */
  lookup(name: string, at: number, inv: JsInvocation): JsValue {
    if (name === 'undefined') return UNKNOWN;
    const r = this.mod.resolve(name, at);
    if (!r) return { t: 'mod', module: '', path: [name] };
    const b = r.binding;
    if (b.kind === 'import') return { t: 'mod', module: b.module, path: b.member };
    const owner = this.mod.fnOfScope(r.scope);
    const ownerInv = this.invocationOf(owner, inv);
    if (b.kind === 'fn') return { t: 'fn', fn: b.fn, inv: ownerInv ?? this.top };
    if (b.kind === 'param') {
      const v = ownerInv?.args[b.index] ?? UNKNOWN;
      return v;
    }
    const base = this.init(b, ownerInv ?? this.top);
    return b.prop ? this.member(base, b.prop, b.at) : base;
  }

  private invocationOf(fn: JsFunction | undefined, inv: JsInvocation): JsInvocation | undefined {
    if (!fn) return this.top;
    for (let p: JsInvocation | undefined = inv; p; p = p.parent) if (p.fn === fn) return p;
    return this.invoked.get(fn)?.[0];
  }

  private init(b: Extract<JsBinding, { kind: 'init' }>, inv: JsInvocation): JsValue {
    const key = `${inv.id}:${b.init[0]}`;
    const hit = this.inits.get(key);
    if (hit) return hit;
    if (this.busy.has(`init:${key}`)) return UNKNOWN;
    this.busy.add(`init:${key}`);
    try {
      const v = this.evalRange(b.init[0], b.init[1], inv);
      this.inits.set(key, v);
      return v;
    } finally {
      this.busy.delete(`init:${key}`);
    }
  }

  /** `obj.name`. */
  member(obj: JsValue, name: string, at: number): JsValue {
    if (obj.t === 'mod') {
      if (name === 'default' && obj.path.length === 0) return obj;
      if (obj.module === '' && !MEMBER_GLOBALS.has(obj.path[0] ?? '')) return UNKNOWN;
      return { t: 'mod', module: obj.module, path: [...obj.path, name] };
    }
    if (obj.t === 'obj') return this.prop(obj, name) ?? UNKNOWN;
    if (obj.t === 'host') return this.hooks.member?.(obj, name, at) ?? UNKNOWN;
    return UNKNOWN;
  }

  /** The property `name` of an object literal (spreads of other object literals followed). */
  prop(obj: Extract<JsValue, { t: 'obj' }>, name: string): JsValue | undefined {
    const p = this.props(obj).get(name);
    return p?.value();
  }

  /** Properties of an object literal, in order: key, where the key is, and the value (lazily). */
  props(obj: Extract<JsValue, { t: 'obj' }>): Map<string, { at: number; value: () => JsValue }> {
    const cacheKey = `${obj.inv.id}:${obj.open}`;
    const cached = this.propCache.get(cacheKey);
    if (cached) return cached;
    const mod = this.mod;
    const out = new Map<string, { at: number; value: () => JsValue }>();
    this.propCache.set(cacheKey, out);
    for (const [s, e] of mod.items(obj.open)) {
      if (mod.is(s, '...')) {
        const spread = this.evalRange(s + 1, e, obj.inv);
        if (spread.t === 'obj') for (const [k, v] of this.props(spread)) out.set(k, v);
        continue;
      }
      let k = s;
      while (['async', 'get', 'set', 'static'].includes(mod.t(k)) && k + 1 < e && !mod.is(k + 1, ':') && !mod.is(k + 1, '(') && !mod.is(k + 1, ',')) k++;
      if (mod.is(k, '*')) k++;
      const key = mod.tokens[k];
      if (!key) continue;
      let name: string | undefined;
      if (key.kind === 'ident') name = key.text;
      else if (key.kind === 'string') name = key.value;
      else if (key.kind === 'number') name = String(Number(key.text));
      else if (mod.is(k, '[')) {
        const close = mod.match[k] as number;
        const kv = this.evalRange(k + 1, close, obj.inv);
        if (kv.t === 'str' && !kv.computed) name = kv.v;
        k = close;
      }
      if (name === undefined) continue;
      const fn = mod.fnAt.get(k);
      if (fn) {
        out.set(name, { at: k, value: () => ({ t: 'fn', fn, inv: obj.inv }) });
        continue;
      }
      if (mod.is(k + 1, ':')) {
        const vs = k + 2;
        let memo: JsValue | undefined;
        out.set(name, { at: k, value: () => (memo ??= this.evalRange(vs, e, obj.inv)) });
      } else if (key.kind === 'ident') {
        const at = k;
        const nm = name;
        // `{ port }` or `{ port = 3 }` (a pattern default, not a value).
        out.set(name, { at, value: () => this.lookup(nm, at, obj.inv) });
      }
    }
    return out;
  }

  /** Items of an array literal: their ranges and values. */
  elements(arr: Extract<JsValue, { t: 'arr' }>): JsArg[] {
    return this.mod.items(arr.open).map(([s, e]) => ({ start: s, end: e, text: this.text(s, e), value: this.evalRange(s, e, arr.inv) }));
  }

  private callMethod(recv: JsValue, name: string, args: JsArg[], at: number): JsValue {
    const hooked = this.hooks.method?.(recv, name, args, at);
    if (hooked) return hooked;
    if (recv.t === 'mod') return this.callValue(this.member(recv, name, at), args, at);
    if (recv.t === 'obj') {
      const f = this.prop(recv, name);
      if (f?.t === 'fn') return this.callFunction(f, args.map((a) => a.value));
    }
    return UNKNOWN;
  }

  private callValue(callee: JsValue, args: JsArg[], at: number): JsValue {
    if (callee.t === 'fn') return this.callFunction(callee, args.map((a) => a.value));
    const hooked = this.hooks.call?.(callee, args, at);
    if (hooked) return hooked;
    if (callee.t === 'mod' && callee.module === '' && callee.path.length === 1 && TRANSPARENT_GLOBALS.has(callee.path[0] as string)) return args[0]?.value ?? UNKNOWN;
    return UNKNOWN;
  }

  /** Position of a token. */
  pos(at: number): Position {
    return this.mod.pos(at);
  }

  /** What the head of a type annotation names (`Command`, `commander.Command`, an aliased type import), seen from token `at`. */
  typeRef(type: string | undefined, at: number): JsValue | undefined {
    const m = /^\s*([A-Za-z_$][\w$]*)(?:\s*\.\s*([A-Za-z_$][\w$]*))?/.exec(type ?? '');
    if (!m?.[1]) return undefined;
    const r = this.mod.resolve(m[1], at);
    if (r?.binding.kind !== 'import') return undefined;
    const base: JsValue = { t: 'mod', module: r.binding.module, path: r.binding.member };
    return m[2] ? this.member(base, m[2], at) : base;
  }
}

/** A literal as a fact value: strings as they are, numbers and booleans in JS spelling; undefined otherwise. */
export function literalText(v: JsValue): string | undefined {
  if (v.t === 'str') return v.computed ? undefined : v.v;
  if (v.t === 'num') return String(v.v);
  if (v.t === 'bool') return String(v.v);
  if (v.t === 'null') return 'null';
  return undefined;
}

/** The environment variable a value reads (`process.env.X`, `import.meta.env.X`), looking through `||`/`??`. */
export function envOf(v: JsValue): string | undefined {
  if (v.t === 'mod' && v.module === '' && v.path.length === 3 && ((v.path[0] === 'process' && v.path[1] === 'env') || (v.path[0] === 'import' && v.path[1] === 'meta'))) return v.path[2];
  if (v.t === 'mod' && v.module === '' && v.path.length === 4 && v.path[0] === 'import' && v.path[1] === 'meta' && v.path[2] === 'env') return v.path[3];
  if (v.t === 'or') return envOf(v.left) ?? envOf(v.right);
  return undefined;
}

/** The first literal default of a value (`process.env.X ?? 3000` → 3000), with where it is written. */
export function fallbackLiteral(v: JsValue): Extract<JsValue, { t: 'str' | 'num' | 'bool' }> | undefined {
  if (v.t === 'str' || v.t === 'num' || v.t === 'bool') return v.t === 'str' && v.computed ? undefined : v;
  if (v.t === 'or') return fallbackLiteral(v.right) ?? (envOf(v.left) ? undefined : fallbackLiteral(v.left));
  return undefined;
}

/** Whether a value is a host object of class `C`. */
export function hostOf<C extends object>(v: JsValue | undefined, C: new (...a: never[]) => C): C | undefined {
  return v?.t === 'host' && v.host instanceof C ? v.host : undefined;
}

/** Whether a value is (a member of) one of `modules`, with the member path `path`. */
export function isModule(v: JsValue | undefined, modules: ReadonlySet<string>, path: string[]): boolean {
  return v?.t === 'mod' && modules.has(v.module) && v.path.length === path.length && v.path.every((p, i) => p === path[i]);
}

/** Whether the file imports or requires one of `modules` (a cheap pre-check). */
export function mentionsModule(text: string, modules: Iterable<string>): boolean {
  for (const m of modules) if (text.includes(`'${m}'`) || text.includes(`"${m}"`) || text.includes('`' + m + '`')) return true;
  return false;
}

// ------------------------------------------------------------------------------------------------
// Command-line readers

const COMMANDER = new Set(['commander', '@commander-js/extra-typings']);
const YARGS = new Set(['yargs', 'yargs/yargs']);
const PARSER_GLOBALS = new Set(['parseInt', 'parseFloat', 'Number', 'String', 'Boolean', 'Date', 'BigInt', 'JSON']);

interface Named {
  name: string;
  at: number;
}

/** A flag's default as a fact value. */
interface Default {
  value?: string;
  computed?: boolean;
  env?: string;
  at?: number;
}

class CmdNode {
  name?: string;
  at: number;
  explicitName = false;
  aliases: Named[] = [];
  options: CmdOption[] = [];
  children: CmdNode[] = [];
  parent?: CmdNode;
  parsed = false;
  versioned = false;
  isProgram = false;
  external = false;
  hidden = false;
  executable = false;
  constructor(at: number, name?: Named) {
    this.at = name?.at ?? at;
    if (name) this.name = name.name;
  }
}

class CmdOption {
  long?: string;
  short?: string;
  negate = false;
  def?: Default;
  env?: Named;
  required = false;
  hidden = false;
  constructor(
    readonly flags: string,
    readonly at: number,
  ) {
    for (const part of flags.split(/[\s,|]+/)) {
      if (/^--[A-Za-z0-9]/.test(part)) this.long ??= part.replace(/=.*$/, '');
      else if (/^-[A-Za-z0-9?]$/.test(part)) this.short ??= part;
    }
    this.negate = !!this.long?.startsWith('--no-');
  }
  get key(): string | undefined {
    return this.long ?? this.short;
  }
}

class YNode {
  name?: string;
  at: number;
  explicitName = false;
  aliases: Named[] = [];
  options = new Map<string, YOption>();
  children: YNode[] = [];
  parent?: YNode;
  env?: string;
  hidden = false;
  isDefault = false;
  partial = false;
  constructor(at: number, name?: Named) {
    this.at = name?.at ?? at;
    if (name) this.name = name.name;
  }
  /** The option named `key` (or having it as an alias), created when new. */
  option(key: string, at: number): YOption {
    let o = this.options.get(key);
    if (!o) for (const x of this.options.values()) if (x.aliases.some((a) => a.name === key)) return x;
    if (!o) {
      o = new YOption(key, at);
      this.options.set(key, o);
    }
    return o;
  }

  /** `.alias(a, b)`: yargs names are symmetric; the longest (or already declared) one becomes the key. */
  alias(names: Named[]): void {
    const declared = names.map((n) => this.options.get(n.name) ?? [...this.options.values()].find((x) => x.aliases.some((a) => a.name === n.name)));
    let canonical = declared.find((d) => d && d.key.length > 1) ?? declared.find((d) => d);
    if (!canonical) {
      const longest = names.reduce((a, b) => (b.name.length > a.name.length ? b : a));
      canonical = this.option(longest.name, longest.at);
    }
    for (const n of names) {
      if (n.name === canonical.key || canonical.aliases.some((a) => a.name === n.name)) continue;
      const other = this.options.get(n.name);
      if (other && other !== canonical) {
        canonical.def ??= other.def;
        canonical.type ??= other.type;
        canonical.required ||= other.required;
        canonical.hidden ||= other.hidden;
        for (const a of other.aliases) if (a.name !== canonical.key) canonical.aliases.push(a);
        this.options.delete(n.name);
      }
      canonical.aliases.push(n);
    }
  }
}

class YOption {
  aliases: Named[] = [];
  def?: Default;
  type?: string;
  required = false;
  hidden = false;
  constructor(
    readonly key: string,
    readonly at: number,
  ) {}
}

/** `--name` for long names, `-n` for one-letter ones. */
function flagKey(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/** `dryRun` / `dry-run` / `db.host` → `DRY_RUN` / `DRY_RUN` / `DB__HOST` (yargs env names). */
function envName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\./g, '__')
    .replace(/-/g, '_')
    .toUpperCase();
}

function kebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function camel(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The command name and aliases of a commander `.command()`/yargs command string (`'serve [port]'`). */
function commandWord(spec: string): string | undefined {
  const w = spec.trim().split(/\s+/)[0];
  return w && !/^[<[]/.test(w) ? w : undefined;
}

type Meta = Record<string, string | number | boolean>;

class CliReader {
  private readonly mod: JsModule;
  private readonly ev: JsEvaluator;
  private readonly cmds: CmdNode[] = [];
  private readonly yroots: YNode[] = [];
  private program?: CmdNode;
  private yargsSingleton?: YNode;
  private readonly seen = new Set<string>();
  private readonly usesCommander: boolean;
  private readonly usesYargs: boolean;

  constructor(
    private readonly file: SystemFile,
    private readonly sink: FactSink,
  ) {
    this.mod = new JsModule(file.text);
    this.usesCommander = mentionsModule(file.text, COMMANDER);
    this.usesYargs = mentionsModule(file.text, YARGS);
    this.ev = new JsEvaluator(this.mod, {
      construct: (callee, args, at) => this.construct(callee, args, at),
      call: (callee, args, at) => this.call(callee, args, at),
      method: (recv, name, args, at) => this.method(recv, name, args, at),
      param: (fn, index) => this.param(fn, index),
      beforeUncalled: () => this.commandModuleExports(),
    });
  }

  read(): void {
    this.ev.run();
    this.emit();
  }

  // ---- values

  private str(v: JsValue | undefined): string | undefined {
    return v?.t === 'str' && !v.computed ? v.v : undefined;
  }

  private strings(v: JsValue | undefined): Array<Named> {
    if (!v) return [];
    if (v.t === 'str' && !v.computed) return [{ name: v.v, at: v.at }];
    if (v.t === 'arr') return this.ev.elements(v).flatMap((a) => this.strings(a.value));
    return [];
  }

  private isTrue(v: JsValue | undefined): boolean {
    return v?.t === 'bool' && v.v;
  }

  private defaultOf(a: JsArg | undefined, v: JsValue | undefined = a?.value): Default | undefined {
    if (!v) return undefined;
    const lit = literalText(v);
    const at = 'at' in v && typeof v.at === 'number' ? v.at : a?.start;
    if (lit !== undefined) return { value: lit, ...(at !== undefined ? { at } : {}) };
    const text = a?.text ?? (v.t === 'str' ? v.v : undefined);
    if (v.t === 'unknown' && !text) return undefined;
    const env = envOf(v);
    return { ...(text !== undefined ? { value: text } : {}), computed: true, ...(env ? { env } : {}), ...(a ? { at: a.start } : {}) };
  }

  // ---- commander

  private asCmd(v: JsValue | undefined): CmdNode | undefined {
    const h = hostOf(v, CmdNode);
    if (h) return h;
    if (v?.t === 'mod' && COMMANDER.has(v.module) && v.path.length === 1 && v.path[0] === 'program') {
      if (!this.program) {
        this.program = new CmdNode(0);
        this.program.isProgram = true;
        this.cmds.push(this.program);
      }
      return this.program;
    }
    return undefined;
  }

  private newCommand(nameArg: JsArg | undefined, at: number): JsValue {
    const name = this.str(nameArg?.value);
    const word = name !== undefined ? commandWord(name) : undefined;
    const node = new CmdNode(at, word ? { name: word, at: nameArg?.start ?? at } : undefined);
    this.cmds.push(node);
    return { t: 'host', host: node };
  }

  private newOption(args: JsArg[], at: number): CmdOption | undefined {
    const flags = this.str(args[0]?.value);
    if (flags === undefined) return undefined;
    const o = new CmdOption(flags, args[0]?.start ?? at);
    return o.key ? o : undefined;
  }

  private construct(callee: JsValue, args: JsArg[], at: number): JsValue | undefined {
    if (isModule(callee, COMMANDER, ['Command'])) return this.newCommand(args[0], at);
    if (isModule(callee, COMMANDER, ['Option'])) {
      const o = this.newOption(args, at);
      return o ? { t: 'host', host: o } : undefined;
    }
    return undefined;
  }

  private call(callee: JsValue, args: JsArg[], at: number): JsValue | undefined {
    if (isModule(callee, COMMANDER, ['createCommand'])) return this.newCommand(args[0], at);
    if (isModule(callee, COMMANDER, ['createOption'])) {
      const o = this.newOption(args, at);
      return o ? { t: 'host', host: o } : undefined;
    }
    if (callee.t === 'mod' && YARGS.has(callee.module) && (callee.path.length === 0 || (callee.path.length === 1 && callee.path[0] === 'default'))) return this.newYargs(at);
    return undefined;
  }

  private newYargs(at: number): JsValue {
    const node = new YNode(at);
    this.yroots.push(node);
    return { t: 'host', host: node };
  }

  private method(recv: JsValue, name: string, args: JsArg[], at: number): JsValue | undefined {
    const cmd = this.asCmd(recv);
    if (cmd) return this.commanderMethod(cmd, recv, name, args, at);
    const opt = hostOf(recv, CmdOption);
    if (opt) return this.optionMethod(opt, recv, name, args);
    let y = hostOf(recv, YNode);
    if (!y && recv.t === 'mod' && recv.module === 'yargs' && recv.path.length === 0 && name !== 'default') {
      // `require('yargs').option(...)`: the singleton instance (yargs before v17, CommonJS).
      if (!this.yargsSingleton) {
        this.yargsSingleton = new YNode(at);
        this.yroots.push(this.yargsSingleton);
      }
      y = this.yargsSingleton;
      recv = { t: 'host', host: y };
    }
    if (y) return this.yargsMethod(y, recv, name, args, at);
    return undefined;
  }

  private commanderMethod(cmd: CmdNode, self: JsValue, name: string, args: JsArg[], at: number): JsValue | undefined {
    const a0 = args[0]?.value;
    switch (name) {
      case 'name': {
        const n = this.str(a0);
        if (n !== undefined) {
          cmd.name = n;
          cmd.at = args[0]?.start ?? at;
          cmd.explicitName = true;
          return self;
        }
        return undefined;
      }
      case 'command': {
        const spec = this.str(a0);
        const word = spec !== undefined ? commandWord(spec) : undefined;
        if (!word) return undefined;
        const child = new CmdNode(at, { name: word, at: args[0]?.start ?? at });
        child.parent = cmd;
        cmd.children.push(child);
        this.cmds.push(child);
        const second = args[1]?.value;
        const opts = second?.t === 'obj' ? second : args[2]?.value.t === 'obj' ? args[2].value : undefined;
        if (opts?.t === 'obj' && this.isTrue(this.ev.prop(opts, 'hidden'))) child.hidden = true;
        if (second?.t === 'str') {
          // `.command('install', 'description')`: a stand-alone executable; returns the parent.
          child.executable = true;
          return self;
        }
        return { t: 'host', host: child };
      }
      case 'addCommand': {
        const child = this.asCmd(a0);
        if (child && child !== cmd) {
          if (child.parent) child.parent.children = child.parent.children.filter((c) => c !== child);
          child.parent = cmd;
          cmd.children.push(child);
          const opts = args[1]?.value;
          if (opts?.t === 'obj' && this.isTrue(this.ev.prop(opts, 'hidden'))) child.hidden = true;
        }
        return self;
      }
      case 'alias':
      case 'aliases':
        for (const a of this.strings(a0)) cmd.aliases.push(a);
        return self;
      case 'option':
      case 'requiredOption': {
        const o = this.newOption(args, at);
        if (!o) return self;
        if (name === 'requiredOption') o.required = true;
        const third = args[2];
        const parser = third && (third.value.t === 'fn' || third.value.t === 'regex' || (third.value.t === 'mod' && third.value.module === '' && third.value.path.length === 1 && PARSER_GLOBALS.has(third.value.path[0] as string)));
        const defArg = parser ? args[3] : third;
        const def = this.defaultOf(defArg);
        if (def) o.def = def;
        cmd.options.push(o);
        return self;
      }
      case 'addOption': {
        const o = hostOf(a0, CmdOption);
        if (o) cmd.options.push(o);
        return self;
      }
      case 'parse':
      case 'parseAsync':
        cmd.parsed = true;
        return UNKNOWN_HOST;
      case 'version':
        cmd.versioned = true;
        return self;
      case 'opts':
      case 'optsWithGlobals':
      case 'getOptionValue':
      case 'helpInformation':
      case 'createHelp':
      case 'createCommand':
      case 'createOption':
      case 'createArgument':
        return UNKNOWN_HOST;
      default:
        // Builder methods (`description`, `argument`, `action`, `hook`, `usage`, `summary`,
        // `helpOption`, `configureHelp`, `showHelpAfterError`, ...) return the command.
        return self;
    }
  }

  private optionMethod(o: CmdOption, self: JsValue, name: string, args: JsArg[]): JsValue {
    switch (name) {
      case 'default': {
        const def = this.defaultOf(args[0]);
        if (def) o.def = def;
        break;
      }
      case 'env': {
        const e = this.str(args[0]?.value);
        if (e) o.env = { name: e, at: args[0]?.start ?? 0 };
        break;
      }
      case 'makeOptionMandatory':
        o.required = args[0]?.value.t !== 'bool' || args[0].value.v;
        break;
      case 'hideHelp':
        o.hidden = args[0]?.value.t !== 'bool' || args[0].value.v;
        break;
      default:
        break;
    }
    return self;
  }

  // ---- yargs

  private yargsMethod(y: YNode, self: JsValue, name: string, args: JsArg[], at: number): JsValue | undefined {
    const a0 = args[0]?.value;
    switch (name) {
      case 'scriptName': {
        const n = this.str(a0);
        if (n !== undefined) {
          y.name = n;
          y.at = args[0]?.start ?? at;
          y.explicitName = true;
        }
        return self;
      }
      case 'command':
      case 'commands': {
        if (a0?.t === 'arr' && args.length === 1) {
          for (const el of this.ev.elements(a0)) if (el.value.t === 'obj') this.yargsModule(y, el.value, el.start);
          return self;
        }
        if (a0?.t === 'obj') {
          this.yargsModule(y, a0, args[0]?.start ?? at);
          return self;
        }
        const names = this.strings(a0);
        const first = names[0];
        const word = first ? commandWord(first.name) : undefined;
        if (!first || !word) return self;
        const child = this.yargsChild(y, { name: word, at: first.at }, names.slice(1));
        const desc = args[1]?.value;
        if (desc?.t === 'bool' && !desc.v) child.hidden = true;
        const builder = args[2]?.value;
        if (builder?.t === 'obj' && (this.ev.props(builder).has('builder') || this.ev.props(builder).has('handler'))) {
          const b = this.ev.prop(builder, 'builder');
          if (b) this.yargsBuilder(child, b);
        } else if (builder) this.yargsBuilder(child, builder);
        return self;
      }
      case 'option':
      case 'options':
        if (a0?.t === 'obj') {
          for (const [key, p] of this.ev.props(a0)) this.yargsOption(y, key, p.at, p.value());
        } else {
          const key = this.str(a0);
          if (key !== undefined) this.yargsOption(y, key, args[0]?.start ?? at, args[1]?.value);
        }
        return self;
      case 'alias':
        if (a0?.t === 'obj') {
          for (const [key, p] of this.ev.props(a0)) y.alias([{ name: key, at: p.at }, ...this.strings(p.value())]);
        } else {
          const key = this.str(a0);
          if (key !== undefined) y.alias([{ name: key, at: args[0]?.start ?? at }, ...this.strings(args[1]?.value)]);
        }
        return self;
      case 'default':
        if (a0?.t === 'obj') {
          for (const [key, p] of this.ev.props(a0)) {
            const def = this.defaultOf(undefined, p.value());
            if (def) y.option(key, p.at).def = def;
          }
        } else {
          const key = this.str(a0);
          const def = this.defaultOf(args[1]);
          if (key !== undefined && def) y.option(key, args[0]?.start ?? at).def = def;
        }
        return self;
      case 'boolean':
      case 'string':
      case 'number':
      case 'array':
      case 'count':
        for (const k of this.strings(a0)) y.option(k.name, k.at).type = name;
        return self;
      case 'demandOption':
      case 'require':
      case 'required':
        if (a0?.t === 'obj') for (const [key, p] of this.ev.props(a0)) y.option(key, p.at).required = true;
        else for (const k of this.strings(a0)) y.option(k.name, k.at).required = true;
        return self;
      case 'hide':
        for (const k of this.strings(a0)) y.option(k.name, k.at).hidden = true;
        return self;
      case 'describe':
        if (a0?.t === 'obj') for (const [key, p] of this.ev.props(a0)) y.option(key, p.at);
        else for (const k of this.strings(a0)) y.option(k.name, k.at);
        return self;
      case 'env':
        if (a0 === undefined || (a0.t === 'bool' && a0.v)) y.env = '';
        else if (a0.t === 'str' && !a0.computed) y.env = a0.v;
        else if (a0.t === 'bool' && !a0.v) y.env = undefined;
        return self;
      case 'parse':
      case 'parseSync':
      case 'parseAsync':
      case 'getHelp':
      case 'terminalWidth':
      case 'getContext':
        return UNKNOWN_HOST;
      default:
        return self;
    }
  }

  private yargsChild(parent: YNode, name: Named, aliases: Named[]): YNode {
    const child = new YNode(name.at, name);
    child.aliases = aliases.map((a) => ({ name: commandWord(a.name) ?? a.name, at: a.at }));
    child.isDefault = name.name === '$0' || child.aliases.some((a) => a.name === '$0');
    child.aliases = child.aliases.filter((a) => a.name !== '$0');
    child.parent = parent;
    parent.children.push(child);
    return child;
  }

  /** `{command, aliases, describe, builder, handler}` command modules. */
  private yargsModule(parent: YNode, obj: Extract<JsValue, { t: 'obj' }>, at: number): void {
    const names = this.strings(this.ev.prop(obj, 'command'));
    const first = names[0];
    const word = first ? commandWord(first.name) : undefined;
    if (!first || !word) return;
    const child = this.yargsChild(parent, { name: word, at: first.at ?? at }, [...names.slice(1), ...this.strings(this.ev.prop(obj, 'aliases'))]);
    const desc = this.ev.prop(obj, 'describe') ?? this.ev.prop(obj, 'description') ?? this.ev.prop(obj, 'desc');
    if (desc?.t === 'bool' && !desc.v) child.hidden = true;
    const builder = this.ev.prop(obj, 'builder');
    if (builder) this.yargsBuilder(child, builder);
  }

  private yargsBuilder(child: YNode, builder: JsValue): void {
    if (builder.t === 'fn') this.ev.callFunction(builder, [{ t: 'host', host: child }]);
    else if (builder.t === 'obj') for (const [key, p] of this.ev.props(builder)) this.yargsOption(child, key, p.at, p.value());
  }

  private yargsOption(y: YNode, key: string, at: number, spec: JsValue | undefined): void {
    const o = y.option(key, at);
    if (spec?.t !== 'obj') return;
    const props = this.ev.props(spec);
    for (const al of this.strings(props.get('alias')?.value() ?? props.get('aliases')?.value())) o.aliases.push(al);
    const defProp = props.get('default');
    if (defProp) {
      const v = defProp.value();
      const def = this.defaultOf(undefined, v) ?? { value: '', computed: true };
      if (def.computed && def.value === undefined) def.value = this.defaultText(defProp.at, spec) ?? '';
      o.def = def;
    }
    const type = this.str(props.get('type')?.value());
    if (type) o.type = type;
    for (const t of ['boolean', 'string', 'number', 'array', 'count']) if (this.isTrue(props.get(t)?.value())) o.type = t;
    if (this.isTrue(props.get('demandOption')?.value()) || this.isTrue(props.get('required')?.value()) || this.isTrue(props.get('demand')?.value())) o.required = true;
    const demand = props.get('demandOption')?.value();
    if (demand?.t === 'str') o.required = true;
    if (this.isTrue(props.get('hidden')?.value())) o.hidden = true;
  }

  /** Source text of the value of the property at key token `keyAt`. */
  private defaultText(keyAt: number, obj: Extract<JsValue, { t: 'obj' }>): string | undefined {
    for (const [s, e] of this.mod.items(obj.open)) if (s === keyAt && this.mod.is(s + 1, ':')) return this.ev.text(s + 2, e);
    return undefined;
  }

  /** A file that is a yargs command module: `export const command = ...`, `exports.command = ...`, `module.exports = {command}`. */
  private commandModuleExports(): void {
    const mod = this.mod;
    const fields = new Map<string, JsValue>();
    let exportedObj: Extract<JsValue, { t: 'obj' }> | undefined;
    const toks = mod.tokens;
    for (let k = 0; k < toks.length; k++) {
      if (mod.scopeOf(k) !== 0) continue;
      // `exports.command = ...` / `module.exports.command = ...`
      let q = -1;
      if (mod.is(k, 'exports') && !mod.is(k - 1, '.') && mod.is(k + 1, '.')) q = k + 2;
      else if (mod.is(k, 'module') && mod.is(k + 1, '.') && mod.is(k + 2, 'exports') && mod.is(k + 3, '.')) q = k + 4;
      if (q > 0 && toks[q]?.kind === 'ident' && mod.is(q + 1, '=')) {
        fields.set(mod.t(q), this.ev.evalRange(q + 2, mod.exprEnd(q + 2), this.ev.top));
        continue;
      }
      if ((mod.is(k, 'module') && mod.is(k + 1, '.') && mod.is(k + 2, 'exports') && mod.is(k + 3, '=')) || (mod.is(k, 'export') && mod.is(k + 1, 'default'))) {
        const s = mod.is(k, 'export') ? k + 2 : k + 4;
        const v = this.ev.evalRange(s, mod.exprEnd(s), this.ev.top);
        if (v.t === 'obj') exportedObj = v;
        continue;
      }
      if (mod.is(k, 'export') && (mod.is(k + 1, 'const') || mod.is(k + 1, 'let') || mod.is(k + 1, 'var') || mod.is(k + 1, 'function') || (mod.is(k + 1, 'async') && mod.is(k + 2, 'function')))) {
        const nameAt = mod.is(k + 1, 'async') ? k + 3 : k + 2;
        const name = mod.t(nameAt);
        if (name === 'command' || name === 'builder' || name === 'aliases' || name === 'describe' || name === 'handler') fields.set(name, this.ev.lookup(name, nameAt, this.ev.top));
      }
    }
    const command = exportedObj ? this.ev.prop(exportedObj, 'command') : fields.get('command');
    const builder = exportedObj ? this.ev.prop(exportedObj, 'builder') : fields.get('builder');
    const handler = exportedObj ? this.ev.prop(exportedObj, 'handler') : fields.get('handler');
    if (!command || (!builder && !handler)) return;
    const names = this.strings(command);
    const first = names[0];
    const word = first ? commandWord(first.name) : undefined;
    if (!first || !word || word === '$0') return;
    const node = new YNode(first.at, { name: word, at: first.at });
    node.partial = true;
    node.aliases = [...names.slice(1), ...this.strings(exportedObj ? this.ev.prop(exportedObj, 'aliases') : fields.get('aliases'))];
    this.yroots.push(node);
    if (builder) this.yargsBuilder(node, builder);
  }

  // ---- parameters of functions the file never calls

  private param(fn: JsFunction, index: number): JsValue | undefined {
    const p = fn.params[index];
    if (!p?.name) return undefined;
    const type = p.type ?? '';
    const ref = this.ev.typeRef(type, fn.paramsOpen);
    if (isModule(ref, COMMANDER, ['Command']) || (this.usesCommander && !type && p.name === 'program' && !this.usesYargs)) {
      const node = new CmdNode(fn.paramsOpen);
      node.external = true;
      this.cmds.push(node);
      return { t: 'host', host: node };
    }
    if (isModule(ref, YARGS, ['Argv']) || (this.usesYargs && !type && /^(?:yargs|y|yarg)$/.test(p.name) && index === 0)) {
      const node = new YNode(fn.paramsOpen);
      node.partial = true;
      this.yroots.push(node);
      return { t: 'host', host: node };
    }
    return undefined;
  }

  // ---- emission

  private add(kind: FactKind, key: string, at: number, value: string | undefined, meta: Record<string, string | number | boolean | undefined>): void {
    const clean: Meta = {};
    for (const [k, v] of Object.entries(meta)) if (v !== undefined && v !== false && v !== '') clean[k] = v;
    const id = `${kind}\0${key}\0${at}\0${String(clean['command'] ?? '')}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const fact = { kind, key, origin: { file: this.file.path, start: this.mod.pos(at) }, meta: clean };
    this.sink.add(value !== undefined ? { ...fact, value } : fact);
  }

  private fallbackName(): string {
    const base = this.file.path.split('/').pop() ?? this.file.path;
    return base.replace(/\.[^.]+$/, '');
  }

  private emit(): void {
    for (const c of this.cmds) {
      if (c.parent) continue;
      if (c.external) {
        for (const o of c.options) this.emitOption(o, undefined, 'commander', { partial: true });
        for (const k of c.children) this.emitCmd(k, [], { partial: true }, new Set());
        continue;
      }
      const program = c.isProgram || c.parsed || c.explicitName || c.versioned || !c.name;
      const fallback = program && !c.name;
      this.emitCmd(c, [], { partial: !program, fallback, root: true }, new Set());
    }
    for (const y of this.yroots) {
      if (y.parent) continue;
      if (!y.name && !y.children.length && !y.options.size) continue;
      if (y.partial && !y.name) {
        this.emitYargsOptions(y, undefined, { partial: true }, undefined);
        for (const k of y.children) this.emitYargs(k, [], { partial: true }, y.env, new Set());
        continue;
      }
      const fallback = !y.name;
      this.emitYargs(y, [], { partial: y.partial, fallback, root: true }, y.env, new Set());
    }
  }

  private emitCmd(c: CmdNode, words: string[], flags: { partial: boolean; fallback?: boolean; root?: boolean }, stack: Set<CmdNode>): void {
    if (stack.has(c) || stack.size > 20) return;
    stack.add(c);
    const name = c.name ?? this.fallbackName();
    const path = [...words, name];
    const key = path.join(' ');
    const meta = { via: 'commander', partial: flags.partial, fallback: flags.fallback, hidden: c.hidden, executable: c.executable };
    this.add('cli-command', key, c.at, undefined, meta);
    for (const a of c.aliases) this.add('cli-command', [...words, a.name].join(' '), a.at, undefined, { ...meta, alias: key });
    for (const o of c.options) this.emitOption(o, key, 'commander', flags);
    for (const k of c.children) this.emitCmd(k, path, { partial: flags.partial, fallback: flags.fallback }, stack);
    stack.delete(c);
  }

  private emitOption(o: CmdOption, command: string | undefined, via: string, flags: { partial: boolean; fallback?: boolean }): void {
    const key = o.key as string;
    const def = o.def;
    const meta = {
      command,
      via,
      short: o.long && o.short ? o.short : undefined,
      env: o.env?.name ?? def?.env,
      required: o.required,
      hidden: o.hidden,
      partial: flags.partial,
      computed: def?.computed,
      fallback: flags.fallback,
    };
    this.add('cli-flag', key, o.at, def?.value, meta);
    if (o.long && o.short) this.add('cli-flag', o.short, o.at, def?.value, { ...meta, short: undefined, alias: key });
    if (o.env) this.add('env-var', o.env.name, o.env.at, def?.computed ? undefined : def?.value, { flag: key, via, command, computed: def?.computed });
    this.portFromDefault(key, def, command);
  }

  private portFromDefault(flag: string, def: Default | undefined, command: string | undefined): void {
    if (!def?.value || def.computed || def.at === undefined || !/^--?(?:[\w-]*[-_])?port$/i.test(flag)) return;
    const n = Number(def.value);
    if (Number.isInteger(n) && n > 0 && n < 65536) this.add('port', String(n), def.at, undefined, { via: 'flag-default', flag, command });
  }

  private emitYargs(y: YNode, words: string[], flags: { partial: boolean; fallback?: boolean; root?: boolean }, env: string | undefined, stack: Set<YNode>): void {
    if (stack.has(y) || stack.size > 20) return;
    stack.add(y);
    const name = y.name ?? this.fallbackName();
    const path = [...words, name];
    const key = path.join(' ');
    const scopeEnv = y.env ?? env;
    const meta = { via: 'yargs', partial: flags.partial, fallback: flags.fallback, hidden: y.hidden };
    this.add('cli-command', key, y.at, undefined, meta);
    for (const a of y.aliases) this.add('cli-command', [...words, a.name].join(' '), a.at, undefined, { ...meta, alias: key });
    this.emitYargsOptions(y, key, flags, scopeEnv);
    for (const k of y.children) {
      if (k.isDefault && k.name === '$0') {
        // The default command: its options are the parent's.
        this.emitYargsOptions(k, key, flags, k.env ?? scopeEnv);
        for (const kk of k.children) this.emitYargs(kk, path, { partial: flags.partial, fallback: flags.fallback }, kk.env ?? scopeEnv, stack);
        continue;
      }
      if (k.isDefault) this.emitYargsOptions(k, key, flags, k.env ?? scopeEnv);
      this.emitYargs(k, path, { partial: flags.partial, fallback: flags.fallback }, scopeEnv, stack);
    }
    stack.delete(y);
  }

  private emitYargsOptions(y: YNode, command: string | undefined, flags: { partial: boolean; fallback?: boolean }, env: string | undefined): void {
    for (const o of y.options.values()) {
      if (o.key === 'help' || o.key === 'version') continue;
      const key = flagKey(o.key);
      const shortAlias = o.aliases.find((a) => a.name.length === 1);
      const envVar = env !== undefined ? (env ? `${env}_` : '') + envName(o.key) : undefined;
      const def = o.def;
      const meta = {
        command,
        via: 'yargs',
        short: key.startsWith('--') && shortAlias ? `-${shortAlias.name}` : undefined,
        env: envVar ?? def?.env,
        required: o.required,
        hidden: o.hidden,
        partial: flags.partial,
        computed: def?.computed,
        fallback: flags.fallback,
      };
      this.add('cli-flag', key, o.at, def?.value, meta);
      const extra: Named[] = [...o.aliases];
      if (/[a-z][A-Z]/.test(o.key)) extra.push({ name: kebab(o.key), at: o.at });
      else if (/[a-z]-[a-z]/.test(o.key)) extra.push({ name: camel(o.key), at: o.at });
      for (const a of extra) {
        const ak = flagKey(a.name);
        if (ak !== key) this.add('cli-flag', ak, a.at, def?.value, { ...meta, short: undefined, alias: key });
      }
      // Boolean options also take `--no-x` (it sets false: no default of its own).
      if (o.type === 'boolean' && o.key.length > 1) this.add('cli-flag', `--no-${kebab(o.key)}`, o.at, undefined, { ...meta, short: undefined, computed: undefined, alias: key });
      if (envVar) this.add('env-var', envVar, o.at, def?.computed ? undefined : def?.value, { flag: key, via: 'yargs', command, prefix: env || undefined, computed: def?.computed });
      this.portFromDefault(key, def, command);
    }
  }
}

/** Returned by methods whose result is not a builder (`.parse()`, `.opts()`): not unknown to the evaluator's default handling. */
const UNKNOWN_HOST: JsValue = { t: 'host', host: {} };

/**
 * Whether `path` is program source for the `js-cli` and `js-routes` providers: a JS/TS source as the
 * `js` provider picks them ({@link isJsSource}), but not a test, spec, mock or fixture
 * (`*.test.*`, `*.spec.*`, or under `test/`, `tests/`, `__tests__/`, `__mocks__/`, `fixtures/`,
 * `__fixtures__/`, `e2e/`), whose apps and commands are not the system's.
 */
export function isJsProgramSource(path: string): boolean {
  if (!isJsSource(path)) return false;
  if (/\.(?:test|spec)\.[cm]?[jt]sx?$/.test(path)) return false;
  return !/(?:^|\/)(?:tests?|__tests__|__mocks__|fixtures|__fixtures__|e2e)\//.test(path);
}

export const jsCliProvider: FactProvider = {
  id: 'js-cli',
  matches: isJsProgramSource,
  provide(file: SystemFile, sink: FactSink) {
    if (!mentionsModule(file.text, [...COMMANDER, ...YARGS]) && !(/\bexports?\b/.test(file.text) && /\bcommand\b/.test(file.text))) return;
    if (file.text.length > 2000 && file.text.length / file.text.split('\n').length > 300) return; // minified
    new CliReader(file, sink).read();
  },
  link: linkJsBins,
};

// ------------------------------------------------------------------------------------------------
// Linking CLI trees to package.json `bin` entries

const JS_EXT = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const OUT_DIRS = new Set(['dist', 'build', 'lib', 'out', 'bin', 'esm', 'cjs']);

/** Joins and normalises a relative path (`a/b/../c` → `a/c`, `./x` → `x`). */
function joinPath(dir: string, rel: string): string {
  const out: string[] = [];
  for (const part of `${dir}/${rel}`.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Source stems (paths without extension) a built `bin` path may come from, best first. */
export function binSourceStems(manifestDir: string, binPath: string): string[] {
  const full = joinPath(manifestDir, binPath).replace(JS_EXT, '');
  const rel = joinPath('', binPath).replace(JS_EXT, '');
  const stems = [full];
  const parts = rel.split('/');
  if (parts.length > 1 && OUT_DIRS.has(parts[0] as string)) {
    const rest = parts.slice(1).join('/');
    stems.push(joinPath(manifestDir, `src/${rest}`), joinPath(manifestDir, rest));
    if (parts[1] === 'src' && parts.length > 2) stems.push(joinPath(manifestDir, `src/${parts.slice(2).join('/')}`));
  }
  return [...new Set(stems)];
}

/**
 * Ties CLI trees to the executables that run them, across files: for each `bin` fact of an npm
 * manifest, the roots of this provider in the file its path maps to ({@link binSourceStems}; else the
 * only root in the package) give a copy of every command and flag of their tree re-rooted under the
 * executable's name (`cli serve` → `acme serve`, `meta.bin` set, `meta.fallback` dropped). Runs once
 * every file is read; it returns the facts to add and changes nothing.
 */
export function linkJsBins(facts: { all(kind: FactKind): Fact[] }): Fact[] {
  const out: Fact[] = [];
  const seen = new Set<string>();
  const commands = facts.all('cli-command').filter((f) => f.provider === 'js-cli');
  const flags = facts.all('cli-flag').filter((f) => f.provider === 'js-cli');
  const roots = commands.filter((f) => !f.key.includes(' ') && !f.meta?.['partial'] && f.meta?.['alias'] === undefined);
  const bins = facts.all('bin').filter((b) => /(?:^|\/)package\.json$/.test(b.origin.file) && typeof b.value === 'string');
  const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  const manifestDirs = [...new Set(bins.map((b) => dirOf(b.origin.file)))];
  const inPackage = (file: string, dir: string) =>
    (dir === '' || file.startsWith(`${dir}/`)) && !manifestDirs.some((d) => d !== dir && d.length > dir.length && (dir === '' || d.startsWith(`${dir}/`)) && file.startsWith(`${d}/`));
  for (const bin of bins) {
    const dir = dirOf(bin.origin.file);
    const stems = binSourceStems(dir, bin.value as string);
    let chosen: Fact[] = [];
    for (const stem of stems) {
      chosen = roots.filter((r) => r.origin.file.replace(JS_EXT, '') === stem);
      if (chosen.length) break;
    }
    if (!chosen.length) {
      const files = new Set(roots.filter((r) => inPackage(r.origin.file, dir)).map((r) => r.origin.file));
      if (files.size === 1) chosen = roots.filter((r) => inPackage(r.origin.file, dir));
    }
    for (const root of chosen) {
      if (root.key === bin.key) continue;
      const rename = (k: string): string | undefined => (k === root.key ? bin.key : k.startsWith(`${root.key} `) ? bin.key + k.slice(root.key.length) : undefined);
      const push = (f: Fact) => {
        const id = `${f.kind}\0${f.key}\0${f.origin.file}\0${f.origin.start.line}\0${f.origin.start.column ?? ''}\0${String(f.meta?.['command'] ?? '')}`;
        if (seen.has(id)) return;
        seen.add(id);
        out.push(f);
      };
      for (const c of commands) {
        if (c.origin.file !== root.origin.file || c.meta?.['partial']) continue;
        const key = rename(c.key);
        if (!key) continue;
        const meta: Meta = { ...c.meta, bin: bin.key };
        delete meta['fallback'];
        if (typeof meta['alias'] === 'string') meta['alias'] = rename(meta['alias']) ?? meta['alias'];
        push({ ...c, key, meta });
      }
      for (const f of flags) {
        if (f.origin.file !== root.origin.file || f.meta?.['partial']) continue;
        const command = rename(String(f.meta?.['command'] ?? ''));
        if (!command) continue;
        const meta: Meta = { ...f.meta, command, bin: bin.key };
        delete meta['fallback'];
        push({ ...f, meta });
      }
    }
  }
  return out;
}
