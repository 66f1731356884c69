/**
 * Python sources (`*.py`; not tests — `tests/`, `test/`, `test_*.py`, `*_test.py`, `conftest.py` — nor
 * virtual environments and installed packages — `venv/`, `.venv/`, `site-packages/`, `lib/pythonX/`,
 * `.tox/`, `.nox/`, `__pypackages__/`, `node_modules/`) → facts read by a lexical scan, one file at a
 * time. Nothing is imported, type-checked or run.
 *
 * How it reads: a tokenizer drops comments and decodes string literals (single, double and
 * triple-quoted; raw, bytes, f-strings with nested replacement fields and 3.12 nested quotes) and
 * joins bracketed and backslash-continued lines; statements are nested by indentation, with their
 * decorators; a small expression parser builds calls, attributes, subscripts and literals. The module
 * is then walked in order, tracking what names are bound to (parsers, click groups, Typer apps, Flask
 * apps and blueprints, FastAPI routers, env readers, string constants). Calls to functions of the same
 * file are followed with their arguments bound (so `add_common_flags(parser)` and `parser =
 * build_parser()` work); functions nothing in the file calls are read on their own at the end.
 *
 * - `env-var` (key = variable, value = the default where the code states one, `meta.via`):
 *   `os.environ["X"]` (reads only, not assignments), `os.environ.get("X", "d")`, `os.getenv("X", "d")`,
 *   `os.environ.setdefault("X", "d")`, `os.environ.pop("X", "d")`, `"X" in os.environ`, with `from os
 *   import getenv, environ` forms and `os.getenv("X") or "d"` defaults; pydantic `BaseSettings`
 *   classes (v1 `class Config: env_prefix = ...`, v2 `model_config = SettingsConfigDict(env_prefix=...)`
 *   or class keywords): each annotated field gives `PREFIX + NAME` upper-cased (kept as written with
 *   `case_sensitive`), overridden by `Field(alias=...)`/`validation_alias` (v2, `AliasChoices` gives
 *   one fact per choice) and `Field(env=...)` (v1) — when the version cannot be told, all three count;
 *   value = the default, `meta: {via: 'pydantic', class, field, required?}`; django-environ and
 *   environs (`env = environ.Env(DEBUG=(bool, False))` schema defaults, `env("X", default=...)`,
 *   `env.str("X", "d")`, `env.bool(...)`, ...), python-decouple `config("X", default=...)` and
 *   starlette `Config(...)("X", default=...)`; click/Typer `envvar=` and click `auto_envvar_prefix`
 *   (`PREFIX_SUB_COMMAND_PARAM`, `meta.auto`). Keys may come from string constants of the file
 *   (`os.getenv(DB_URL_ENV)`, `PREFIX + "X"`, `f"{PREFIX}_X"`). A default that is not a literal leaves
 *   the value out and sets `meta.computed`.
 * - `cli-command` (key = command path, `payments-cli db migrate`) and `cli-flag` (key = `--name`; other
 *   spellings such as `-n` or `--no-name` are extra facts with `meta.alias` = the canonical key; value =
 *   default; `meta: {command, via, short?, env?, required?, hidden?, computed?, partial?}`) for
 *   argparse (`ArgumentParser(prog=...)`, `add_subparsers()` + `add_parser("x", aliases=[...])`,
 *   argument groups, `parents=[...]`, `store_false`/`BooleanOptionalAction`, a default read from the
 *   environment gives its default and `meta.env`), click (`@click.group()`/`@click.command(name=...)`,
 *   `@group.command()`/`@group.group()`, `group.add_command(cmd, name=...)`, `@click.option(...)` and
 *   the `password_option`/`confirmation_option`/`version_option`/`help_option` shorthands, command
 *   names from functions as click does: `_` → `-`, suffixes `_command`/`_cmd`/`_group`/`_grp` dropped;
 *   Flask's `@app.cli.command()` is under `flask`) and Typer (`typer.Typer()`, `@app.command()` named
 *   after the function, `app.add_typer(sub, name=...)`, `@app.callback()` options, `typer.run(f)`, a
 *   single-command app without callback runs that command as the root, parameters as options
 *   (`typer.Option(...)` old style and inside `Annotated[...]`, plain defaults as `--param-name`,
 *   booleans with `--no-x`)). The root command is named by `prog=`/`prog_name=` when the code gives it
 *   as one word (`prog="python -m billing"` names no executable), else after the file (`cli.py`; the
 *   package for `__main__.py`) with `meta.fallback` on every command of that tree; roots carry
 *   `meta.module` (the dotted path of the file) and `meta.entry` (the Python names that hold the
 *   root), which {@link linkPythonEntryPoints} uses to re-root the tree under the executable a
 *   `[project.scripts]`/`console_scripts` entry point names. Commands added to a group from another
 *   file (`@cli.command()` with `cli` imported) start at the command itself with `meta.partial`.
 * - `route` (key = `METHOD /path` with parameters as `{}`, value = the full path as written, `meta:
 *   {method, framework, partial?}`): Flask (`@app.route(path, methods=[...])`, one fact per method,
 *   GET by default; `@bp.get(...)` etc.; `add_url_rule`, with a MethodView's methods when the class is
 *   in the file; `Blueprint(url_prefix=...)` and `register_blueprint(bp, url_prefix=...)`, nested
 *   blueprints), FastAPI (`@app.get(...)`, `api_route`, `add_api_route`, `APIRouter(prefix=...)`,
 *   `include_router(router, prefix=...)`) and Django (`path()`/`re_path()`/`url()` with method `ANY`,
 *   inline `include([...])` lists prefixed; simple regexes turned into paths). A router that is not
 *   mounted in the file, or a decorator on a router imported from elsewhere, gives `meta.partial` (its
 *   path may lack a mount prefix).
 * - `port` (key = number, `meta: {via, env?, flag?, command?}`): `app.run(port=...)` (and Flask's
 *   positional port), `uvicorn.run`/`uvicorn.Config`, `waitress.serve`, `aiohttp.web.run_app`,
 *   werkzeug `run_simple`, gunicorn config files' `bind = "host:port"`, and numeric defaults of
 *   `--port`-like flags; a port read from the environment gives its default with `meta.env`.
 *
 * Limits: imports are never followed across files (a parser, group, router or settings base class
 * defined in another module is unknown; such commands and routes are partial and miss their
 * parents' prefixes); names computed at run time (`os.getenv(name)`, f-strings over non-constants,
 * `getattr`) are missed; there is no type inference (objects are recognised by the constructor or
 * decorator that made them, and by the imports of the file), no control flow (both branches of an
 * `if` count) and no data flow through containers, attributes of other objects or return values of
 * functions outside the file; DRF routers, class-based Django includes, Flask-RESTful resources and
 * Starlette `Route` lists are not read; pydantic nested settings (`env_nested_delimiter`) and v1
 * `Config.fields` are not applied.
 */
import { normalizeRoutePath } from '../../extract/http.js';
import type { Fact, FactKind, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

// ------------------------------------------------------------------------------------------------
// Lexer

/** One Python token. `value` is the decoded content of a string literal. */
export interface PyToken {
  kind: 'name' | 'number' | 'string' | 'op' | 'newline';
  /** Source text (strings with prefix and quotes). */
  text: string;
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** Strings: the decoded content (f-string replacement fields kept as written). */
  value?: string;
  /** Strings: offset of the content (after prefix and opening quotes). */
  inner?: number;
  /** Strings: an f-string with replacement fields. */
  fields?: boolean;
  /** Strings: source spans of the f-string replacement fields (inside the braces). */
  spans?: Array<[number, number]>;
}

const IDENT_START = /[\p{L}\p{Nl}_]/u;
const IDENT_RE = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const STRING_PREFIX = /^(?:[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
const NUMBER_RE = /(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)[jJlL]?/y;
const OPS3 = ['**=', '//=', '>>=', '<<=', '...'];
const OPS2 = ['->', ':=', '**', '//', '==', '!=', '<=', '>=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '<>'];
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

function decodeEscape(src: string, i: number): { text: string; end: number } {
  const e = src[i + 1];
  if (e === undefined) return { text: '\\', end: i + 1 };
  if (e === '\n') return { text: '', end: i + 2 };
  if (e === '\r') return { text: '', end: src[i + 2] === '\n' ? i + 3 : i + 2 };
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { text: simple, end: i + 2 };
  const hex = (len: number) => {
    const h = src.slice(i + 2, i + 2 + len);
    if (h.length !== len || !/^[0-9a-fA-F]+$/.test(h)) return undefined;
    const cp = parseInt(h, 16);
    return cp <= 0x10ffff ? { text: String.fromCodePoint(cp), end: i + 2 + len } : undefined;
  };
  if (e === 'x') return hex(2) ?? { text: '\\x', end: i + 2 };
  if (e === 'u') return hex(4) ?? { text: '\\u', end: i + 2 };
  if (e === 'U') return hex(8) ?? { text: '\\U', end: i + 2 };
  const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4));
  if (oct) return { text: String.fromCharCode(parseInt(oct[0], 8)), end: i + 1 + oct[0].length };
  return { text: `\\${e}`, end: i + 2 };
}

/** Scans one f-string replacement field from its `{`; returns the offset after its `}`. */
function scanField(src: string, start: number, triple: boolean): number {
  const n = src.length;
  let i = start + 1;
  let depth = 0;
  while (i < n) {
    const c = src[i] as string;
    if (c === '\n' && !triple) return i;
    if (c === '"' || c === "'") {
      i = scanString(src, i, 0).end;
      continue;
    }
    if (IDENT_START.test(c)) {
      IDENT_RE.lastIndex = i;
      const word = IDENT_RE.exec(src)?.[0] ?? c;
      const q = src[i + word.length];
      if ((q === '"' || q === "'") && STRING_PREFIX.test(word)) i = scanString(src, i, word.length).end;
      else i += word.length;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '}') {
      if (depth <= 0) return i + 1;
      depth--;
    } else if (c === ':' && depth <= 0) {
      // Format spec: literal text with nested fields, up to the closing `}`.
      i++;
      while (i < n) {
        const d = src[i] as string;
        if (d === '\n' && !triple) return i;
        if (d === '{') {
          i = scanField(src, i, triple);
          continue;
        }
        if (d === '}') return i + 1;
        i++;
      }
      return i;
    }
    i++;
  }
  return i;
}

/** Scans a string literal whose prefix starts at `start` (`prefixLen` letters before the quote). */
function scanString(src: string, start: number, prefixLen: number): { end: number; value: string; inner: number; fields: boolean; spans: Array<[number, number]> } {
  const prefix = src.slice(start, start + prefixLen).toLowerCase();
  const raw = prefix.includes('r');
  const isF = prefix.includes('f') || prefix.includes('t');
  const n = src.length;
  let i = start + prefixLen;
  const q = src[i] as string;
  const triple = src.startsWith(q + q + q, i);
  const quote = triple ? q + q + q : q;
  i += quote.length;
  const inner = i;
  let value = '';
  let fields = false;
  const spans: Array<[number, number]> = [];
  while (i < n) {
    if (src.startsWith(quote, i)) return { end: i + quote.length, value, inner, fields, spans };
    const ch = src[i] as string;
    if (ch === '\n' && !triple) break;
    if (ch === '\\') {
      if (raw) {
        value += src.slice(i, i + 2);
        i += 2;
        continue;
      }
      const e = decodeEscape(src, i);
      value += e.text;
      i = e.end;
      continue;
    }
    if (isF && ch === '{') {
      if (src[i + 1] === '{') {
        value += '{';
        i += 2;
        continue;
      }
      const end = scanField(src, i, triple);
      value += src.slice(i, end);
      spans.push([i + 1, src[end - 1] === '}' ? end - 1 : end]);
      fields = true;
      i = end;
      continue;
    }
    if (isF && ch === '}' && src[i + 1] === '}') {
      value += '}';
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  return { end: i, value, inner, fields, spans };
}

function stringToken(src: string, start: number, s: ReturnType<typeof scanString>): PyToken {
  const tok: PyToken = { kind: 'string', text: src.slice(start, s.end), start, end: s.end, value: s.value, inner: s.inner, fields: s.fields };
  if (s.spans.length) tok.spans = s.spans;
  return tok;
}

/**
 * Tokenizes Python source. Comments are dropped; lines continued inside brackets or by a backslash
 * are joined (a `newline` token ends each logical line).
 */
export function tokenizePython(src: string): PyToken[] {
  const toks: PyToken[] = [];
  const n = src.length;
  let i = 0;
  let depth = 0;
  let pending = false;
  const newline = (at: number) => {
    if (pending && depth === 0) {
      toks.push({ kind: 'newline', text: '', start: at, end: at });
      pending = false;
    }
  };
  while (i < n) {
    const c = src[i] as string;
    if (c === '\n') {
      newline(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#') {
      const e = src.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    pending = true;
    if (IDENT_START.test(c)) {
      IDENT_RE.lastIndex = i;
      const word = IDENT_RE.exec(src)?.[0] ?? c;
      const q = src[i + word.length];
      if ((q === '"' || q === "'") && STRING_PREFIX.test(word)) {
        const s = scanString(src, i, word.length);
        toks.push(stringToken(src, i, s));
        i = s.end;
        continue;
      }
      toks.push({ kind: 'name', text: word, start: i, end: i + word.length });
      i += word.length;
      continue;
    }
    if (c === '"' || c === "'") {
      const s = scanString(src, i, 0);
      toks.push(stringToken(src, i, s));
      i = s.end;
      continue;
    }
    if (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? ''))) {
      NUMBER_RE.lastIndex = i;
      const num = NUMBER_RE.exec(src)?.[0] ?? c;
      toks.push({ kind: 'number', text: num, start: i, end: i + num.length });
      i += num.length;
      continue;
    }
    const op = OPS3.find((o) => src.startsWith(o, i)) ?? OPS2.find((o) => src.startsWith(o, i)) ?? c;
    if (op === '(' || op === '[' || op === '{') depth++;
    else if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    toks.push({ kind: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  newline(n);
  return toks;
}

// ------------------------------------------------------------------------------------------------
// Statements

/** One statement: a simple statement, or the header of a compound one with its body. */
export interface PyStmt {
  /** The statement's tokens; for a compound statement, its header without the `:`. */
  tokens: PyToken[];
  /** Column of the first token (0-based), for nesting. */
  indent: number;
  /** Whether this is a compound statement (`def`, `class`, `if`, ...). */
  compound: boolean;
  /** Nested statements of a compound statement. */
  body: PyStmt[];
  /** Decorator expressions (tokens after `@`) of a `def` or `class`. */
  decorators: PyToken[][];
}

const COMPOUND = new Set(['def', 'class', 'if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'async']);

/** Index of the `:` ending a compound statement's header (lambda colons skipped), or -1. */
function headerColon(t: PyToken[]): number {
  let depth = 0;
  let lambdas = 0;
  for (let k = 0; k < t.length; k++) {
    const x = t[k] as PyToken;
    if (x.kind === 'op') {
      if (x.text === '(' || x.text === '[' || x.text === '{') depth++;
      else if (x.text === ')' || x.text === ']' || x.text === '}') depth--;
      else if (x.text === ':' && depth === 0) {
        if (lambdas) lambdas--;
        else return k;
      }
    } else if (x.kind === 'name' && x.text === 'lambda' && depth === 0) lambdas++;
  }
  return -1;
}

/** Splits tokens on `;` outside brackets. */
function splitSemicolons(t: PyToken[]): PyToken[][] {
  const out: PyToken[][] = [];
  let cur: PyToken[] = [];
  let depth = 0;
  for (const x of t) {
    if (x.kind === 'op') {
      if (x.text === '(' || x.text === '[' || x.text === '{') depth++;
      else if (x.text === ')' || x.text === ']' || x.text === '}') depth--;
      else if (x.text === ';' && depth <= 0) {
        if (cur.length) out.push(cur);
        cur = [];
        continue;
      }
    }
    cur.push(x);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Parses Python source into statements nested by indentation. */
export function parsePythonStatements(src: string, tokens: PyToken[] = tokenizePython(src)): PyStmt[] {
  const roots: PyStmt[] = [];
  const stack: PyStmt[] = [];
  let decorators: PyToken[][] = [];
  const lineStart = (off: number) => src.lastIndexOf('\n', off - 1) + 1;
  const place = (s: PyStmt) => {
    while (stack.length && (stack[stack.length - 1] as PyStmt).indent >= s.indent) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.body : roots).push(s);
  };
  const simple = (tokens: PyToken[], indent: number): PyStmt => ({ tokens, indent, compound: false, body: [], decorators: [] });
  const flush = (line: PyToken[]) => {
    const first = line[0];
    if (!first) return;
    const indent = first.start - lineStart(first.start);
    if (first.kind === 'op' && first.text === '@') {
      decorators.push(line.slice(1));
      return;
    }
    const kw = first.kind === 'name' ? first.text : '';
    const last = line[line.length - 1] as PyToken;
    const soft = (kw === 'match' || kw === 'case') && line.length > 2 && last.kind === 'op' && last.text === ':' && !(line[1]?.kind === 'op' && /^(?:=|\.|,)$/.test(line[1].text));
    const colon = COMPOUND.has(kw) || soft ? headerColon(line) : -1;
    if (colon < 0) {
      decorators = [];
      for (const part of splitSemicolons(line)) place(simple(part, indent));
      return;
    }
    const isDef = kw === 'def' || kw === 'class' || (kw === 'async' && line[1]?.text === 'def');
    const stmt: PyStmt = { tokens: line.slice(0, colon), indent, compound: true, body: [], decorators: isDef ? decorators : [] };
    decorators = [];
    place(stmt);
    const rest = line.slice(colon + 1);
    if (rest.length) for (const part of splitSemicolons(rest)) stmt.body.push(simple(part, indent + 1));
    else stack.push(stmt);
  };
  let line: PyToken[] = [];
  for (const t of tokens) {
    if (t.kind === 'newline') {
      flush(line);
      line = [];
    } else line.push(t);
  }
  flush(line);
  return roots;
}

// ------------------------------------------------------------------------------------------------
// Expressions

/** A keyword argument of a call. */
export interface PyKwarg {
  name: string;
  nameStart: number;
  value: PyNode;
}

/** A parsed expression. `start`/`end` are source offsets. */
export type PyNode =
  | { t: 'name'; id: string; start: number; end: number }
  | { t: 'attr'; obj: PyNode; name: string; nameStart: number; start: number; end: number }
  | { t: 'call'; func: PyNode; args: PyNode[]; kwargs: PyKwarg[]; start: number; end: number }
  | { t: 'sub'; obj: PyNode; index: PyNode[]; start: number; end: number }
  | { t: 'str'; value: string; fields: boolean; inner: number; start: number; end: number; spans?: Array<[number, number]> }
  | { t: 'num'; text: string; start: number; end: number }
  | { t: 'const'; text: string; start: number; end: number }
  | { t: 'seq'; kind: 'list' | 'tuple' | 'set'; items: PyNode[]; start: number; end: number }
  | { t: 'dict'; items: Array<{ key?: PyNode; value: PyNode }>; start: number; end: number }
  | { t: 'unary'; op: string; operand: PyNode; start: number; end: number }
  | { t: 'star'; op: string; value: PyNode; start: number; end: number }
  | { t: 'op'; parts: PyNode[]; ops: string[]; start: number; end: number }
  | { t: 'other'; parts: PyNode[]; start: number; end: number };

export type PyCall = Extract<PyNode, { t: 'call' }>;

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);
const BINARY_OPS = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '&', '|', '^', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', ':=', '<>']);
const BINARY_WORDS = new Set(['and', 'or', 'in', 'is', 'if', 'else', 'for', 'async', 'as', 'from', 'not']);

/** A permissive Python expression parser over a token slice: it always makes progress and never throws. */
export class PyExprParser {
  i: number;

  constructor(
    readonly toks: PyToken[],
    start = 0,
    readonly end = toks.length,
  ) {
    this.i = start;
  }

  peek(k = 0): PyToken | undefined {
    const j = this.i + k;
    return j < this.end ? this.toks[j] : undefined;
  }

  isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return !!t && t.kind === 'op' && t.text === text;
  }

  isWord(text: string, k = 0): boolean {
    const t = this.peek(k);
    return !!t && t.kind === 'name' && t.text === text;
  }

  private empty(): PyNode {
    const at = this.peek()?.start ?? this.toks[Math.min(this.end, this.toks.length) - 1]?.end ?? 0;
    return { t: 'other', parts: [], start: at, end: at };
  }

  private lastEnd(): number {
    return this.toks[this.i - 1]?.end ?? 0;
  }

  /** An expression with binary operators, conditionals and comprehension clauses (kept as `op`). */
  parseExpr(): PyNode {
    const first = this.parseUnary();
    const parts = [first];
    const ops: string[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      let op: string | undefined;
      if (t.kind === 'op' && BINARY_OPS.has(t.text)) op = t.text;
      else if (t.kind === 'name' && BINARY_WORDS.has(t.text)) {
        if (t.text === 'not') {
          if (!this.isWord('in', 1)) break;
          op = 'not in';
          this.i++;
        } else if (t.text === 'is' && this.isWord('not', 1)) {
          op = 'is not';
          this.i++;
        } else op = t.text;
      }
      if (!op) break;
      this.i++;
      ops.push(op);
      parts.push(this.parseUnary());
    }
    if (parts.length === 1) return first;
    return { t: 'op', parts, ops, start: first.start, end: (parts[parts.length - 1] as PyNode).end };
  }

  /** Expressions separated by commas: a tuple when there is a comma. */
  parseTuple(): PyNode {
    const first = this.parseExpr();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.i++;
      const t = this.peek();
      if (!t || (t.kind === 'op' && (t.text === '=' || t.text === ':' || t.text.endsWith('=')) && t.text !== '==')) break;
      items.push(this.parseExpr());
    }
    return { t: 'seq', kind: 'tuple', items, start: first.start, end: this.lastEnd() };
  }

  parseUnary(): PyNode {
    const t = this.peek();
    if (!t) return this.empty();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.i++;
      const o = this.parseUnary();
      return { t: 'unary', op: t.text, operand: o, start: t.start, end: o.end };
    }
    if (t.kind === 'op' && (t.text === '*' || t.text === '**')) {
      this.i++;
      const v = this.parseUnary();
      return { t: 'star', op: t.text, value: v, start: t.start, end: v.end };
    }
    if (t.kind === 'name' && (t.text === 'not' || t.text === 'await')) {
      this.i++;
      const o = this.parseUnary();
      return { t: 'unary', op: t.text, operand: o, start: t.start, end: o.end };
    }
    if (t.kind === 'name' && t.text === 'yield') {
      this.i++;
      if (this.isWord('from')) this.i++;
      const v = this.parseExpr();
      return { t: 'unary', op: 'yield', operand: v, start: t.start, end: v.end };
    }
    if (t.kind === 'name' && t.text === 'lambda') {
      this.i++;
      let depth = 0;
      while (this.peek()) {
        const x = this.peek() as PyToken;
        if (x.kind === 'op') {
          if (x.text === '(' || x.text === '[' || x.text === '{') depth++;
          else if (x.text === ')' || x.text === ']' || x.text === '}') {
            if (depth === 0) break;
            depth--;
          } else if (x.text === ':' && depth === 0) {
            this.i++;
            break;
          }
        }
        this.i++;
      }
      const body = this.parseExpr();
      return { t: 'other', parts: [body], start: t.start, end: body.end };
    }
    return this.parsePostfix(this.parseAtom());
  }

  private parseAtom(): PyNode {
    const t = this.peek();
    if (!t) return this.empty();
    if (t.kind === 'name') {
      if (t.text === 'True' || t.text === 'False' || t.text === 'None') {
        this.i++;
        return { t: 'const', text: t.text, start: t.start, end: t.end };
      }
      if (KEYWORDS.has(t.text)) return this.empty();
      this.i++;
      return { t: 'name', id: t.text, start: t.start, end: t.end };
    }
    if (t.kind === 'number') {
      this.i++;
      return { t: 'num', text: t.text, start: t.start, end: t.end };
    }
    if (t.kind === 'string') {
      let value = '';
      let fields = false;
      let end = t.end;
      const spans: Array<[number, number]> = [];
      while (this.peek()?.kind === 'string') {
        const s = this.peek() as PyToken;
        value += s.value ?? '';
        fields ||= !!s.fields;
        if (s.spans) spans.push(...s.spans);
        end = s.end;
        this.i++;
      }
      const node: PyNode = { t: 'str', value, fields, inner: t.inner ?? t.start, start: t.start, end };
      if (spans.length) node.spans = spans;
      return node;
    }
    if (t.kind === 'op') {
      if (t.text === '...') {
        this.i++;
        return { t: 'const', text: '...', start: t.start, end: t.end };
      }
      if (t.text === '(') return this.parseDisplay('(', ')');
      if (t.text === '[') return this.parseDisplay('[', ']');
      if (t.text === '{') return this.parseBrace();
    }
    return this.empty();
  }

  private parseDisplay(open: string, close: string): PyNode {
    const openTok = this.peek() as PyToken;
    this.i++;
    const items: PyNode[] = [];
    let comma = false;
    while (this.peek() && !this.isOp(close)) {
      items.push(this.parseExpr());
      if (this.isOp(',')) {
        comma = true;
        this.i++;
      } else if (!this.isOp(close) && this.peek()) this.i++;
    }
    const closeTok = this.peek();
    if (closeTok) this.i++;
    const end = closeTok ? closeTok.end : this.lastEnd();
    if (open === '(' && items.length === 1 && !comma) return items[0] as PyNode;
    return { t: 'seq', kind: open === '(' ? 'tuple' : 'list', items, start: openTok.start, end };
  }

  private parseBrace(): PyNode {
    const openTok = this.peek() as PyToken;
    this.i++;
    const dictItems: Array<{ key?: PyNode; value: PyNode }> = [];
    const setItems: PyNode[] = [];
    let isDict: boolean | undefined;
    while (this.peek() && !this.isOp('}')) {
      if (this.isOp('**')) {
        this.i++;
        dictItems.push({ value: this.parseExpr() });
        isDict ??= true;
      } else {
        const k = this.parseExpr();
        if (this.isOp(':')) {
          this.i++;
          dictItems.push({ key: k, value: this.parseExpr() });
          isDict ??= true;
        } else {
          setItems.push(k);
          isDict ??= false;
        }
      }
      if (this.isOp(',')) this.i++;
      else if (!this.isOp('}') && this.peek()) this.i++;
    }
    const closeTok = this.peek();
    if (closeTok) this.i++;
    const end = closeTok ? closeTok.end : this.lastEnd();
    if (isDict === false) return { t: 'seq', kind: 'set', items: setItems, start: openTok.start, end };
    return { t: 'dict', items: dictItems, start: openTok.start, end };
  }

  private parsePostfix(node: PyNode): PyNode {
    if (node.t === 'other' && !node.parts.length && node.start === node.end) return node;
    for (;;) {
      if (this.isOp('.')) {
        const nm = this.peek(1);
        if (nm && nm.kind === 'name') {
          this.i += 2;
          node = { t: 'attr', obj: node, name: nm.text, nameStart: nm.start, start: node.start, end: nm.end };
          continue;
        }
        this.i++;
        break;
      }
      if (this.isOp('(')) {
        node = this.parseCall(node);
        continue;
      }
      if (this.isOp('[')) {
        this.i++;
        const index: PyNode[] = [];
        while (this.peek() && !this.isOp(']')) {
          index.push(this.parseExpr());
          if (this.isOp(',') || this.isOp(':')) this.i++;
          else if (!this.isOp(']') && this.peek()) this.i++;
        }
        const closeTok = this.peek();
        if (closeTok) this.i++;
        node = { t: 'sub', obj: node, index, start: node.start, end: closeTok ? closeTok.end : this.lastEnd() };
        continue;
      }
      break;
    }
    return node;
  }

  private parseCall(func: PyNode): PyNode {
    this.i++;
    const args: PyNode[] = [];
    const kwargs: PyKwarg[] = [];
    while (this.peek() && !this.isOp(')')) {
      const t = this.peek() as PyToken;
      if (t.kind === 'name' && !KEYWORDS.has(t.text) && this.isOp('=', 1)) {
        this.i += 2;
        kwargs.push({ name: t.text, nameStart: t.start, value: this.parseExpr() });
      } else args.push(this.parseExpr());
      if (this.isOp(',')) this.i++;
      else if (!this.isOp(')') && this.peek()) this.i++;
    }
    const closeTok = this.peek();
    if (closeTok) this.i++;
    return { t: 'call', func, args, kwargs, start: func.start, end: closeTok ? closeTok.end : this.lastEnd() };
  }
}

/** Parses every expression in `tokens` from `start`, skipping separators and anything unparsable. */
export function parseAllExprs(tokens: PyToken[], start = 0): PyNode[] {
  const p = new PyExprParser(tokens, start);
  const out: PyNode[] = [];
  while (p.peek()) {
    const before = p.i;
    const node = p.parseExpr();
    if (p.i > before) out.push(node);
    else p.i++;
  }
  return out;
}

/** A parameter of a `def`. */
export interface PyParam {
  name: string;
  start: number;
  star?: string;
  annotation?: PyNode;
  default?: PyNode;
}

/** Parameters of a `def` header whose `(` is at `open`. */
function parseParams(tokens: PyToken[], open: number): PyParam[] {
  const p = new PyExprParser(tokens, open + 1);
  const out: PyParam[] = [];
  while (p.peek() && !p.isOp(')')) {
    let star: string | undefined;
    if (p.isOp('*') || p.isOp('**')) {
      star = (p.peek() as PyToken).text;
      p.i++;
    }
    const t = p.peek();
    if (t && t.kind === 'name') {
      p.i++;
      const param: PyParam = { name: t.text, start: t.start };
      if (star) param.star = star;
      if (p.isOp(':')) {
        p.i++;
        param.annotation = p.parseExpr();
      }
      if (p.isOp('=')) {
        p.i++;
        param.default = p.parseExpr();
      }
      out.push(param);
    }
    if (p.isOp(',')) p.i++;
    else if (!p.isOp(')') && p.peek()) p.i++;
  }
  return out;
}

/** `a.b.c` for names and attribute chains of names, else undefined. */
export function dottedName(node: PyNode): string | undefined {
  if (node.t === 'name') return node.id;
  if (node.t === 'attr') {
    const base = dottedName(node.obj);
    return base ? `${base}.${node.name}` : undefined;
  }
  return undefined;
}

/** Visits `node` and every node inside it, parents first. */
export function walkNode(node: PyNode, fn: (n: PyNode) => void): void {
  fn(node);
  switch (node.t) {
    case 'attr':
      walkNode(node.obj, fn);
      break;
    case 'call':
      walkNode(node.func, fn);
      for (const a of node.args) walkNode(a, fn);
      for (const k of node.kwargs) walkNode(k.value, fn);
      break;
    case 'sub':
      walkNode(node.obj, fn);
      for (const x of node.index) walkNode(x, fn);
      break;
    case 'seq':
      for (const x of node.items) walkNode(x, fn);
      break;
    case 'dict':
      for (const x of node.items) {
        if (x.key) walkNode(x.key, fn);
        walkNode(x.value, fn);
      }
      break;
    case 'unary':
      walkNode(node.operand, fn);
      break;
    case 'star':
      walkNode(node.value, fn);
      break;
    case 'op':
    case 'other':
      for (const x of node.parts) walkNode(x, fn);
      break;
    default:
      break;
  }
}

/** A literal value: strings unquoted, numbers as written, `True`/`False`, lists joined with `, `. */
export interface PyLit {
  kind: 'str' | 'num' | 'bool' | 'none' | 'ellipsis' | 'list';
  value?: string;
  items?: PyLit[];
}

/**
 * The literal value of `node`, resolving names with `lookup` (string constants); f-strings whose
 * fields are all plain names of constants, `+` concatenations and `int()`/`str()`/`float()` of a
 * literal are resolved too. Undefined for anything else.
 */
export function literalOf(node: PyNode, lookup: (name: string) => PyLit | undefined = () => undefined, depth = 0): PyLit | undefined {
  if (depth > 20) return undefined;
  const rec = (n: PyNode) => literalOf(n, lookup, depth + 1);
  switch (node.t) {
    case 'str': {
      if (!node.fields) return { kind: 'str', value: node.value };
      let ok = true;
      const value = node.value.replace(/\{([^{}]*)\}/g, (_m, name: string) => {
        const l = /^[A-Za-z_][\w.]*$/.test(name.trim()) ? lookup(name.trim()) : undefined;
        if (!l || l.value === undefined || (l.kind !== 'str' && l.kind !== 'num')) ok = false;
        return l?.value ?? '';
      });
      return ok ? { kind: 'str', value } : undefined;
    }
    case 'num':
      return { kind: 'num', value: node.text };
    case 'const':
      if (node.text === 'True' || node.text === 'False') return { kind: 'bool', value: node.text };
      if (node.text === 'None') return { kind: 'none' };
      return { kind: 'ellipsis' };
    case 'unary': {
      if (node.op !== '-' && node.op !== '+') return undefined;
      const o = rec(node.operand);
      return o?.kind === 'num' ? { kind: 'num', value: node.op === '-' ? `-${o.value}` : (o.value as string) } : undefined;
    }
    case 'seq': {
      const items = node.items.map(rec);
      if (items.some((x) => !x || x.value === undefined)) return undefined;
      return { kind: 'list', value: items.map((x) => (x as PyLit).value).join(', '), items: items as PyLit[] };
    }
    case 'name':
    case 'attr': {
      const d = dottedName(node);
      return d ? lookup(d) : undefined;
    }
    case 'op': {
      if (!node.ops.every((o) => o === '+')) return undefined;
      const parts = node.parts.map(rec);
      if (parts.some((x) => x?.kind !== 'str')) return undefined;
      return { kind: 'str', value: parts.map((x) => (x as PyLit).value).join('') };
    }
    case 'call': {
      const f = dottedName(node.func);
      if ((f === 'int' || f === 'str' || f === 'float') && node.args.length === 1 && !node.kwargs.length) {
        const inner = rec(node.args[0] as PyNode);
        if (!inner || inner.value === undefined || (inner.kind !== 'str' && inner.kind !== 'num')) return undefined;
        if (f === 'str') return { kind: 'str', value: inner.value };
        return /^[-+]?[\d_.]+$/.test(inner.value) ? { kind: 'num', value: inner.value } : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The line starts of `text`, for {@link positionOf}. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) starts.push(k + 1);
  return starts;
}

/** The 1-based line and column of `offset`. */
export function positionOf(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** Imports of a module: local name → qualified name (`getenv` → `os.getenv`, `np` → `numpy`). */
export function importsOf(stmts: PyStmt[]): Map<string, string> {
  const imports = new Map<string, string>();
  const visit = (list: PyStmt[]) => {
    for (const s of list) {
      const t = s.tokens;
      const kw = t[0]?.kind === 'name' ? t[0].text : '';
      if (!s.compound && kw === 'import') {
        for (const part of splitCommas(t.slice(1))) {
          const names = part.filter((x) => x.kind === 'name' || x.text === '.');
          const asAt = names.findIndex((x) => x.text === 'as');
          const mod = (asAt < 0 ? names : names.slice(0, asAt)).map((x) => x.text).join('');
          if (!mod) continue;
          if (asAt >= 0 && names[asAt + 1]) imports.set((names[asAt + 1] as PyToken).text, mod);
          else imports.set(mod.split('.')[0] as string, mod.split('.')[0] as string);
        }
      } else if (!s.compound && kw === 'from') {
        const importAt = t.findIndex((x) => x.kind === 'name' && x.text === 'import');
        if (importAt < 0) continue;
        const mod = t
          .slice(1, importAt)
          .map((x) => x.text)
          .join('');
        for (const part of splitCommas(t.slice(importAt + 1).filter((x) => x.text !== '(' && x.text !== ')'))) {
          const name = part[0];
          if (!name || name.kind !== 'name') continue;
          const alias = part[1]?.text === 'as' && part[2] ? part[2].text : name.text;
          imports.set(alias, mod.endsWith('.') ? `${mod}${name.text}` : `${mod}.${name.text}`);
        }
      }
      visit(s.body);
    }
  };
  visit(stmts);
  return imports;
}

function splitCommas(t: PyToken[]): PyToken[][] {
  const out: PyToken[][] = [[]];
  for (const x of t) {
    if (x.kind === 'op' && x.text === ',') out.push([]);
    else (out[out.length - 1] as PyToken[]).push(x);
  }
  return out.filter((p) => p.length);
}

/** Tokens of `src[a..b)` with offsets into `src`. */
function tokensAt(src: string, a: number, b: number): PyToken[] {
  return tokenizePython(src.slice(a, b)).map((t) => {
    const s: PyToken = { ...t, start: t.start + a, end: t.end + a };
    if (t.inner !== undefined) s.inner = t.inner + a;
    if (t.spans) s.spans = t.spans.map(([x, y]) => [x + a, y + a]);
    return s;
  });
}

// ------------------------------------------------------------------------------------------------
// Scanner

type Meta = Record<string, string | number | boolean | undefined>;

interface Named {
  name: string;
  at: number;
}

interface Flag {
  /** Spellings in the order written; the canonical one is the first `--long`. */
  names: Named[];
  value?: string;
  computed?: boolean;
  /** Variables named by `envvar=`. */
  env: Named[];
  /** The variable the default is read from (`default=os.getenv("X", "d")`). */
  envFromDefault?: string;
  required?: boolean;
  hidden?: boolean;
  /** Python parameter name (click/Typer), for automatic environment variables. */
  param?: string;
}

interface Cmd {
  via: 'argparse' | 'click' | 'typer';
  name?: string;
  at: number;
  parent?: Cmd;
  aliases: Named[];
  flags: Flag[];
  prog?: Named;
  /** Python names that hold this command (function, variable), for entry points. */
  entry: string[];
  autoEnvPrefix?: string;
  /** argparse `parents=[...]`. */
  parents: Cmd[];
  usedAsParent?: boolean;
  /** A group imported from another module: only its children are reported. */
  external?: boolean;
  typerApp?: boolean;
  hasCallback?: boolean;
  hidden?: boolean;
  /** Typer `add_typer(sub)` without a name: the sub-app's commands belong to this app. */
  mergedInto?: Cmd;
  /** A root whose executable is fixed (Flask's `flask`): never tied to an entry point. */
  fixed?: boolean;
}

interface RouteDef {
  path: string;
  at: number;
  methods: string[];
}

interface Router {
  framework: 'flask' | 'fastapi';
  app: boolean;
  prefix?: string | undefined;
  reg?: { parent: Router; prefix?: string | undefined };
  routes: RouteDef[];
  cli?: Cmd;
}

interface Scope {
  vars: Map<string, Val>;
  parent?: Scope;
  kind: 'module' | 'function' | 'class';
  /** Name of the top-level function being read, if any. */
  fnName?: string | undefined;
}

interface FnDef {
  name: string;
  at: number;
  stmt: PyStmt;
  params: PyParam[];
  scope: Scope;
  topName: string;
  interpreted: boolean;
  /** click options applied to the function before its command decorator. */
  clickParams: Flag[];
}

type Val =
  | { k: 'lit'; lit: PyLit }
  | { k: 'environ' }
  | { k: 'cmd'; cmd: Cmd }
  | { k: 'subparsers'; cmd: Cmd }
  | { k: 'arggroup'; cmd: Cmd }
  | { k: 'router'; r: Router }
  | { k: 'envlib'; lib: 'django-environ' | 'environs'; schema: Map<string, PyNode | undefined> }
  | { k: 'config'; lib: 'decouple' | 'starlette' }
  | { k: 'fn'; fn: FnDef }
  | { k: 'class'; name: string; methods: string[] }
  | { k: 'list'; items: Array<Val | undefined> }
  | { k: 'deco'; apply: (cur: Val, fn: FnDef) => Val };

interface EnvRead {
  key: string;
  at: number;
  via: string;
  default?: PyNode;
  schemaDefault?: PyNode;
}

interface ValueOf {
  value?: string | undefined;
  computed?: boolean;
  env?: string;
  required?: boolean;
}

const ENVIRON: Val = { k: 'environ' };
const UNHANDLED = Symbol('unhandled');
type Result = Val | undefined | typeof UNHANDLED;

const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'trace'];
const FLASK_ROUTES = new Set(['route', ...HTTP_METHODS]);
const FASTAPI_ROUTES = new Set(['api_route', ...HTTP_METHODS]);
const ENV_LIB_METHODS = new Set([
  'str', 'bool', 'int', 'float', 'json', 'list', 'tuple', 'dict', 'url', 'db_url', 'db', 'cache_url', 'cache', 'email_url', 'email',
  'search_url', 'path', 'decimal', 'datetime', 'date', 'time', 'timedelta', 'uuid', 'log_level', 'enum', 'channels_url', 'channels',
]);
const DJANGO_ROUTE_FUNCS = new Set(['django.urls.path', 'django.urls.re_path', 'django.conf.urls.url', 'django.conf.urls.re_path']);
/** click option decorators, with the flag each declares when given no names. */
const CLICK_OPTIONS = new Map<string, string | undefined>([
  ['click.option', undefined],
  ['click.password_option', '--password'],
  ['click.confirmation_option', '--yes'],
  ['click.version_option', '--version'],
  ['click.help_option', '--help'],
]);
const TYPER_PARAM = /^typer(?:\.params)?\.(Option|Argument)$/;

/** Where a node's text starts: the content of a string literal, else the node. */
function keyAt(node: PyNode): number {
  return node.t === 'str' ? node.inner : node.start;
}

/** Whether a `prog`/`prog_name` names an executable: one word, not a command line (`python -m pkg`). */
function isProgName(prog: string): boolean {
  return prog !== '' && !/\s/.test(prog);
}

function compact(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Command name click derives from a function: lower case, `_` → `-`, then a last `-command`/`-cmd`/`-group`/`-grp` dropped (click 8.2). */
export function clickCommandName(fn: string): string {
  const name = fn.toLowerCase().replace(/_/g, '-');
  const m = /^(.*)-(?:command|cmd|group|grp)$/.exec(name);
  return m?.[1] ? m[1] : name;
}

/** A Django regex route as a path (`^api/(?P<pk>\d+)/$` → `api/<pk>/`), or undefined when it is not a plain path. */
export function djangoRegexPath(re: string): string | undefined {
  let s = re.replace(/^\^/, '').replace(/\$$/, '').replace(/\\Z$/, '');
  s = s.replace(/\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)/g, '<$1>');
  s = s.replace(/\\([./-])/g, '$1');
  return /[\\()[\]{}*+?|^$]/.test(s) ? undefined : s;
}

function joinPath(prefix: string, path: string): string {
  if (!prefix) return path || '/';
  const p = prefix.replace(/\/+$/, '');
  if (!path) return p || '/';
  return p + (path.startsWith('/') ? path : `/${path}`);
}

/** `name = value` (optionally annotated) as a name and a value node. */
function simpleAssign(s: PyStmt): { name: string; value: PyNode } | undefined {
  const t = s.tokens;
  if (s.compound || t[0]?.kind !== 'name') return undefined;
  const p = new PyExprParser(t, 1);
  if (p.isOp(':')) {
    p.i++;
    p.parseExpr();
  }
  if (!p.isOp('=')) return undefined;
  p.i++;
  return { name: t[0].text, value: p.parseTuple() };
}

class PythonScan {
  private readonly src: string;
  private readonly starts: number[];
  private readonly tokens: PyToken[];
  private readonly stmts: PyStmt[];
  private readonly imports: Map<string, string>;
  private readonly frameworks = new Set<string>();
  private readonly out: Array<{ fact: Omit<Fact, 'provider'>; at: number; seq: number }> = [];
  private readonly seen = new Set<string>();
  private readonly cmds: Cmd[] = [];
  private readonly routers: Router[] = [];
  private readonly externalRouters = new Map<string, Router>();
  private readonly externalCmds = new Map<string, Cmd>();
  private readonly fns: FnDef[] = [];
  private readonly callStack: FnDef[] = [];
  private readonly frames: Array<{ ret?: Val }> = [];
  private readonly settings = new Map<string, { prefix: string; caseSensitive: boolean; version: 1 | 2 | undefined }>();
  private readonly orDefaults = new Map<PyNode, PyNode>();
  private readonly module: string;
  private readonly gunicorn: boolean;
  private budget = 4000;

  constructor(private readonly file: SystemFile) {
    this.src = file.text;
    this.starts = lineStarts(this.src);
    this.tokens = tokenizePython(this.src);
    this.stmts = parsePythonStatements(this.src, this.tokens);
    this.imports = importsOf(this.stmts);
    for (const q of this.imports.values()) this.frameworks.add(q.split('.')[0] as string);
    this.module = pythonModuleOf(file.path);
    this.gunicorn = /(?:^|\/)gunicorn[\w.-]*\.py$/.test(file.path);
  }

  run(): Array<Omit<Fact, 'provider'>> {
    const moduleScope: Scope = { vars: new Map(), kind: 'module' };
    this.execBlock(this.stmts, moduleScope);
    // Functions nothing has called yet: first those no code of the file calls, then the rest.
    const called = this.calledNames();
    for (const round of [0, 1]) {
      for (let k = 0; k < this.fns.length; k++) {
        const fn = this.fns[k] as FnDef;
        if (fn.interpreted || (round === 0 && called.has(fn.name))) continue;
        this.callFunction(fn, [], new Map());
      }
    }
    this.emitCommands();
    this.emitRoutes();
    return this.out.sort((a, b) => a.at - b.at || a.seq - b.seq).map((o) => o.fact);
  }

  // ---- bookkeeping

  private add(kind: FactKind, key: string, at: number, value: string | undefined, meta: Meta): void {
    const clean: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(meta)) if (v !== undefined && v !== false && v !== '') clean[k] = v;
    const id = `${kind}\0${key}\0${at}\0${String(clean['command'] ?? '')}\0${String(clean['alias'] ?? '')}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const fact: Omit<Fact, 'provider'> = { kind, key, origin: { file: this.file.path, start: positionOf(this.starts, at) }, meta: clean };
    if (value !== undefined) fact.value = value;
    this.out.push({ fact, at, seq: this.out.length });
  }

  private calledNames(): Set<string> {
    const out = new Set<string>();
    const t = this.tokens;
    for (let k = 0; k + 1 < t.length; k++) {
      const a = t[k] as PyToken;
      const b = t[k + 1] as PyToken;
      const before = t[k - 1]?.text;
      if (a.kind === 'name' && b.kind === 'op' && b.text === '(' && before !== 'def' && before !== 'class') out.add(a.text);
    }
    return out;
  }

  private newCmd(via: Cmd['via'], at: number): Cmd {
    const cmd: Cmd = { via, at, aliases: [], flags: [], entry: [], parents: [] };
    this.cmds.push(cmd);
    return cmd;
  }

  private newRouter(framework: Router['framework'], app: boolean, prefix: string | undefined): Val {
    const r: Router = { framework, app, prefix, routes: [] };
    this.routers.push(r);
    return { k: 'router', r };
  }

  // ---- names and values

  private qual(node: PyNode | undefined): string | undefined {
    const d = node ? dottedName(node) : undefined;
    if (!d) return undefined;
    const dot = d.indexOf('.');
    const head = dot < 0 ? d : d.slice(0, dot);
    const base = this.imports.get(head) ?? head;
    return dot < 0 ? base : base + d.slice(dot);
  }

  private lookup(name: string, scope: Scope): Val | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  private bind(name: string, v: Val | undefined, scope: Scope): void {
    let target = scope;
    if (name.startsWith('self.') || name.startsWith('cls.')) {
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        if (s.kind === 'class') {
          target = s;
          break;
        }
      }
    }
    if (v) target.vars.set(name, v);
    else target.vars.delete(name);
  }

  /** What a name or attribute chain is bound to, without evaluating anything. */
  private pureVal(node: PyNode, scope: Scope): Val | undefined {
    const d = dottedName(node);
    if (!d) return undefined;
    const v = this.lookup(d, scope);
    if (v) return v;
    if (this.qual(node) === 'os.environ') return ENVIRON;
    if (node.t === 'name' && node.id === 'environ' && !this.imports.has('environ')) return ENVIRON;
    return undefined;
  }

  private lit(node: PyNode | undefined, scope: Scope): PyLit | undefined {
    if (!node) return undefined;
    return literalOf(node, (name) => {
      const v = this.lookup(name, scope);
      return v?.k === 'lit' ? v.lit : undefined;
    });
  }

  private str(node: PyNode | undefined, scope: Scope): string | undefined {
    const l = this.lit(node, scope);
    return l?.kind === 'str' ? l.value : undefined;
  }

  /** String literals in a node: a string, a list/tuple of strings, or the string arguments of a call (`AliasChoices("A", "B")`). */
  private strings(node: PyNode | undefined, scope: Scope): Named[] {
    if (!node) return [];
    const one = (n: PyNode): Named[] => {
      const s = this.str(n, scope);
      return s ? [{ name: s, at: keyAt(n) }] : [];
    };
    if (node.t === 'seq') return node.items.flatMap(one);
    if (node.t === 'call') return node.args.flatMap(one);
    return one(node);
  }

  /** A default as facts give it: literal value; an environment read's default (with `env`); else the text, computed. */
  private valueOf(node: PyNode, scope: Scope): ValueOf {
    const l = this.lit(node, scope);
    if (l) {
      if (l.kind === 'none') return {};
      if (l.kind === 'ellipsis') return { required: true };
      return { value: l.value };
    }
    if (this.qual(node) === 'argparse.SUPPRESS') return {};
    const read = this.envReadDeep(node, scope);
    if (read) {
      const d = read.default ?? read.schemaDefault;
      if (!d) return { env: read.key };
      const inner = this.valueOf(d, scope);
      return { value: inner.computed ? undefined : inner.value, computed: !!inner.computed, env: read.key };
    }
    return { value: compact(this.src.slice(node.start, node.end)), computed: true };
  }

  private envReadDeep(node: PyNode, scope: Scope): EnvRead | undefined {
    if (node.t === 'call') {
      const f = dottedName(node.func);
      if ((f === 'int' || f === 'str' || f === 'float' || f === 'bool') && node.args.length === 1) return this.envReadDeep(node.args[0] as PyNode, scope);
      return this.envRead(node, scope);
    }
    if (node.t === 'sub') return this.environIndex(node, scope);
    if (node.t === 'op' && node.ops[0] === 'or' && node.parts[0]?.t === 'call') {
      const r = this.envRead(node.parts[0], scope);
      if (r && !r.default && node.parts[1]) return { ...r, default: node.parts[1] };
      return r;
    }
    return undefined;
  }

  /** `os.environ["X"]` (no default: the read fails when the variable is unset). */
  private environIndex(node: Extract<PyNode, { t: 'sub' }>, scope: Scope): EnvRead | undefined {
    const idx = node.index[0];
    if (node.index.length !== 1 || !idx || this.pureVal(node.obj, scope)?.k !== 'environ') return undefined;
    const key = this.str(idx, scope);
    return key ? { key, at: keyAt(idx), via: 'os.environ' } : undefined;
  }

  /** The environment variable a call reads, if it is one of the known read forms. */
  private envRead(node: PyCall, scope: Scope): EnvRead | undefined {
    const f = node.func;
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    const make = (via: string, defaultIndex: number, strict: boolean, schema?: Map<string, PyNode | undefined>): EnvRead | undefined => {
      const keyNode = node.args[0] ?? kw('key') ?? kw('var') ?? kw('option');
      if (!keyNode) return undefined;
      const key = this.str(keyNode, scope);
      if (!key || /\s/.test(key)) return undefined;
      if (strict && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return undefined;
      const r: EnvRead = { key, at: keyAt(keyNode), via };
      const d = node.args[defaultIndex] ?? kw('default') ?? this.orDefaults.get(node);
      if (d) r.default = d;
      const sd = schema?.get(key);
      if (sd) r.schemaDefault = sd;
      return r;
    };
    const q = this.qual(f);
    if (q === 'os.getenv') return make('os.getenv', 1, false);
    if (q === 'decouple.config') return make('decouple', 1, true);
    if (f.t === 'attr') {
      const recv = this.pureVal(f.obj, scope);
      if (recv?.k === 'environ' && (f.name === 'get' || f.name === 'setdefault' || f.name === 'pop')) return make(`os.environ.${f.name}`, 1, false);
      if (recv?.k === 'envlib' && ENV_LIB_METHODS.has(f.name)) return make(recv.lib, 1, true, recv.schema);
      // `env.str(...)` with `env` imported from another settings module (django-environ's usual layout).
      if (!recv && f.obj.t === 'name' && f.obj.id === 'env' && this.imports.has('env') && ENV_LIB_METHODS.has(f.name)) return make('django-environ', 1, true);
    }
    const callee = this.pureVal(f, scope);
    if (callee?.k === 'envlib') return make(callee.lib, callee.lib === 'django-environ' ? 2 : 1, true, callee.schema);
    if (callee?.k === 'config') return make(callee.lib, callee.lib === 'decouple' ? 1 : 2, true);
    if (!callee && f.t === 'name' && f.id === 'env' && this.imports.has('env')) return make('django-environ', 2, true);
    return undefined;
  }

  private addEnv(r: EnvRead, scope: Scope): void {
    const d = r.default ?? r.schemaDefault;
    const v: ValueOf = d ? this.valueOf(d, scope) : {};
    this.add('env-var', r.key, r.at, v.computed ? undefined : v.value, { via: r.via, computed: v.computed });
  }

  // ---- statements

  private execBlock(stmts: PyStmt[], scope: Scope): void {
    for (const s of stmts) this.exec(s, scope);
  }

  private exec(s: PyStmt, scope: Scope): void {
    const t = s.tokens;
    const t0 = t[0];
    if (!t0) return;
    const kw = t0.kind === 'name' ? t0.text : '';
    if (s.compound) {
      if (kw === 'def' || (kw === 'async' && t[1]?.text === 'def')) return this.execDef(s, scope);
      if (kw === 'class') return this.execClass(s, scope);
      for (const n of parseAllExprs(t, kw === 'async' ? 2 : 1)) this.eval(n, scope);
      this.execBlock(s.body, scope);
      return;
    }
    switch (kw) {
      case 'import':
      case 'from':
      case 'pass':
      case 'break':
      case 'continue':
      case 'global':
      case 'nonlocal':
      case 'del':
        return;
      case 'return': {
        const p = new PyExprParser(t, 1);
        const v = p.peek() ? this.eval(p.parseTuple(), scope) : undefined;
        const frame = this.frames[this.frames.length - 1];
        if (frame && frame.ret === undefined && v) frame.ret = v;
        return;
      }
      case 'raise':
      case 'assert':
        for (const n of parseAllExprs(t, 1)) this.eval(n, scope);
        return;
      default:
        this.execSimple(s, scope);
    }
  }

  private execSimple(s: PyStmt, scope: Scope): void {
    const p = new PyExprParser(s.tokens);
    let node = p.parseTuple();
    let annotated = false;
    if (p.isOp(':')) {
      p.i++;
      p.parseExpr();
      annotated = true;
    }
    const targets: PyNode[] = [];
    let aug = false;
    for (;;) {
      const t = p.peek();
      if (!t || t.kind !== 'op' || !(t.text === '=' || (/^[^=!<>]+=$/.test(t.text) && t.text.length >= 2))) break;
      aug ||= t.text !== '=';
      p.i++;
      targets.push(node);
      node = p.parseTuple();
    }
    if (!targets.length) {
      if (!annotated) this.eval(node, scope);
      for (const rest of parseAllExprs(s.tokens, p.i)) this.eval(rest, scope);
      return;
    }
    const v = this.eval(node, scope);
    for (const target of targets) this.assign(target, v, node, scope, aug);
  }

  private assign(target: PyNode, v: Val | undefined, valueNode: PyNode, scope: Scope, aug: boolean): void {
    const name = dottedName(target);
    if (name) {
      if (aug) return;
      this.bind(name, v, scope);
      if (v?.k === 'cmd' && scope.kind === 'module' && !v.cmd.entry.includes(name)) v.cmd.entry.push(name);
      if (this.gunicorn && scope.kind === 'module' && name === 'bind') {
        for (const item of valueNode.t === 'seq' ? valueNode.items : [valueNode]) {
          const m = /:(\d{1,5})$/.exec(this.str(item, scope) ?? '');
          if (m) this.add('port', String(Number(m[1])), item.start, undefined, { via: 'gunicorn' });
        }
      }
      return;
    }
    if (target.t === 'sub') {
      // A write (`os.environ["X"] = ...`) is not a read: only what the target itself evaluates counts.
      this.eval(target.obj, scope);
      for (const x of target.index) this.eval(x, scope);
      return;
    }
    if (target.t === 'seq') for (const item of target.items) this.assign(item, undefined, valueNode, scope, aug);
  }

  private execDef(s: PyStmt, scope: Scope): void {
    const off = s.tokens[0]?.text === 'async' ? 1 : 0;
    const nameTok = s.tokens[off + 1];
    if (!nameTok || nameTok.kind !== 'name') return;
    const params = s.tokens[off + 2]?.text === '(' ? parseParams(s.tokens, off + 2) : [];
    const fn: FnDef = { name: nameTok.text, at: nameTok.start, stmt: s, params, scope, topName: scope.fnName ?? nameTok.text, interpreted: false, clickParams: [] };
    this.fns.push(fn);
    for (const p of params) if (p.default) this.eval(p.default, scope);
    const decos = s.decorators.map((d) => this.evalDecorator(new PyExprParser(d).parseExpr(), scope));
    let cur: Val = { k: 'fn', fn };
    for (let k = decos.length - 1; k >= 0; k--) {
      const d = decos[k];
      if (d?.k === 'deco') cur = d.apply(cur, fn);
    }
    scope.vars.set(fn.name, cur);
  }

  private evalDecorator(node: PyNode, scope: Scope): Val | undefined {
    if (node.t === 'call') return this.evalCall(node, scope, true);
    if (node.t === 'name' || node.t === 'attr') return this.evalCall({ t: 'call', func: node, args: [], kwargs: [], start: node.start, end: node.end }, scope, true);
    return this.eval(node, scope);
  }

  private execClass(s: PyStmt, scope: Scope): void {
    const nameTok = s.tokens[1];
    if (!nameTok || nameTok.kind !== 'name') return;
    let bases: PyNode[] = [];
    let kwargs: PyKwarg[] = [];
    if (s.tokens[2]?.text === '(') {
      const n = new PyExprParser(s.tokens, 1).parseExpr();
      if (n.t === 'call') {
        bases = n.args;
        kwargs = n.kwargs;
      }
    }
    for (const b of bases) this.eval(b, scope);
    for (const k of kwargs) this.eval(k.value, scope);
    for (const d of s.decorators) for (const n of parseAllExprs(d)) this.eval(n, scope);
    this.pydantic(s, nameTok.text, bases, kwargs, scope);
    const classScope: Scope = { vars: new Map(), parent: scope, kind: 'class', fnName: scope.fnName };
    this.execBlock(s.body, classScope);
    const methods = s.body
      .filter((b) => b.compound && (b.tokens[0]?.text === 'def' || (b.tokens[0]?.text === 'async' && b.tokens[1]?.text === 'def')))
      .map((b) => (b.tokens[0]?.text === 'async' ? b.tokens[2] : b.tokens[1])?.text ?? '');
    scope.vars.set(nameTok.text, { k: 'class', name: nameTok.text, methods });
  }

  private callFunction(fn: FnDef, args: Array<Val | undefined>, kwargs: Map<string, Val | undefined>): Val | undefined {
    if (this.callStack.includes(fn) || this.callStack.length > 12 || this.budget-- <= 0) return undefined;
    fn.interpreted = true;
    const scope: Scope = { vars: new Map(), parent: fn.scope, kind: 'function', fnName: fn.topName };
    const positional = fn.params.filter((p) => !p.star);
    positional.forEach((p, k) => {
      const v = args[k] ?? kwargs.get(p.name);
      if (v) scope.vars.set(p.name, v);
    });
    this.callStack.push(fn);
    const frame: { ret?: Val } = {};
    this.frames.push(frame);
    try {
      this.execBlock(fn.stmt.body, scope);
    } finally {
      this.frames.pop();
      this.callStack.pop();
    }
    return frame.ret;
  }

  // ---- expressions

  private eval(node: PyNode, scope: Scope): Val | undefined {
    switch (node.t) {
      case 'str':
        for (const [a, b] of node.spans ?? []) for (const n of parseAllExprs(tokensAt(this.src, a, b))) this.eval(n, scope);
        return this.litVal(node, scope);
      case 'num':
      case 'const':
        return this.litVal(node, scope);
      case 'unary':
        this.eval(node.operand, scope);
        return this.litVal(node, scope);
      case 'name':
        return this.pureVal(node, scope);
      case 'attr': {
        const v = this.pureVal(node, scope);
        if (v) return v;
        const o = this.eval(node.obj, scope);
        if (o?.k === 'router' && o.r.framework === 'flask' && node.name === 'cli') return { k: 'cmd', cmd: this.flaskCli(o.r, node.start) };
        return undefined;
      }
      case 'call':
        return this.evalCall(node, scope, false);
      case 'sub': {
        const o = this.eval(node.obj, scope);
        for (const x of node.index) this.eval(x, scope);
        const idx = node.index[0];
        if (o?.k === 'environ' && node.index.length === 1 && idx) {
          const key = this.str(idx, scope);
          if (key) this.addEnv({ key, at: keyAt(idx), via: 'os.environ' }, scope);
        }
        return undefined;
      }
      case 'seq': {
        const items = node.items.map((x) => this.eval(x, scope));
        return this.litVal(node, scope) ?? { k: 'list', items };
      }
      case 'dict':
        for (const x of node.items) {
          if (x.key) this.eval(x.key, scope);
          this.eval(x.value, scope);
        }
        return undefined;
      case 'star':
        return this.eval(node.value, scope);
      case 'op':
        return this.evalOp(node, scope);
      case 'other':
        for (const x of node.parts) this.eval(x, scope);
        return undefined;
    }
  }

  private litVal(node: PyNode, scope: Scope): Val | undefined {
    const l = this.lit(node, scope);
    return l ? { k: 'lit', lit: l } : undefined;
  }

  private evalOp(node: Extract<PyNode, { t: 'op' }>, scope: Scope): Val | undefined {
    // `os.getenv("X") or "d"`: the literal after `or` is the default.
    node.ops.forEach((op, k) => {
      const a = node.parts[k];
      const b = node.parts[k + 1];
      if (op === 'or' && (k === 0 || node.ops[k - 1] === 'or') && a?.t === 'call' && b && this.lit(b, scope)) this.orDefaults.set(a, b);
    });
    const vals = node.parts.map((x) => this.eval(x, scope));
    node.ops.forEach((op, k) => {
      const a = node.parts[k];
      if ((op === 'in' || op === 'not in') && a && vals[k + 1]?.k === 'environ') {
        const key = this.str(a, scope);
        if (key) this.addEnv({ key, at: keyAt(a), via: 'os.environ' }, scope);
      }
    });
    return this.litVal(node, scope);
  }

  private evalCall(node: PyCall, scope: Scope, deco: boolean): Val | undefined {
    const q = this.qual(node.func);
    if (q && DJANGO_ROUTE_FUNCS.has(q)) {
      this.djangoRoute(node, scope, '');
      return undefined;
    }
    const method = node.func.t === 'attr' ? node.func.name : undefined;
    const recv = node.func.t === 'attr' ? this.eval(node.func.obj, scope) : undefined;
    const callee = node.func.t === 'name' || node.func.t === 'attr' ? this.pureVal(node.func, scope) : this.eval(node.func, scope);
    const args = node.args.map((a) => this.eval(a, scope));
    const kws = new Map<string, Val | undefined>();
    for (const k of node.kwargs) kws.set(k.name, this.eval(k.value, scope));

    const read = this.envRead(node, scope);
    if (read) {
      this.addEnv(read, scope);
      return undefined;
    }
    if (q) {
      const r = this.known(q, node, scope, args, kws);
      if (r !== UNHANDLED) return r;
    }
    if (recv && method) {
      const r = this.methodCall(recv, method, node, scope, args, kws);
      if (r !== UNHANDLED) return r;
    }
    if (callee?.k === 'fn') return this.callFunction(callee.fn, args, kws);
    if (callee?.k === 'cmd') {
      this.invoke(callee.cmd, node, scope);
      return undefined;
    }
    if (method && !recv) {
      if (method === 'run') this.port(node, scope, 'run', undefined);
      if (deco) return this.unknownReceiverDeco(node, method, scope);
    }
    return undefined;
  }

  /** Calls of library functions and constructors, by qualified name. */
  private known(q: string, node: PyCall, scope: Scope, args: Array<Val | undefined>, kws: Map<string, Val | undefined>): Result {
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    switch (q) {
      case 'argparse.ArgumentParser': {
        const cmd = this.newCmd('argparse', node.start);
        const progNode = kw('prog');
        const prog = this.str(progNode, scope);
        if (progNode && prog && isProgName(prog)) cmd.prog = { name: prog, at: keyAt(progNode) };
        this.argparseParents(cmd, kws.get('parents'));
        if (scope.fnName) cmd.entry.push(scope.fnName);
        return { k: 'cmd', cmd };
      }
      case 'flask.Flask':
      case 'quart.Quart':
        return this.newRouter('flask', true, undefined);
      case 'flask.Blueprint':
      case 'quart.Blueprint':
        return this.newRouter('flask', false, this.str(kw('url_prefix'), scope));
      case 'fastapi.FastAPI':
        return this.newRouter('fastapi', true, undefined);
      case 'fastapi.APIRouter':
      case 'fastapi.routing.APIRouter':
        return this.newRouter('fastapi', false, this.str(kw('prefix'), scope));
      case 'typer.Typer': {
        const cmd = this.newCmd('typer', node.start);
        cmd.typerApp = true;
        const name = this.str(kw('name'), scope);
        if (name) cmd.name = name;
        cmd.hidden = this.lit(kw('hidden'), scope)?.value === 'True';
        const cb = kws.get('callback');
        if (cb?.k === 'fn') {
          cmd.hasCallback = true;
          cmd.flags.push(...this.typerFlags(cb.fn, scope));
        }
        this.contextSettings(kw('context_settings'), cmd, scope);
        return { k: 'cmd', cmd };
      }
      case 'typer.run': {
        const f = args[0];
        if (f?.k !== 'fn') return undefined;
        const cmd = this.newCmd('typer', f.fn.at);
        cmd.flags.push(...this.typerFlags(f.fn, scope));
        cmd.entry.push(f.fn.name);
        return undefined;
      }
      case 'environ.Env':
      case 'environs.Env': {
        const lib = q === 'environ.Env' ? 'django-environ' : 'environs';
        const schema = new Map<string, PyNode | undefined>();
        if (lib === 'django-environ') {
          for (const k of node.kwargs) {
            const v = k.value;
            const def = v.t === 'seq' && v.kind === 'tuple' ? v.items[1] : undefined;
            schema.set(k.name, def);
            const d: ValueOf = def ? this.valueOf(def, scope) : {};
            this.add('env-var', k.name, k.nameStart, d.computed ? undefined : d.value, { via: lib, computed: d.computed });
          }
        }
        return { k: 'envlib', lib, schema };
      }
      case 'decouple.AutoConfig':
      case 'decouple.Config':
        return { k: 'config', lib: 'decouple' };
      case 'starlette.config.Config':
        return { k: 'config', lib: 'starlette' };
      case 'click.group':
      case 'click.command':
        return this.clickCommandDeco(undefined, node, scope);
      case 'click.argument':
        return undefined;
      case 'uvicorn.run':
      case 'uvicorn.Config':
      case 'waitress.serve':
      case 'aiohttp.web.run_app':
        this.port(node, scope, q, undefined);
        return undefined;
      case 'werkzeug.serving.run_simple':
      case 'werkzeug.run_simple':
        this.port(node, scope, 'werkzeug', 1);
        return undefined;
      default:
        if (CLICK_OPTIONS.has(q)) return this.clickOptionDeco(q, node, scope);
        return UNHANDLED;
    }
  }

  private methodCall(recv: Val, method: string, node: PyCall, scope: Scope, args: Array<Val | undefined>, kws: Map<string, Val | undefined>): Result {
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    if (recv.k === 'cmd') {
      const c = recv.cmd;
      if (c.via === 'argparse') {
        if (method === 'add_subparsers') return { k: 'subparsers', cmd: c };
        if (method === 'add_argument') this.argparseArgument(c, node, scope);
        if (method === 'add_argument_group' || method === 'add_mutually_exclusive_group') return { k: 'arggroup', cmd: c };
        return undefined;
      }
      if (method === 'command' || (method === 'group' && c.via === 'click')) {
        return c.via === 'typer' ? this.typerCommandDeco(c, node, scope) : this.clickCommandDeco(c, node, scope);
      }
      if (method === 'callback' && c.via === 'typer') {
        return {
          k: 'deco',
          apply: (cur, fn) => {
            c.hasCallback = true;
            c.flags.push(...this.typerFlags(fn, scope));
            return cur;
          },
        };
      }
      if (method === 'add_command' && c.via === 'click') {
        const sub = args[0];
        if (sub?.k === 'cmd' && sub.cmd !== c) {
          sub.cmd.parent = c;
          const nameNode = node.args[1] ?? kw('name');
          const name = this.str(nameNode, scope);
          if (name && nameNode) {
            sub.cmd.name = name;
            sub.cmd.at = keyAt(nameNode);
          }
        }
        return undefined;
      }
      if (method === 'add_typer' && c.via === 'typer') {
        const sub = args[0];
        if (sub?.k === 'cmd' && sub.cmd !== c) {
          const nameNode = kw('name');
          const name = this.str(nameNode, scope);
          if (name && nameNode) {
            sub.cmd.name = name;
            sub.cmd.at = keyAt(nameNode);
          }
          if (sub.cmd.name) sub.cmd.parent = c;
          else sub.cmd.mergedInto = c;
        }
        return undefined;
      }
      if (method === 'main') this.invoke(c, node, scope);
      return undefined;
    }
    if (recv.k === 'subparsers') {
      if (method !== 'add_parser') return undefined;
      const nameNode = node.args[0] ?? kw('name');
      const name = this.str(nameNode, scope);
      if (!name || !nameNode) return undefined;
      const cmd = this.newCmd('argparse', keyAt(nameNode));
      cmd.name = name;
      cmd.parent = recv.cmd;
      cmd.aliases.push(...this.strings(kw('aliases'), scope));
      cmd.hidden = this.qual(kw('help')) === 'argparse.SUPPRESS';
      this.argparseParents(cmd, kws.get('parents'));
      return { k: 'cmd', cmd };
    }
    if (recv.k === 'arggroup') {
      if (method === 'add_argument') this.argparseArgument(recv.cmd, node, scope);
      if (method === 'add_argument_group' || method === 'add_mutually_exclusive_group') return recv;
      return undefined;
    }
    if (recv.k === 'router') return this.routerCall(recv.r, method, node, scope, args);
    return UNHANDLED;
  }

  /** `cli(prog_name=..., auto_envvar_prefix=...)`, `cli.main(...)`, `app(...)`. */
  private invoke(cmd: Cmd, node: PyCall, scope: Scope): void {
    for (const k of node.kwargs) {
      const s = this.str(k.value, scope);
      if (!s) continue;
      if (k.name === 'prog_name' && isProgName(s)) cmd.prog = { name: s, at: cmd.at };
      if (k.name === 'auto_envvar_prefix') cmd.autoEnvPrefix = s;
    }
  }

  private contextSettings(node: PyNode | undefined, cmd: Cmd, scope: Scope): void {
    if (!node) return;
    if (node.t === 'dict') {
      for (const it of node.items) if (it.key && this.str(it.key, scope) === 'auto_envvar_prefix') cmd.autoEnvPrefix = this.str(it.value, scope) ?? cmd.autoEnvPrefix;
    } else if (node.t === 'call' && dottedName(node.func) === 'dict') {
      const v = node.kwargs.find((k) => k.name === 'auto_envvar_prefix')?.value;
      cmd.autoEnvPrefix = this.str(v, scope) ?? cmd.autoEnvPrefix;
    }
  }

  private flaskCli(r: Router, at: number): Cmd {
    if (!r.cli) {
      r.cli = this.newCmd('click', at);
      r.cli.prog = { name: 'flask', at };
      r.cli.fixed = true;
    }
    return r.cli;
  }

  // ---- argparse

  private argparseParents(cmd: Cmd, v: Val | undefined): void {
    if (v?.k !== 'list') return;
    for (const item of v.items) {
      if (item?.k !== 'cmd') continue;
      cmd.parents.push(item.cmd);
      item.cmd.usedAsParent = true;
    }
  }

  private argparseArgument(c: Cmd, node: PyCall, scope: Scope): void {
    const names: Named[] = [];
    for (const a of node.args) {
      const s = this.str(a, scope);
      if (s && s.startsWith('-') && s.length > 1) names.push({ name: s, at: keyAt(a) });
    }
    if (!names.length) return;
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    const actionNode = kw('action');
    const action = actionNode ? (this.str(actionNode, scope) ?? this.qual(actionNode)) : undefined;
    if (action && /BooleanOptionalAction$/.test(action)) {
      for (const n of [...names]) if (n.name.startsWith('--')) names.push({ name: `--no-${n.name.slice(2)}`, at: n.at });
    }
    const flag: Flag = { names, env: [] };
    const d = kw('default');
    if (d) this.setDefault(flag, d, scope);
    else if (action === 'store_false') flag.value = 'True';
    flag.required = this.lit(kw('required'), scope)?.value === 'True';
    flag.hidden = this.qual(kw('help')) === 'argparse.SUPPRESS';
    c.flags.push(flag);
  }

  private setDefault(flag: Flag, node: PyNode, scope: Scope): void {
    const v = this.valueOf(node, scope);
    if (v.value !== undefined) flag.value = v.value;
    if (v.computed) flag.computed = true;
    if (v.env) flag.envFromDefault = v.env;
    if (v.required) flag.required = true;
  }

  // ---- click and Typer

  /** Flag spellings of string declarations (`"--shout/--no-shout"` gives both). */
  private flagNames(decls: PyNode[], scope: Scope): { names: Named[]; param?: string } {
    const names: Named[] = [];
    let param: string | undefined;
    for (const d of decls) {
      const s = this.str(d, scope);
      if (!s) continue;
      if (s.startsWith('-')) {
        let from = 0;
        for (const part of s.split('/')) {
          const nm = part.trim();
          const idx = s.indexOf(nm, from);
          from = idx + nm.length;
          if (nm.startsWith('-')) names.push({ name: nm, at: keyAt(d) + Math.max(0, idx) });
        }
      } else if (/^[A-Za-z_]\w*$/.test(s)) param = s;
    }
    return param ? { names, param } : { names };
  }

  private clickCommandDeco(parent: Cmd | undefined, node: PyCall, scope: Scope): Val {
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    const nameNode = node.args[0] ?? kw('name');
    const explicit = this.str(nameNode, scope);
    const hidden = this.lit(kw('hidden'), scope)?.value === 'True';
    const ctx = kw('context_settings');
    return {
      k: 'deco',
      apply: (cur, fn) => {
        if (cur.k === 'cmd') return cur;
        const cmd = this.newCmd(parent?.via === 'typer' ? 'typer' : 'click', explicit && nameNode ? keyAt(nameNode) : fn.at);
        cmd.name = explicit ?? clickCommandName(fn.name);
        if (parent) cmd.parent = parent;
        cmd.flags.push(...fn.clickParams);
        fn.clickParams = [];
        cmd.entry.push(fn.name);
        cmd.hidden = hidden;
        this.contextSettings(ctx, cmd, scope);
        return { k: 'cmd', cmd };
      },
    };
  }

  private clickOptionDeco(q: string, node: PyCall, scope: Scope): Val | undefined {
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    const { names, param } = this.flagNames(node.args, scope);
    const fallback = CLICK_OPTIONS.get(q);
    if (!names.length && fallback) names.push({ name: fallback, at: node.start });
    if (!names.length) return undefined;
    const first = names.find((n) => n.name.startsWith('--')) ?? (names[0] as Named);
    const flag: Flag = { names, env: this.strings(kw('envvar'), scope), param: param ?? first.name.replace(/^-+/, '').replace(/-/g, '_').toLowerCase() };
    const d = kw('default');
    if (d) this.setDefault(flag, d, scope);
    if (this.lit(kw('required'), scope)?.value === 'True') flag.required = true;
    flag.hidden = this.lit(kw('hidden'), scope)?.value === 'True';
    return {
      k: 'deco',
      apply: (cur, fn) => {
        if (cur.k === 'cmd') cur.cmd.flags.unshift(flag);
        else fn.clickParams.unshift(flag);
        return cur;
      },
    };
  }

  private typerCommandDeco(app: Cmd, node: PyCall, scope: Scope): Val {
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    const nameNode = node.args[0] ?? kw('name');
    const explicit = this.str(nameNode, scope);
    const hidden = this.lit(kw('hidden'), scope)?.value === 'True';
    return {
      k: 'deco',
      apply: (cur, fn) => {
        const cmd = this.newCmd('typer', explicit && nameNode ? keyAt(nameNode) : fn.at);
        cmd.name = explicit ?? fn.name.toLowerCase().replace(/_/g, '-');
        cmd.parent = app;
        cmd.flags.push(...this.typerFlags(fn, scope));
        cmd.entry.push(fn.name);
        cmd.hidden = hidden;
        return cur;
      },
    };
  }

  /** Options of a Typer command function: `typer.Option(...)` (default or `Annotated`), and plain parameters with defaults. */
  private typerFlags(fn: FnDef, scope: Scope): Flag[] {
    const out: Flag[] = [];
    for (const p of fn.params) {
      if (p.star || p.name === 'self' || p.name === 'cls') continue;
      let info: PyCall | undefined;
      let annotated = false;
      let type = p.annotation;
      if (p.annotation?.t === 'sub' && /(?:^|\.)Annotated$/.test(this.qual(p.annotation.obj) ?? '')) {
        type = p.annotation.index[0];
        for (const x of p.annotation.index.slice(1)) {
          if (x.t === 'call' && TYPER_PARAM.test(this.qual(x.func) ?? '')) {
            info = x;
            annotated = true;
          }
        }
      }
      if (!info && p.default?.t === 'call' && TYPER_PARAM.test(this.qual(p.default.func) ?? '')) info = p.default;
      if (info && /Argument$/.test(this.qual(info.func) ?? '')) continue;
      if (!info && !p.default) continue;
      const typeText = type ? this.src.slice(type.start, type.end).replace(/\s+/g, '') : '';
      if (/(?:^|\.)Context$/.test(typeText)) continue;
      let decls: PyNode[] = [];
      let defNode: PyNode | undefined = p.default;
      if (info) {
        const positional = info.args.filter((a) => a.t !== 'star');
        if (annotated) decls = positional;
        else {
          defNode = positional[0];
          decls = positional.slice(1);
        }
        const dk = info.kwargs.find((k) => k.name === 'default');
        if (dk) defNode = dk.value;
      }
      const { names } = this.flagNames(decls, scope);
      if (!names.length) {
        const base = p.name.toLowerCase().replace(/_/g, '-');
        names.push({ name: `--${base}`, at: p.start });
        if (/^(?:bool|Optional\[bool\]|typing\.Optional\[bool\]|bool\|None|None\|bool)$/.test(typeText)) names.push({ name: `--no-${base}`, at: p.start });
      }
      const kw = (name: string) => info?.kwargs.find((k) => k.name === name)?.value;
      const flag: Flag = { names, env: this.strings(kw('envvar'), scope), param: p.name };
      if (defNode) this.setDefault(flag, defNode, scope);
      if (this.lit(kw('hidden'), scope)?.value === 'True') flag.hidden = true;
      out.push(flag);
    }
    return out;
  }

  // ---- HTTP

  private routerCall(r: Router, method: string, node: PyCall, scope: Scope, args: Array<Val | undefined>): Result {
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    const routes = r.framework === 'flask' ? FLASK_ROUTES : FASTAPI_ROUTES;
    if (routes.has(method)) {
      this.addRoute(r, method, node, scope);
      return { k: 'deco', apply: (cur) => cur };
    }
    if (method === 'add_url_rule' && r.framework === 'flask') {
      let methods: string[] | undefined;
      const view = kw('view_func') ?? node.args[2];
      if (!kw('methods') && view?.t === 'call' && view.func.t === 'attr' && view.func.name === 'as_view') {
        const cls = this.pureVal(view.func.obj, scope);
        if (cls?.k === 'class') {
          const verbs = cls.methods.filter((m) => HTTP_METHODS.includes(m)).map((m) => m.toUpperCase());
          methods = verbs.length ? verbs : ['ANY'];
        } else methods = ['ANY'];
      }
      this.addRoute(r, 'route', node, scope, methods);
      return undefined;
    }
    if (method === 'add_api_route' && r.framework === 'fastapi') {
      this.addRoute(r, 'api_route', node, scope);
      return undefined;
    }
    if (method === 'register_blueprint' || method === 'include_router') {
      const sub = args[0];
      if (sub?.k === 'router' && sub.r !== r) sub.r.reg = { parent: r, prefix: this.str(kw(method === 'register_blueprint' ? 'url_prefix' : 'prefix'), scope) };
      return undefined;
    }
    if (method === 'run') this.port(node, scope, r.framework, r.framework === 'flask' ? 1 : undefined);
    return undefined;
  }

  private addRoute(r: Router, method: string, node: PyCall, scope: Scope, methodsOverride?: string[]): void {
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    const pathNode = node.args[0] ?? kw('rule') ?? kw('path');
    const path = this.str(pathNode, scope);
    if (path === undefined || !pathNode) return;
    let methods: string[];
    if (methodsOverride) methods = methodsOverride;
    else if (method === 'route' || method === 'api_route') {
      const m = this.lit(kw('methods'), scope);
      const listed = m?.kind === 'list' ? (m.items ?? []).map((i) => i.value ?? '') : m?.kind === 'str' ? [m.value ?? ''] : [];
      methods = listed.filter(Boolean).map((x) => x.toUpperCase());
      if (!methods.length) methods = ['GET'];
    } else methods = [method.toUpperCase()];
    r.routes.push({ path, at: keyAt(pathNode), methods });
  }

  /** A decorator on an object this file does not define: a route or command of a router/group from another module. */
  private unknownReceiverDeco(node: PyCall, method: string, scope: Scope): Val | undefined {
    const recvName = node.func.t === 'attr' ? dottedName(node.func.obj) : undefined;
    if (!recvName) return undefined;
    if (FLASK_ROUTES.has(method) || FASTAPI_ROUTES.has(method)) {
      const fw = this.frameworks.has('fastapi') ? 'fastapi' : this.frameworks.has('flask') || this.frameworks.has('quart') ? 'flask' : undefined;
      const path = this.str(node.args[0], scope);
      if (!fw || path === undefined || !(path === '' || path.startsWith('/'))) return undefined;
      let r = this.externalRouters.get(recvName);
      if (!r) {
        r = { framework: fw, app: false, routes: [] };
        this.routers.push(r);
        this.externalRouters.set(recvName, r);
      }
      this.addRoute(r, method, node, scope);
      return { k: 'deco', apply: (cur) => cur };
    }
    if (method === 'command' || method === 'group') {
      if (recvName.endsWith('.cli') && this.frameworks.has('flask')) {
        let c = this.externalCmds.get('flask');
        if (!c) {
          c = this.newCmd('click', node.start);
          c.prog = { name: 'flask', at: node.start };
          c.fixed = true;
          this.externalCmds.set('flask', c);
        }
        return this.clickCommandDeco(c, node, scope);
      }
      const via = this.frameworks.has('click') ? 'click' : this.frameworks.has('typer') ? 'typer' : undefined;
      if (!via) return undefined;
      let c = this.externalCmds.get(recvName);
      if (!c) {
        c = this.newCmd(via, node.start);
        c.external = true;
        this.externalCmds.set(recvName, c);
      }
      return via === 'typer' ? this.typerCommandDeco(c, node, scope) : this.clickCommandDeco(c, node, scope);
    }
    return undefined;
  }

  private djangoRoute(node: PyCall, scope: Scope, prefix: string): void {
    const kw = (name: string) => node.kwargs.find((k) => k.name === name)?.value;
    const q = this.qual(node.func) ?? '';
    const routeNode = node.args[0] ?? kw('route') ?? kw('regex');
    const view = node.args[1] ?? kw('view');
    const rest = [...node.args.slice(1), ...node.kwargs.map((k) => k.value)];
    const route = this.str(routeNode, scope);
    const part = route === undefined ? undefined : /(?:re_path|\.url)$/.test(q) ? djangoRegexPath(route) : route;
    if (part === undefined || !routeNode) {
      for (const a of rest) this.eval(a, scope);
      return;
    }
    if (view?.t === 'call' && /^django\.(?:urls|conf\.urls)\.include$/.test(this.qual(view.func) ?? '')) {
      let inner = view.args[0];
      if (inner?.t === 'seq' && inner.kind === 'tuple') inner = inner.items[0];
      if (inner?.t === 'seq' && inner.kind === 'list') {
        for (const item of inner.items) {
          if (item.t === 'call' && DJANGO_ROUTE_FUNCS.has(this.qual(item.func) ?? '')) this.djangoRoute(item, scope, prefix + part);
          else this.eval(item, scope);
        }
      } else for (const a of rest) this.eval(a, scope);
      return;
    }
    for (const a of rest) this.eval(a, scope);
    const full = `/${prefix}${part}`.replace(/\/{2,}/g, '/');
    this.add('route', `ANY ${normalizeRoutePath(full)}`, keyAt(routeNode), full, { method: 'ANY', framework: 'django' });
  }

  private port(node: PyCall, scope: Scope, via: string, positional: number | undefined): void {
    const pn = node.kwargs.find((k) => k.name === 'port')?.value ?? (positional !== undefined ? node.args[positional] : undefined);
    if (!pn) return;
    const v = this.valueOf(pn, scope);
    const n = Number(v.value);
    if (v.value && /^\d{1,5}$/.test(v.value) && n > 0 && n < 65536) this.add('port', String(n), pn.start, undefined, { via, env: v.env });
  }

  // ---- pydantic

  private pydantic(s: PyStmt, className: string, bases: PyNode[], kwargs: PyKwarg[], scope: Scope): void {
    let settings = false;
    let version: 1 | 2 | undefined;
    let inherited: { prefix: string; caseSensitive: boolean; version: 1 | 2 | undefined } | undefined;
    for (const b of bases) {
      const q = this.qual(b) ?? '';
      if (/^pydantic(?:\.v1)?(?:\.env_settings)?\.BaseSettings$/.test(q)) {
        settings = true;
        version = 1;
      } else if (/^pydantic_settings(?:\.main)?\.BaseSettings$/.test(q)) {
        settings = true;
        version = 2;
      } else if (q === 'BaseSettings') settings = true;
      else {
        const d = dottedName(b);
        const info = d ? this.settings.get(d) : undefined;
        if (info) inherited = info;
      }
    }
    if (!settings && !inherited) return;
    let prefix = inherited?.prefix ?? '';
    let caseSensitive = inherited?.caseSensitive ?? false;
    version ??= inherited?.version;
    const config = (name: string, node: PyNode) => {
      const l = this.lit(node, scope);
      if (name === 'env_prefix' && l?.kind === 'str') prefix = l.value ?? '';
      if (name === 'case_sensitive' && l?.kind === 'bool') caseSensitive = l.value === 'True';
    };
    for (const k of kwargs) config(k.name, k.value);
    const fields: PyStmt[] = [];
    for (const st of s.body) {
      const t0 = st.tokens[0];
      if (st.compound) {
        if (t0?.text === 'class' && st.tokens[1]?.text === 'Config') {
          version ??= 1;
          for (const c of st.body) {
            const a = simpleAssign(c);
            if (a) config(a.name, a.value);
          }
        }
        continue;
      }
      const a = simpleAssign(st);
      if (a?.name === 'model_config') {
        version ??= 2;
        const v = a.value;
        if (v.t === 'call') for (const k of v.kwargs) config(k.name, k.value);
        else if (v.t === 'dict') for (const it of v.items) if (it.key) config(this.str(it.key, scope) ?? '', it.value);
        continue;
      }
      if (t0?.kind === 'name' && st.tokens[1]?.kind === 'op' && st.tokens[1].text === ':') fields.push(st);
    }
    this.settings.set(className, { prefix, caseSensitive, version });
    for (const st of fields) {
      const nameTok = st.tokens[0] as PyToken;
      const field = nameTok.text;
      const p = new PyExprParser(st.tokens, 2);
      const ann = p.parseExpr();
      if (field.startsWith('_') || field === 'model_config' || /ClassVar/.test(this.src.slice(ann.start, ann.end))) continue;
      let def: PyNode | undefined;
      if (p.isOp('=')) {
        p.i++;
        def = p.parseTuple();
      }
      let required = !def;
      const overrides: Named[] = [];
      if (def?.t === 'call' && /(?:^|\.)Field$/.test(this.qual(def.func) ?? '')) {
        const call = def;
        const kw = (name: string) => call.kwargs.find((k) => k.name === name)?.value;
        def = call.args[0] ?? kw('default');
        required = !def && !kw('default_factory');
        if (version !== 2) overrides.push(...this.strings(kw('env'), scope));
        if (version !== 1) overrides.push(...this.strings(kw('validation_alias') ?? kw('alias'), scope));
      }
      const v: ValueOf = def ? this.valueOf(def, scope) : {};
      if (v.required) required = true;
      const names = overrides.length ? overrides : [{ name: prefix + field, at: nameTok.start }];
      for (const n of names) {
        const key = caseSensitive ? n.name : n.name.toUpperCase();
        this.add('env-var', key, n.at, v.computed ? undefined : v.value, { via: 'pydantic', class: className, field, required, computed: v.computed });
      }
    }
  }

  // ---- emission

  private fallbackName(): string {
    const parts = this.file.path.split('/');
    const base = parts[parts.length - 1] as string;
    if ((base === '__main__.py' || base === '__init__.py') && parts.length > 1) return parts[parts.length - 2] as string;
    return base;
  }

  private emitCommands(): void {
    const canon = (c: Cmd): Cmd => {
      let x = c;
      for (let k = 0; k < 10 && x.mergedInto; k++) x = x.mergedInto;
      return x;
    };
    const kids = new Map<Cmd, Cmd[]>();
    for (const c of this.cmds) {
      if (c.mergedInto || !c.parent) continue;
      const p = canon(c.parent);
      kids.set(p, [...(kids.get(p) ?? []), c]);
    }
    for (const root of this.cmds) {
      if (root.parent || root.mergedInto || root.usedAsParent) continue;
      const children = kids.get(root) ?? [];
      if (root.external) {
        for (const c of children) if (c.name) this.emitCmd(c, [], c.name, kids, true, c.autoEnvPrefix, new Set());
        continue;
      }
      if (root.typerApp && !children.length && !root.flags.length) continue;
      const name = root.prog?.name ?? this.fallbackName();
      const rootMeta = root.fixed ? undefined : { module: this.module, fallback: !root.prog };
      const only = children[0];
      if (root.typerApp && !root.hasCallback && children.length === 1 && only && !only.typerApp && !kids.get(only)?.length) {
        // A Typer app with one command and no callback runs that command directly.
        const merged: Cmd = { ...root, flags: [...root.flags, ...only.flags], entry: [...root.entry, ...only.entry] };
        this.emitCmd(merged, [], name, new Map(), false, root.autoEnvPrefix, new Set(), rootMeta);
        continue;
      }
      this.emitCmd(root, [], name, kids, false, root.autoEnvPrefix, new Set(), rootMeta);
    }
  }

  /**
   * Emits a command and its subtree. `fallback`: the root is named after the file, not after an
   * executable; every command of the tree says so, as every command of a partial tree says it is.
   */
  private emitCmd(
    c: Cmd,
    words: string[],
    name: string,
    kids: Map<Cmd, Cmd[]>,
    partial: boolean,
    autoPrefix: string | undefined,
    stack: Set<Cmd>,
    root?: { module: string; fallback: boolean },
    fallback = root?.fallback ?? false,
  ): void {
    if (stack.has(c) || stack.size > 20) return;
    stack.add(c);
    const path = [...words, name];
    const key = path.join(' ');
    const rootMeta = root ? { module: root.module, entry: c.entry.join(',') || undefined } : {};
    this.add('cli-command', key, c.prog?.at ?? c.at, undefined, { via: c.via, partial, hidden: c.hidden, ...rootMeta, fallback });
    for (const a of c.aliases) this.add('cli-command', [...words, a.name].join(' '), a.at, undefined, { via: c.via, partial, alias: key, hidden: c.hidden, fallback });
    for (const f of [...c.flags, ...c.parents.flatMap((p) => p.flags)]) this.emitFlag(f, key, c.via, partial, autoPrefix);
    for (const k of kids.get(c) ?? []) {
      if (!k.name) continue;
      const prefix = k.autoEnvPrefix ?? (autoPrefix ? `${autoPrefix}_${k.name.toUpperCase().replace(/-/g, '_')}` : undefined);
      this.emitCmd(k, path, k.name, kids, partial, prefix, stack, undefined, fallback);
    }
    stack.delete(c);
  }

  private emitFlag(f: Flag, command: string, via: string, partial: boolean, autoPrefix: string | undefined): void {
    const canonical = f.names.find((n) => n.name.startsWith('--')) ?? f.names[0];
    if (!canonical) return;
    const short = f.names.find((n) => /^-[^-]$/.test(n.name) && n !== canonical);
    const env = f.env[0]?.name ?? f.envFromDefault;
    const meta: Meta = { command, via, short: short?.name, env, required: f.required, hidden: f.hidden, computed: f.computed, partial };
    this.add('cli-flag', canonical.name, canonical.at, f.value, meta);
    for (const n of f.names) {
      if (n !== canonical && n.name !== canonical.name) this.add('cli-flag', n.name, n.at, f.value, { ...meta, short: undefined, alias: canonical.name });
    }
    const envValue = f.computed ? undefined : f.value;
    for (const e of f.env) this.add('env-var', e.name, e.at, envValue, { via, flag: canonical.name, command, partial, computed: f.computed });
    if (autoPrefix && !f.env.length && f.param) {
      this.add('env-var', `${autoPrefix}_${f.param.toUpperCase()}`, canonical.at, envValue, { via, flag: canonical.name, command, auto: true, partial });
    }
    if (/^--(?:[\w-]+-)?port$/.test(canonical.name) && f.value && !f.computed && /^\d{1,5}$/.test(f.value) && Number(f.value) > 0 && Number(f.value) < 65536) {
      this.add('port', String(Number(f.value)), canonical.at, undefined, { via: 'flag', flag: canonical.name, command, env });
    }
  }

  private emitRoutes(): void {
    for (const r of this.routers) {
      const { prefix, partial } = this.prefixOf(r, 0);
      for (const rt of r.routes) {
        const full = joinPath(prefix, rt.path);
        for (const m of rt.methods) this.add('route', `${m} ${normalizeRoutePath(full)}`, rt.at, full, { method: m, framework: r.framework, partial });
      }
    }
  }

  private prefixOf(r: Router, depth: number): { prefix: string; partial: boolean } {
    if (r.app) return { prefix: '', partial: false };
    if (!r.reg || depth > 10) return { prefix: r.prefix ?? '', partial: true };
    const up = this.prefixOf(r.reg.parent, depth + 1);
    const own = r.framework === 'flask' ? (r.reg.prefix ?? r.prefix ?? '') : (r.reg.prefix ?? '') + (r.prefix ?? '');
    return { prefix: joinPath(up.prefix, own).replace(/^\/$/, ''), partial: up.partial };
  }
}

// ------------------------------------------------------------------------------------------------
// Provider

/** Whether `path` is a Python source to read (not tests, virtual environments or installed packages). */
export function isPythonSource(path: string): boolean {
  if (!path.endsWith('.py')) return false;
  const base = path.split('/').pop() ?? '';
  if (/^test_.*\.py$/.test(base) || /_test\.py$/.test(base) || base === 'conftest.py') return false;
  if (/(?:^|\/)(?:tests?|venv|\.venv|site-packages|dist-packages|node_modules|\.tox|\.nox|__pypackages__|\.git)\//.test(path)) return false;
  return !/(?:^|\/)lib\/python\d[^/]*\//.test(path);
}

export const pythonProvider: FactProvider = {
  id: 'python',
  matches: isPythonSource,
  provide(file: SystemFile, sink: FactSink) {
    for (const fact of new PythonScan(file).run()) sink.add(fact);
  },
  link: linkPythonEntryPoints,
};

/** The dotted module a Python file defines (`src/payments/cli.py` → `src.payments.cli`). */
export function pythonModuleOf(path: string): string {
  return path.replace(/\.py$/, '').split('/').join('.').replace(/\.__init__$/, '');
}

/**
 * Ties CLI trees to the executables that run them, across files: for each `bin` fact with
 * `meta.module` (an entry point `payments-cli = "payments.cli:main"` read by the pyproject provider),
 * the root `cli-command` of the `python` provider whose `meta.module` ends with that module (in the
 * manifest's directory or below) — the only root of that module, else the one whose `meta.entry`
 * names the entry point's function — gives a copy of every command and flag of its file re-rooted
 * under the executable's name (`cli.py db migrate` → `payments-cli db migrate`, `meta.bin` set).
 * Providers see one file at a time, so this runs once all facts are read; it returns the facts to
 * add and changes nothing.
 */
export function linkPythonEntryPoints(facts: { all(kind: FactKind): Fact[] }): Fact[] {
  const out: Fact[] = [];
  const seen = new Set<string>();
  const commands = facts.all('cli-command').filter((f) => f.provider === 'python');
  const flags = facts.all('cli-flag').filter((f) => f.provider === 'python');
  const roots = commands.filter((f) => typeof f.meta?.['module'] === 'string' && !f.key.includes(' ') && f.meta['alias'] === undefined);
  for (const bin of facts.all('bin')) {
    const module = bin.meta?.['module'];
    if (typeof module !== 'string' || !module) continue;
    const fn = String(bin.meta?.['function'] ?? '');
    const slash = bin.origin.file.lastIndexOf('/');
    const dir = slash < 0 ? '' : bin.origin.file.slice(0, slash + 1);
    const candidates = roots.filter((r) => {
      const m = String(r.meta?.['module']);
      return (m === module || m.endsWith(`.${module}`)) && r.origin.file.startsWith(dir);
    });
    const byFile = new Map<string, Fact>();
    for (const c of candidates) if (!byFile.has(`${c.origin.file}\0${c.key}`)) byFile.set(`${c.origin.file}\0${c.key}`, c);
    let chosen = [...byFile.values()];
    if (chosen.length > 1) chosen = chosen.filter((r) => String(r.meta?.['entry'] ?? '').split(',').includes(fn));
    const root = chosen.length === 1 ? chosen[0] : undefined;
    if (!root || root.key === bin.key) continue;
    const rename = (k: string): string | undefined => (k === root.key ? bin.key : k.startsWith(`${root.key} `) ? bin.key + k.slice(root.key.length) : undefined);
    const push = (f: Fact) => {
      const id = `${f.kind}\0${f.key}\0${f.origin.file}\0${f.origin.start.line}\0${f.origin.start.column ?? ''}\0${String(f.meta?.['command'] ?? '')}`;
      if (seen.has(id)) return;
      seen.add(id);
      out.push(f);
    };
    for (const c of commands) {
      if (c.origin.file !== root.origin.file) continue;
      const key = rename(c.key);
      if (!key) continue;
      const meta: Record<string, string | number | boolean> = { ...c.meta, bin: bin.key };
      delete meta['fallback'];
      if (typeof meta['alias'] === 'string') meta['alias'] = rename(meta['alias']) ?? meta['alias'];
      push({ ...c, key, meta });
    }
    for (const f of flags) {
      if (f.origin.file !== root.origin.file) continue;
      const command = rename(String(f.meta?.['command'] ?? ''));
      if (!command) continue;
      push({ ...f, meta: { ...f.meta, command, bin: bin.key } });
    }
  }
  return out;
}
