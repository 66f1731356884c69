/**
 * Go sources (`*.go`; not `*_test.go`, nor files under `vendor/`, `testdata/` or a directory whose
 * name starts with `_` or `.`, which the go tool ignores too, nor test support under `fixtures/`,
 * `mocks/`, `mock/`, `testutil(s)/`; nor files whose `//go:build` line leaves them out of every
 * default build, such as `ignore`, `generate` or `tools`) → facts read by a lexical scan, one file at
 * a time. Nothing is type-checked or run.
 *
 * - `env-var` (key = variable, value = default where the code states one):
 *   `os.Getenv`/`os.LookupEnv`/`syscall.Getenv` (`meta.via` names the call; `os.Setenv` is a write
 *   and is ignored; `cmp.Or(os.Getenv("X"), "d")` gives the default); helpers named like
 *   `getEnv("X", "d")`/`envOrDefault` with an UPPER_SNAKE first argument (`via: 'helper'`);
 *   urfave/cli flag sources (`EnvVar: "A,B"` v1, `EnvVars: []string{...}` v2, `Sources:
 *   cli.EnvVars(...)`/`cli.EnvVar(...)` v3; value = the flag's `Value:`, `meta: {flag, via:
 *   'urfave/cli'}`); viper `BindEnv("key", "ENV")` (`meta.configKey`; a one-argument BindEnv gives the
 *   derived `PREFIX_KEY` with `meta.derived`) and `SetEnvPrefix("app")` + `AutomaticEnv()` (key
 *   `APP_*`, `meta.prefix`); struct tags `env:"X"` with `envDefault:"d"`/`env-default:"d"`/`default:"d"`/
 *   `env:"X, default=d"` and `envconfig:"x"` (upper-cased) with `default:"d"` (`via: 'struct-tag'`,
 *   `meta: {tag, field, required?}`); environment maps, i.e. `map[string]string{...}` literals with at
 *   least three string keys, all UPPER_SNAKE and one with `_` (`"CI_REPO_NAME": repo.Name`),
 *   `m["X"] = ...` on such a map or on a variable named like `env`, and UPPER_SNAKE string arguments
 *   of setter helpers named `set…Env…`/`copy…Env…` (`setNonEmptyEnvVar(params, "CI_REPO", v)`, with
 *   `meta.helper`) — how CI systems define what they inject (`via: 'env-map'`, value = a literal value).
 * - `cli-command` (key = command path from the executable, `woodpecker-cli repo add`) and
 *   `cli-flag` (key = `--name`, or `-n` for one-letter names; value = default; `meta: {command,
 *   via, short?, env?, persistent?, required?, hidden?, partial?, computed?}`), for urfave/cli v1-v3
 *   (`cli.App`, `cli.NewApp()`, `cli.Command` literals, `Subcommands`/`Commands`, `Flags`, field
 *   assignments `app.Name = ...`), spf13/cobra (`cobra.Command{Use: ...}`, `AddCommand`,
 *   `Flags()`/`PersistentFlags()` with every pflag `T/TP/TVar/TVarP` form) and the stdlib `flag`
 *   package (`flag.T`/`flag.TVar`, `flag.NewFlagSet("sub", ...)` as a subcommand). Aliases (urfave
 *   `Aliases`, cobra shorthands and command `Aliases`) give extra facts with `meta.alias` = the
 *   canonical key. Flags in slices (`var common = []cli.Flag{...}`, `append(a, b...)`, any call's
 *   slice arguments such as `MergeSlices(a, b)`) follow the variables and in-file functions that
 *   hold them; a flag no command of the file reaches is put on the executable (`cmd/<name>/` for
 *   package `main`) with `meta.partial`, or on no command at all outside `main`.
 * - Across files and packages ({@link linkGoCommands}, the provider's `link` pass once every file is
 *   read): each file records what it cannot resolve, as meta (flat, comma-joined) that only linking
 *   reads. References are `importpath#Ident` (through the file's imports) or `#Ident` (same package,
 *   i.e. directory); local variables are followed to what they were bound to. On `cli-command`:
 *   `goDefs` (the package-level variables and non-method functions that hold or return the command,
 *   also as an element of a slice: `var Command = ...`, `rootCmd = ...` in `init`, `func NewCmd()`,
 *   `var All = []*cli.Command{...}`), `goRefs` (children not in the file: `Commands: {admin.Command}`,
 *   `AddCommand(sub.NewCmd())`), `goParents` (`rootCmd.AddCommand(thisCmd)` with `rootCmd` elsewhere),
 *   `goFlagRefs` (flags not in the file: `Flags: common.GlobalFlags`, `common.FormatFlag(t)`), and
 *   `goDefRefs` (`Holder>ref`: what a holding slice also holds from elsewhere). On `cli-flag`:
 *   `goDefs`, `goDefRefs` (likewise, for urfave flags) and `goRecv` (`serveCmd.Flags().Bool(...)`
 *   with `serveCmd` elsewhere). Linking adds full-path copies of every command, alias and flag a root
 *   reaches (`woodpecker-cli admin user add`), without `meta.partial` or these link keys; the partial
 *   originals stay. See {@link linkGoCommands} for how import paths map to directories.
 * - `bin` (`meta.via: 'go-main'`): for package `main`, each root command's name (`Name:`/`Use:`),
 *   else, in the file with `func main`, the directory name (what `go build` names the binary).
 * - `route` (key = `METHOD /path` with parameters as `{}`, value = the path as written, `meta:
 *   {method, framework, partial?}`, method `ANY` when not stated): net/http (`HandleFunc`, `Handle`,
 *   Go 1.22 `"GET /x/{id}"` patterns), gin and echo (`GET`..., `Any`, `Handle`, `Add`, `Match`,
 *   `Group` prefixes), chi (`Get`..., `Method`, `Route`/`Group` closures and `Route` with an in-file
 *   function, `Mount` of an in-file function), fiber (as chi), gorilla/mux (`HandleFunc(...).Methods(...)`,
 *   `PathPrefix(...).Subrouter()`). Group variables are followed through the block they are declared
 *   in; a route whose router comes from outside the file (a parameter, a field) has `meta.partial`
 *   (its path may lack a mount prefix).
 * - `port` (key = number, `meta: {via, host?, flag?, env?}`): `http.ListenAndServe[TLS]`,
 *   `net.Listen`/`tls.Listen`, gin `Run`, echo `Start`, fiber `Listen`, `http.Server{Addr:}` and
 *   `x.Addr = "..."`, and flag or env defaults of names like addr/port/listen/bind.
 *
 * Limits: no type checking (receivers are classified by imports and by what variables are bound
 * to in the file); string constants are resolved only within the file (`const envX = "X"`, also in
 * `const (...)` blocks and concatenations), never across files or packages (`envs.LogLevel` is not
 * resolved, so such reads are missed); computed names (`os.Getenv(prefix + name)` with a non-constant
 * part, `fmt.Sprintf`) are missed; per file, a command whose parent is in another file has a key
 * that starts at the highest command this file shows, with `meta.partial` (consumers should match
 * it as a suffix and must not take its first word as an executable); linking then copies it under
 * every root that reaches it, but only through package-level names: commands held only in struct
 * fields, maps, locals of another function, loops (`for _, c := range cmds { root.AddCommand(c) }`)
 * or method calls (`b.newServeCmd()`) are not followed, nor a wiring file that shows neither parent
 * nor child (`root.AddCommand(a.Cmd)` with `root` from another file), nor a slice of commands or flags
 * none of whose elements its file defines (the references have no fact to ride on); a root is a
 * command the provider reports without `meta.partial` (or a partial one named like a `bin`
 * executable that nothing links under another command), so trees nobody roots stay partial; two
 * partial commands of the same name in one file share their subtree; function arguments are not
 * substituted (`FormatFlag(tmpl)` keeps its computed default); shadowing by parameters is not seen
 * (a parameter named like a package-level command may mislink); depth is capped at 16 and output
 * at 100,000 facts; persistent flags are reported on the command that defines them only; a default that is not a
 * literal is given as written with `meta.computed`; gorilla routes built as
 * `r.Methods(...).Path(...)` and routers mounted from other files are not followed; envconfig
 * prefixes (`envconfig.Process("app", ...)`) and caarlos0 `envPrefix` are not applied.
 */
import { normalizeRoutePath } from '../../extract/http.js';
import type { Fact, FactKind, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

// ------------------------------------------------------------------------------------------------
// Lexer

/** One Go token; `value` is the decoded content of string literals. Automatic semicolons are `;` tokens with `auto`. */
export interface GoToken {
  kind: 'ident' | 'string' | 'char' | 'number' | 'op';
  text: string;
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
  value?: string;
  auto?: boolean;
}

const KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if',
  'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);
const SEMI_KEYWORDS = new Set(['break', 'continue', 'fallthrough', 'return']);
const OPS3 = ['<<=', '>>=', '&^=', '...'];
const OPS2 = ['&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '>>', '&^'];
const NUMBER = /0[xX][\da-fA-F_]*(?:\.[\da-fA-F_]*)?(?:[pP][+-]?\d+)?i?|0[bBoO][\d_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?[\d_]+)?i?/y;
const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Decodes the escapes of an interpreted string literal's body. */
function decodeGoString(body: string): string {
  return body.replace(/\\(?:([abfnrtv\\'"])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3}))/g, (m, c?: string, x?: string, u?: string, U?: string, o?: string) => {
    if (c) return ESCAPES[c] ?? m;
    const hex = x ?? u ?? U;
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return o ? String.fromCharCode(Number.parseInt(o, 8)) : m;
  });
}

function isIdentChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

/**
 * Tokenises Go source: comments are dropped (and blanked in `code`, which keeps every offset and
 * newline of `src`), string literals (interpreted and raw) are decoded, and semicolons are inserted
 * at line ends by the language's rule, so that statements can be told apart.
 */
export function lexGo(src: string): { tokens: GoToken[]; code: string } {
  const tokens: GoToken[] = [];
  const code = src.split('');
  const n = src.length;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (code[k] !== '\n' && code[k] !== '\r') code[k] = ' ';
  };
  const newline = (at: number) => {
    const t = tokens[tokens.length - 1];
    if (!t) return;
    const needs =
      t.kind === 'ident' ? !KEYWORDS.has(t.text) || SEMI_KEYWORDS.has(t.text) : t.kind !== 'op' || [')', ']', '}', '++', '--'].includes(t.text);
    if (needs) tokens.push({ kind: 'op', text: ';', start: at, end: at, auto: true });
  };
  let i = 0;
  while (i < n) {
    const ch = src[i] as string;
    const code0 = src.charCodeAt(i);
    if (ch === '\n') {
      newline(i);
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || code0 === 0xfeff) {
      i++;
    } else if (ch === '/' && src[i + 1] === '/') {
      let e = src.indexOf('\n', i);
      if (e < 0) e = n;
      blank(i, e);
      i = e;
    } else if (ch === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      const stop = e < 0 ? n : e + 2;
      const multiline = src.slice(i, stop).includes('\n');
      blank(i, stop);
      if (multiline) newline(i);
      i = stop;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < n && src[j] !== ch && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      const closed = j < n && src[j] === ch;
      const end = closed ? j + 1 : Math.min(j, n);
      tokens.push({ kind: ch === '"' ? 'string' : 'char', text: src.slice(i, end), start: i, end, value: decodeGoString(src.slice(i + 1, closed ? j : end)) });
      i = end;
    } else if (ch === '`') {
      const j = src.indexOf('`', i + 1);
      const end = j < 0 ? n : j + 1;
      tokens.push({ kind: 'string', text: src.slice(i, end), start: i, end, value: src.slice(i + 1, j < 0 ? n : j).replace(/\r/g, '') });
      i = end;
    } else if ((code0 >= 48 && code0 <= 57) || (ch === '.' && /\d/.test(src[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src);
      const end = m ? i + m[0].length : i + 1;
      tokens.push({ kind: 'number', text: src.slice(i, end), start: i, end });
      i = end;
    } else if (isIdentChar(code0)) {
      let j = i + 1;
      while (j < n && isIdentChar(src.charCodeAt(j))) j++;
      tokens.push({ kind: 'ident', text: src.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const op = OPS3.includes(three) ? three : OPS2.includes(two) ? two : ch;
      tokens.push({ kind: 'op', text: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  newline(n);
  return { tokens, code: code.join('') };
}

// ------------------------------------------------------------------------------------------------
// A light syntactic model of one file

/** Token indices `[from, to)`. */
type Range = readonly [number, number];

interface Binding {
  name: string;
  /** Token index of the name. */
  at: number;
  /** Token range the name is visible in. */
  scope: Range;
  /** Declared at package level: visible before its declaration too. */
  pkg: boolean;
  /** A plain assignment `x = ...` (not a declaration): assigns an outer variable. */
  assign?: boolean;
  /** The bound expression. */
  expr?: Range;
  /** A router parameter of a chi/fiber `Route`/`Group` closure (or a function passed to `Route`): prefix = router(recv) + path. */
  route?: { recv: Range; path: string; at: number };
}

interface FuncDecl {
  name: string;
  at: number;
  /** A method (has a receiver): not callable as `pkg.Name()`. */
  method: boolean;
  open: number;
  close: number;
  /** First parameter name. */
  param?: string;
  /** First expression of each `return` of the function itself. */
  returns: Range[];
}

interface Arg {
  r: Range;
  spread: boolean;
}

interface Call {
  fn: string;
  open: number;
  close: number;
  args: Arg[];
}

interface Literal {
  type: string;
  open: number;
  close: number;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

class GoFile {
  readonly toks: GoToken[];
  readonly n: number;
  readonly code: string;
  readonly match: Int32Array;
  readonly encl: Int32Array;
  readonly starts: number[];
  pkg = '';
  /** Import alias → import path (blank and dot imports left out). */
  readonly imports = new Map<string, string>();
  readonly bindings = new Map<string, Binding[]>();
  readonly funcs = new Map<string, FuncDecl>();
  readonly funcBodies = new Set<number>();
  /** Token index of `main` in `func main()`, or -1. */
  mainAt = -1;
  /** `X.F = expr` statements. */
  readonly fieldAssigns: Array<{ base: string; field: string; at: number; expr: Range }> = [];
  /** `X["KEY"] = expr` statements. */
  readonly indexAssigns: Array<{ base: string; keyAt: number; expr: Range }> = [];
  private readonly eof: GoToken;

  constructor(text: string) {
    const { tokens, code } = lexGo(text);
    this.toks = tokens;
    this.n = tokens.length;
    this.code = code;
    this.eof = { kind: 'op', text: '', start: text.length, end: text.length };
    this.match = new Int32Array(this.n).fill(-1);
    this.encl = new Int32Array(this.n).fill(-1);
    const stack: number[] = [];
    const braces: number[] = [];
    for (let k = 0; k < this.n; k++) {
      const x = this.txt(k);
      const kind = this.t(k).kind;
      if (kind === 'op' && CLOSERS[x]) {
        // Tolerate bad nesting: drop openers of another kind.
        let top = stack.length - 1;
        while (top >= 0 && this.txt(stack[top] as number) !== CLOSERS[x]) top--;
        if (top >= 0) {
          const open = stack[top] as number;
          stack.length = top;
          this.match[open] = k;
          this.match[k] = open;
        }
        if (x === '}') {
          const b = braces.lastIndexOf(this.match[k] ?? -1);
          if (b >= 0) braces.length = b;
        }
      }
      this.encl[k] = braces.length ? (braces[braces.length - 1] as number) : -1;
      if (kind === 'op' && OPENERS[x]) {
        stack.push(k);
        if (x === '{') braces.push(k);
      }
    }
    this.starts = [0];
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) this.starts.push(k + 1);
    this.scanDeclarations();
  }

  t(i: number): GoToken {
    return this.toks[i] ?? this.eof;
  }

  txt(i: number): string {
    return (this.toks[i] ?? this.eof).text;
  }

  isIdent(i: number): boolean {
    const t = this.t(i);
    return t.kind === 'ident' && !KEYWORDS.has(t.text);
  }

  /** 1-based line and column of token `i`. */
  pos(i: number): Position {
    const offset = this.t(i).start;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }

  /** The source text of a range, comments removed and white space collapsed. */
  text(r: Range): string {
    if (r[1] <= r[0]) return '';
    return this.code.slice(this.t(r[0]).start, this.t(r[1] - 1).end).replace(/\s+/g, ' ').trim();
  }

  /** Index after the closer matching the opener at `i` (or `i + 1` when unmatched). */
  skip(i: number): number {
    const m = this.match[i] ?? -1;
    return m > i ? m + 1 : i + 1;
  }

  /** An expression from `a`: up to a `,`, `;` or unmatched closer at depth 0. */
  exprFrom(a: number, limit = this.n): Range {
    let k = a;
    while (k < limit) {
      const t = this.t(k);
      if (t.kind === 'op') {
        if (OPENERS[t.text]) {
          const m = this.match[k] ?? -1;
          if (m < 0) return [a, limit];
          k = m + 1;
          continue;
        }
        if (t.text === ',' || t.text === ';' || CLOSERS[t.text]) break;
      }
      k++;
    }
    return [a, k];
  }

  /** Splits `[a, b)` on `sep` tokens at depth 0 (empty parts dropped). */
  splitTop(a: number, b: number, sep = ','): Range[] {
    const out: Range[] = [];
    let s = a;
    for (let k = a; k < b; k++) {
      const t = this.t(k);
      if (t.kind !== 'op') continue;
      if (OPENERS[t.text]) {
        const m = this.match[k] ?? -1;
        if (m < 0 || m >= b) break;
        k = m;
        continue;
      }
      if (t.text === sep) {
        if (k > s) out.push([s, k]);
        s = k + 1;
      }
    }
    if (b > s) out.push([s, b]);
    return out.filter(([x, y]) => y > x && !(y - x === 1 && this.txt(x) === ';'));
  }

  /** `a.b.c` for a range of identifiers joined by dots; undefined otherwise. */
  dotted(r: Range): string | undefined {
    const [a, b] = r;
    if (b <= a || (b - a) % 2 === 0) return undefined;
    const parts: string[] = [];
    for (let k = a; k < b; k++) {
      if ((k - a) % 2 === 0) {
        if (this.t(k).kind !== 'ident') return undefined;
        parts.push(this.txt(k));
      } else if (this.txt(k) !== '.') return undefined;
    }
    return parts.join('.');
  }

  /** A composite literal filling `r` (an optional `&`, a type, `{...}`); `type` is `''` for elided types. */
  literal(r: Range): Literal | undefined {
    let [a] = r;
    const b = r[1];
    if (this.txt(a) === '&') a++;
    const close = b - 1;
    if (close < a || this.txt(close) !== '}') return undefined;
    const open = this.match[close] ?? -1;
    if (open < a) return undefined;
    let type = '';
    for (let k = a; k < open; k++) {
      const t = this.t(k);
      if (t.kind === 'ident' || (t.kind === 'op' && ['.', '[', ']', '*'].includes(t.text))) type += t.text;
      else return undefined;
    }
    return { type, open, close };
  }

  /** The type written before the `{` at `open` (e.g. `cli.StringFlag`, `[]*cli.Command`, `map[string]string`). */
  typeBefore(open: number): { type: string; start: number } {
    let k = open - 1;
    let type = '';
    let prevIdent = false;
    while (k >= 0) {
      const t = this.t(k);
      if (t.kind === 'ident') {
        if (prevIdent || (KEYWORDS.has(t.text) && t.text !== 'map')) break;
        prevIdent = true;
      } else if (t.kind === 'op' && ['.', '[', ']', '*'].includes(t.text)) prevIdent = false;
      else break;
      type = t.text + type;
      k--;
    }
    return { type, start: k + 1 };
  }

  /** A call filling `r`: a dotted function name and its arguments. */
  call(r: Range): Call | undefined {
    const [a, b] = r;
    const close = b - 1;
    if (this.txt(close) !== ')') return undefined;
    const open = this.match[close] ?? -1;
    if (open <= a) return undefined;
    const fn = this.dotted([a, open]);
    if (fn === undefined) return undefined;
    return { fn, open, close, args: this.args(open) };
  }

  /** Arguments of the call whose `(` is at `open`. */
  args(open: number): Arg[] {
    const close = this.match[open] ?? -1;
    if (close < 0) return [];
    return this.splitTop(open + 1, close).map(([x, y]) => (this.txt(y - 1) === '...' ? { r: [x, y - 1] as Range, spread: true } : { r: [x, y] as Range, spread: false }));
  }

  /** Fields `Key: value` of the composite literal whose `{` is at `open`. */
  fields(open: number): Map<string, Range> {
    const out = new Map<string, Range>();
    const close = this.match[open] ?? -1;
    if (close < 0) return out;
    for (const [a, b] of this.splitTop(open + 1, close)) {
      if (this.t(a).kind === 'ident' && this.txt(a + 1) === ':') out.set(this.txt(a), [a + 2, b]);
    }
    return out;
  }

  /** Elements of the composite literal whose `{` is at `open`; for keyed elements, `key` is the key range. */
  elements(open: number): Array<{ key?: Range; value: Range }> {
    const close = this.match[open] ?? -1;
    if (close < 0) return [];
    return this.splitTop(open + 1, close).map(([a, b]) => {
      const parts = this.splitTop(a, b, ':');
      if (parts.length === 2) return { key: parts[0] as Range, value: parts[1] as Range };
      return { value: [a, b] as Range };
    });
  }

  /** The binding of `name` visible at token `at`. */
  lookup(name: string, at: number): Binding | undefined {
    let best: Binding | undefined;
    for (const b of this.bindings.get(name) ?? []) {
      if (at < b.scope[0] || at >= b.scope[1]) continue;
      if (!b.pkg && b.at >= at) continue;
      if (b.expr && at >= b.expr[0] && at < b.expr[1]) continue; // its own initialiser
      if (!best || b.scope[0] > best.scope[0] || (b.scope[0] === best.scope[0] && b.at > best.at)) best = b;
    }
    return best;
  }

  /** A string constant: a literal, a same-file constant or variable, or a `+` concatenation of those. */
  str(r: Range, depth = 0): string | undefined {
    const [a, b] = r;
    if (b <= a || depth > 8) return undefined;
    if (b - a === 1) {
      const t = this.t(a);
      if (t.kind === 'string') return t.value;
      if (t.kind === 'ident' && !KEYWORDS.has(t.text)) {
        const bind = this.lookup(t.text, a);
        return bind?.expr ? this.str(bind.expr, depth + 1) : undefined;
      }
      return undefined;
    }
    if (this.txt(a) === '(' && this.match[a] === b - 1) return this.str([a + 1, b - 1], depth + 1);
    const parts = this.splitTop(a, b, '+');
    if (parts.length < 2) return undefined;
    let out = '';
    for (const p of parts) {
      const s = this.str(p, depth + 1);
      if (s === undefined) return undefined;
      out += s;
    }
    return out;
  }

  /** Whether `name` is an import alias of a path accepted by `test`. */
  importIs(name: string, test: (path: string) => boolean): boolean {
    const p = this.imports.get(name);
    return p !== undefined && test(p);
  }

  /** Aliases of the imports accepted by `test`. */
  aliases(test: (path: string) => boolean): Set<string> {
    const out = new Set<string>();
    for (const [alias, p] of this.imports) if (test(p)) out.add(alias);
    return out;
  }

  /** Calls `recv.method(...)`: index of the `.`, the method name and the `(`. */
  *methodCalls(methods: Set<string> | ((name: string) => boolean)): Generator<{ dot: number; name: string; open: number }> {
    const accept = typeof methods === 'function' ? methods : (m: string) => methods.has(m);
    for (let k = 1; k + 2 < this.n; k++) {
      if (this.txt(k) === '.' && this.t(k + 1).kind === 'ident' && this.txt(k + 2) === '(' && accept(this.txt(k + 1))) {
        yield { dot: k, name: this.txt(k + 1), open: k + 2 };
      }
    }
  }

  /** The receiver expression before the `.` at `dot`: `r`, `r.With(mw)`, `e.Group("/x")`, `s.router`. */
  receiver(dot: number): Range {
    let j = dot - 1;
    let start = dot;
    for (;;) {
      if (this.txt(j) === ')') {
        const open = this.match[j] ?? -1;
        if (open < 0 || !this.isIdent(open - 1)) break;
        j = open - 1;
      }
      if (!this.isIdent(j)) break;
      start = j;
      if (this.txt(j - 1) !== '.') break;
      j -= 2;
    }
    return [start, dot];
  }

  /** The chain `base(.name(args)?)*` filling `r`. */
  chain(r: Range): { base: string; baseAt: number; segs: Array<{ name: string; at: number; open?: number }> } | undefined {
    const [a, b] = r;
    if (!this.isIdent(a)) return undefined;
    const segs: Array<{ name: string; at: number; open?: number }> = [];
    let k = a + 1;
    if (this.txt(k) === '(') {
      segs.push({ name: '', at: a, open: k });
      k = this.skip(k);
    }
    while (k < b) {
      if (this.txt(k) !== '.' || this.t(k + 1).kind !== 'ident') return undefined;
      const seg: { name: string; at: number; open?: number } = { name: this.txt(k + 1), at: k + 1 };
      k += 2;
      if (this.txt(k) === '(') {
        seg.open = k;
        k = this.skip(k);
      }
      segs.push(seg);
    }
    return k === b ? { base: this.txt(a), baseAt: a, segs } : undefined;
  }

  /** The enclosing function (declaration or literal) body `{` of token `i`, or -1. */
  funcBodyOf(i: number): number {
    let b = this.encl[i] ?? -1;
    while (b >= 0 && !this.funcBodies.has(b)) b = this.encl[b] ?? -1;
    return b;
  }

  private addBinding(name: string, at: number, expr: Range | undefined, route?: Binding['route'], scope?: Range, assign = false): void {
    const e = this.encl[at] ?? -1;
    const pkg = !scope && e < 0;
    const b: Binding = { name, at, scope: scope ?? (e < 0 ? [0, this.n] : [e + 1, this.match[e] ?? this.n]), pkg };
    if (assign) b.assign = true;
    if (expr) b.expr = expr;
    if (route) b.route = route;
    const list = this.bindings.get(name);
    if (list) list.push(b);
    else this.bindings.set(name, [b]);
  }

  /** Adds a scoped router binding (chi `Route` closures). */
  addRouteScope(name: string, open: number, recv: Range, path: string, at: number): void {
    this.addBinding(name, open, undefined, { recv, path, at }, [open + 1, this.match[open] ?? this.n]);
  }

  /** The body `{` of a function whose parameter list `(` is at `params`, or -1. */
  bodyAfter(params: number): number {
    let j = this.skip(params);
    while (j < this.n) {
      const x = this.txt(j);
      if (x === '{') return j;
      if (x === ';' || x === '' || x === ',' || x === ')' || x === '}') return -1;
      if (x === '(' || x === '[') j = this.skip(j);
      else if ((x === 'struct' || x === 'interface') && this.txt(j + 1) === '{') j = this.skip(j + 1);
      else j++;
    }
    return -1;
  }

  private atStatementStart(k: number, afterKeyword = false): boolean {
    const prev = this.t(k - 1);
    if (k === 0) return true;
    if (prev.kind === 'op') return prev.text === ';' || prev.text === '{' || prev.text === ':';
    return afterKeyword && (prev.text === 'if' || prev.text === 'for' || prev.text === 'switch');
  }

  private scanDeclarations(): void {
    for (let k = 0; k < this.n; k++) {
      const t = this.t(k);
      if (t.kind !== 'ident') continue;
      if (t.text === 'package' && this.pkg === '' && this.t(k + 1).kind === 'ident') this.pkg = this.txt(k + 1);
      else if (t.text === 'import' && (this.encl[k] ?? -1) < 0) this.scanImport(k + 1);
      else if ((t.text === 'var' || t.text === 'const') && this.atStatementStart(k)) {
        if (this.txt(k + 1) === '(') {
          const close = this.match[k + 1] ?? -1;
          if (close > 0) for (const item of this.splitTop(k + 2, close, ';')) this.declItem(item);
        } else this.declItem(this.exprFromStatement(k + 1));
      } else if (t.text === 'func') this.scanFunc(k);
      else if (!KEYWORDS.has(t.text)) {
        const nx = this.txt(k + 1);
        if (nx === ':=' && this.atStatementStart(k, true)) this.addBinding(t.text, k, this.exprFrom(k + 2));
        else if (nx === '=' && this.atStatementStart(k)) this.addBinding(t.text, k, this.exprFrom(k + 2), undefined, undefined, true);
        else if (nx === '.' && this.t(k + 2).kind === 'ident' && this.txt(k + 3) === '=' && this.atStatementStart(k)) {
          const expr = this.exprFrom(k + 4);
          this.fieldAssigns.push({ base: t.text, field: this.txt(k + 2), at: k + 2, expr });
          // Fields hold routers and settings across methods: visible in the whole file.
          this.addBinding(`${t.text}.${this.txt(k + 2)}`, k, expr, undefined, [0, this.n]);
        } else if (nx === '[' && this.t(k + 2).kind === 'string' && this.txt(k + 3) === ']' && this.txt(k + 4) === '=' && this.atStatementStart(k)) {
          this.indexAssigns.push({ base: t.text, keyAt: k + 2, expr: this.exprFrom(k + 5) });
        }
      }
    }
  }

  /** `[k, end of statement)`. */
  private exprFromStatement(k: number): Range {
    let j = k;
    while (j < this.n && this.txt(j) !== ';') j = OPENERS[this.txt(j)] && this.t(j).kind === 'op' ? this.skip(j) : j + 1;
    return [k, j];
  }

  /** `name [Type] [= expr]` in a var/const declaration (one name only). */
  private declItem([a, b]: Range): void {
    if (!this.isIdent(a) || this.txt(a + 1) === ',') return;
    for (let k = a + 1; k < b; k++) {
      const x = this.txt(k);
      if (this.t(k).kind === 'op' && OPENERS[x]) {
        k = this.skip(k) - 1;
        continue;
      }
      if (x === '=') {
        this.addBinding(this.txt(a), a, this.exprFrom(k + 1, b));
        return;
      }
    }
  }

  private scanImport(k: number): void {
    const one = (i: number) => {
      let alias: string | undefined;
      let j = i;
      if (this.t(j).kind === 'ident' || this.txt(j) === '.') {
        alias = this.txt(j);
        j++;
      }
      const t = this.t(j);
      if (t.kind !== 'string' || t.value === undefined) return;
      if (alias === '_' || alias === '.') return;
      this.imports.set(alias ?? defaultImportName(t.value), t.value);
    };
    if (this.txt(k) === '(') {
      const close = this.match[k] ?? -1;
      if (close > 0) for (const [a] of this.splitTop(k + 1, close, ';')) one(a);
    } else one(k);
  }

  private scanFunc(k: number): void {
    const top = (this.encl[k] ?? -1) < 0;
    let j = k + 1;
    if (top) {
      if (this.txt(j) === '(') j = this.skip(j); // receiver
      if (!this.isIdent(j)) return;
      const name = this.txt(j);
      const at = j;
      j++;
      if (this.txt(j) === '[') j = this.skip(j); // type parameters
      if (this.txt(j) !== '(') return;
      const params = j;
      const open = this.bodyAfter(params);
      if (open < 0) return;
      this.funcBodies.add(open);
      const decl: FuncDecl = { name, at, method: this.txt(k + 1) === '(', open, close: this.match[open] ?? this.n, returns: [] };
      if (this.isIdent(params + 1) && this.txt(params + 2) !== ',' && this.txt(params + 2) !== ')') decl.param = this.txt(params + 1);
      if (name === 'main' && this.txt(k + 1) !== '(') this.mainAt = at;
      // Methods share names across types; functions win.
      if (this.txt(k + 1) !== '(' || !this.funcs.has(name)) this.funcs.set(name, decl);
      for (let r = open + 1; r < decl.close; r++) {
        if (this.txt(r) === 'return' && this.t(r).kind === 'ident') {
          // Returns of nested function literals are theirs; those are found once every body is known.
          this.pendingReturns.push(r);
        }
      }
    } else if (this.txt(j) === '(') {
      const open = this.bodyAfter(j);
      if (open >= 0) this.funcBodies.add(open);
    }
  }

  private readonly pendingReturns: number[] = [];

  /** Attributes `return` statements to function declarations (call after the scan). */
  finishReturns(): void {
    const byOpen = new Map<number, FuncDecl>();
    for (const f of this.funcs.values()) byOpen.set(f.open, f);
    for (const r of this.pendingReturns) {
      const f = byOpen.get(this.funcBodyOf(r));
      if (!f) continue;
      const e = this.exprFrom(r + 1);
      if (e[1] > e[0]) f.returns.push(e);
    }
  }
}

/** The name a package is imported under by default: the last path element, without a `/vN` or `.vN` suffix. */
export function defaultImportName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? path;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2] as string;
  last = last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/[.-]go$/, '');
  return last.replace(/[^\w]/g, '');
}

// ------------------------------------------------------------------------------------------------
// Semantic passes

const URFAVE = /^github\.com\/urfave\/cli(?:\/v([23]))?$/;
const COBRA = (p: string) => p === 'github.com/spf13/cobra';
const PFLAG = (p: string) => p === 'github.com/spf13/pflag';
const STDFLAG = (p: string) => p === 'flag';
const VIPER = (p: string) => /^github\.com\/spf13\/viper$/.test(p);
const FRAMEWORKS: Array<[string, RegExp]> = [
  ['gin', /^github\.com\/gin-gonic\/gin$/],
  ['echo', /^github\.com\/labstack\/echo(?:\/v\d+)?$/],
  ['chi', /^github\.com\/go-chi\/chi(?:\/v\d+)?$/],
  ['fiber', /^github\.com\/gofiber\/fiber(?:\/v\d+)?$/],
  ['gorilla/mux', /^github\.com\/gorilla\/mux$/],
  ['net/http', /^net\/http$/],
];

const UPPER_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE']);
const LOWER_METHODS = new Map([...UPPER_METHODS].map((m) => [m[0] + m.slice(1).toLowerCase(), m]));
const ROUTE_CALLS = new Set([...UPPER_METHODS, ...LOWER_METHODS.keys(), 'Any', 'All', 'Handle', 'HandleFunc', 'Add', 'Match', 'Method', 'MethodFunc']);
const HTTP_METHOD_CONST: Record<string, string> = {
  MethodGet: 'GET', MethodPost: 'POST', MethodPut: 'PUT', MethodPatch: 'PATCH', MethodDelete: 'DELETE', MethodHead: 'HEAD',
  MethodOptions: 'OPTIONS', MethodConnect: 'CONNECT', MethodTrace: 'TRACE',
};

const FLAG_TYPES =
  'Bool|String|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|StringSlice|StringArray|IntSlice|Int32Slice|Int64Slice|UintSlice|Float32Slice|Float64Slice|BoolSlice|DurationSlice|StringToString|StringToInt|StringToInt64|IP|IPSlice|IPMask|IPNet|BytesHex|BytesBase64|Count|Text|Func|BoolFunc';
const FLAG_METHOD = new RegExp(`^(?:(${FLAG_TYPES})(Var)?|(Var))(P)?$`);
const FLAG_ACCESSORS = new Set(['Flags', 'PersistentFlags', 'LocalFlags', 'InheritedFlags', 'LocalNonPersistentFlags']);
const ENV_SETTER = /^(?:set|put|add|copy|export)\w*env/i;
const ENV_HELPER = /^(?:get|lookup|must|read)?env(?:var)?(?:or(?:default|else)?|default|withdefault|as\w+|string|int|bool|duration)?$/i;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
const ROOTISH = /^(?:new|make|build|get|create)?(?:root|app|main|cli)(?:cmd|command|app|cli)?$/i;
const ADDR = /^(?:([\w.-]*)|\[([0-9a-fA-F:.]*)\]):(\d{1,5})$/;
const GO_BUILTINS = new Set(['nil', 'true', 'false', 'iota', 'append', 'make', 'new', 'len', 'cap', 'copy', 'delete', 'panic', 'recover', 'print', 'println', 'min', 'max', 'clear']);
const GO_DURATION_IDENTS = new Set(['time', 'Nanosecond', 'Microsecond', 'Millisecond', 'Second', 'Minute', 'Hour', 'true', 'false']);

type Meta = Record<string, string | number | boolean>;

interface Val {
  text: string;
  computed: boolean;
}

interface CmdNode {
  fw: 'urfave' | 'cobra';
  /** `cli.App` or `cli.NewApp()`. */
  isApp: boolean;
  /** Token where the command is defined (literal `{` or call). */
  at: number;
  /** The literal's `{`, if a literal. */
  open?: number;
  fields: Map<string, Range>;
  assigns: Map<string, Range[]>;
  binders: string[];
  added: Range[];
  flagCalls: FlagCall[];
  unresolvedParent: boolean;
  /** Package-level variables and functions that hold or return the command (`meta.goDefs`). */
  defs: string[];
  /** Subcommands not found in the file, as references `importpath#Ident` or `#Ident` (`meta.goRefs`). */
  refs: string[];
  /** Commands of other files this one is added to, `parent.AddCommand(this)` (`meta.goParents`). */
  parentRefs: string[];
  /** Flags (or flag slices) not found in the file (`meta.goFlagRefs`). */
  flagRefs: string[];
  /** `Holder>ref`: commands its holders (slices) also hold from other files (`meta.goDefRefs`). */
  defRefs: string[];
}

interface FlagCall {
  /** Token of the name argument. */
  at: number;
  name: string;
  short?: string;
  shortAt?: number;
  value?: Val;
  via: 'cobra' | 'pflag' | 'flag';
  persistent: boolean;
  node?: CmdNode;
  /** Receiver not resolved; `root` when it is named like the root command. */
  orphan?: 'root' | 'other';
  /** The unresolved receiver as a reference to a command of another file (`meta.goRecv`). */
  recvRef?: string;
  flagSet?: { name?: string; at: number; nameAt: number };
}

interface UrfaveFlag {
  open: number;
  at: number;
  name: string;
  aliases: Array<{ name: string; at: number }>;
  value?: Val;
  envs: Array<{ name: string; at: number }>;
  required: boolean;
  hidden: boolean;
  /** Package-level variables and functions that hold or return the flag (`meta.goDefs`). */
  defs: string[];
  /** `Holder>ref`: flags the holders also hold from other files (`meta.goDefRefs`). */
  defRefs: string[];
}

function pushNew(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function flagKey(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path || path === '/') return prefix === '/' ? prefix : prefix.replace(/\/+$/, '') || '/';
  return prefix.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** Route path with Go-specific parameter forms turned into `{}` first (`{$}`, `{id:[0-9]{3}}`, `{path...}`). */
export function normalizeGoRoute(path: string): string {
  const segs = path.split('/').map((s) => (s === '{$}' ? '' : /^\{.*\}$/.test(s) ? '{}' : s));
  return normalizeRoutePath(segs.join('/') || '/');
}

/** Directories of test support code: fake servers and mocks are not the system. */
const TEST_SUPPORT_DIRS = new Set(['vendor', 'testdata', 'fixtures', 'mocks', 'mock', 'testutil', 'testutils']);

/** Whether the go tool builds this file into the system (and docdrift reads it). */
export function isGoSource(path: string): boolean {
  if (!path.endsWith('.go') || path.endsWith('_test.go')) return false;
  const dirs = path.split('/').slice(0, -1);
  return !dirs.some((d) => TEST_SUPPORT_DIRS.has(d) || d.startsWith('_') || d.startsWith('.'));
}

class GoReader {
  private readonly g: GoFile;
  private readonly seen = new Set<string>();
  private readonly dirBin?: string;
  private readonly isMain: boolean;
  private readonly urfave: Set<string>;
  private readonly cobra: Set<string>;
  private readonly nodes = new Map<number, CmdNode>();
  private readonly flagLits = new Map<number, UrfaveFlag>();

  constructor(
    private readonly file: SystemFile,
    private readonly sink: FactSink,
  ) {
    this.g = new GoFile(file.text);
    this.g.finishReturns();
    this.isMain = this.g.pkg === 'main';
    const dirs = file.path.split('/').slice(0, -1);
    const dir = dirs[dirs.length - 1];
    if (this.isMain && dir) this.dirBin = dir;
    this.urfave = this.g.aliases((p) => URFAVE.test(p));
    this.cobra = this.g.aliases(COBRA);
  }

  private add(kind: FactKind, key: string, at: number, value: string | undefined, meta: Record<string, string | number | boolean | undefined>): void {
    const clean: Meta = {};
    for (const [k, v] of Object.entries(meta)) if (v !== undefined && v !== false) clean[k] = v;
    const id = `${kind}\0${key}\0${at}\0${String(clean['command'] ?? '')}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const fact = { kind, key, origin: { file: this.file.path, start: this.g.pos(at) }, meta: clean };
    this.sink.add(value !== undefined ? { ...fact, value } : fact);
  }

  read(): void {
    this.envReads();
    this.commands();
    this.viper();
    this.structTags();
    this.envMaps();
    this.routes();
    this.ports();
  }

  // ---- values

  private valueOf(r: Range): Val | undefined {
    const g = this.g;
    if (r[1] <= r[0]) return undefined;
    const s = g.str(r);
    if (s !== undefined) return { text: s, computed: false };
    if (r[1] - r[0] === 1 && g.txt(r[0]) === 'nil') return undefined;
    const list = this.listValue(r);
    if (list !== undefined) return { text: list, computed: false };
    let computed = false;
    for (let k = r[0]; k < r[1]; k++) {
      const t = g.t(k);
      if (t.kind === 'ident' && !GO_DURATION_IDENTS.has(t.text)) computed = true;
    }
    const text = r[1] - r[0] === 1 && g.t(r[0]).kind === 'char' ? (g.t(r[0]).value ?? g.text(r)) : g.text(r);
    return { text, computed };
  }

  /** `[]string{"a", "b"}` and `cli.NewStringSlice("a", "b")` → `a, b`. */
  private listValue(r: Range): string | undefined {
    const g = this.g;
    const lit = g.literal(r);
    let items: Range[] | undefined;
    if (lit?.type.startsWith('[]')) items = g.elements(lit.open).map((e) => e.value);
    else {
      const c = g.call(r);
      if (c && /(?:^|\.)New\w*Slice$/.test(c.fn)) items = c.args.map((a) => a.r);
    }
    if (!items) return undefined;
    const out: string[] = [];
    for (const it of items) {
      const s = g.str(it);
      if (s !== undefined) out.push(s);
      else if (it[1] - it[0] === 1 && g.t(it[0]).kind === 'number') out.push(g.txt(it[0]));
      else if (it[1] - it[0] === 2 && g.txt(it[0]) === '-' && g.t(it[0] + 1).kind === 'number') out.push(`-${g.txt(it[0] + 1)}`);
      else return undefined;
    }
    return out.join(', ');
  }

  private portFrom(value: string | undefined, at: number, meta: Meta): void {
    if (value === undefined) return;
    const m = ADDR.exec(value.trim());
    const port = m ? m[3] : /^\d{2,5}$/.test(value.trim()) && /port/i.test(String(meta['flag'] ?? meta['env'] ?? '')) ? value.trim() : undefined;
    if (!port) return;
    const num = Number(port);
    if (num < 1 || num > 65535) return;
    const host = m?.[1] || m?.[2];
    this.add('port', String(num), at, undefined, { ...meta, host: host || undefined });
  }

  private portFromDefault(name: string, value: Val | undefined, at: number, meta: Meta): void {
    if (!value || value.computed) return;
    if (!/addr|address|port|listen|bind/i.test(name)) return;
    this.portFrom(value.text, at, meta);
  }

  // ---- environment variables

  private envReads(): void {
    const g = this.g;
    for (const c of g.methodCalls(new Set(['Getenv', 'LookupEnv']))) {
      const pkgTok = c.dot - 1;
      if (g.txt(pkgTok - 1) === '.') continue;
      const path = g.imports.get(g.txt(pkgTok));
      if (path !== 'os' && path !== 'syscall') continue;
      const [arg] = g.args(c.open);
      if (!arg) continue;
      const key = g.str(arg.r);
      if (!key) continue;
      let value: string | undefined;
      // cmp.Or(os.Getenv("X"), "default")
      const outer = pkgTok - 1;
      if (g.txt(outer) === '(' && g.txt(outer - 1) === 'Or' && g.txt(outer - 2) === '.' && g.imports.get(g.txt(outer - 3)) === 'cmp') {
        const args = g.args(outer);
        if (args[0]?.r[0] === pkgTok && args[1]) value = g.str(args[1].r);
      }
      const constant = arg.r[1] - arg.r[0] === 1 && g.t(arg.r[0]).kind === 'ident' ? g.txt(arg.r[0]) : undefined;
      this.add('env-var', key, arg.r[0], value, { via: `${path}.${c.name}`, constant });
    }
    // Helpers: getEnv("X", "default"), envOrDefault("X", "d"), util.GetEnvString("X", "d").
    for (let k = 0; k + 1 < g.n; k++) {
      const t = g.t(k);
      if (t.kind !== 'ident' || g.txt(k + 1) !== '(' || !ENV_HELPER.test(t.text) || g.txt(k - 1) === 'func') continue;
      if (g.txt(k - 1) === '.' && (['os', 'syscall'].includes(g.imports.get(g.txt(k - 2)) ?? '') || this.urfave.has(g.txt(k - 2)))) continue;
      if (g.txt(k - 1) === '.' && g.t(k - 2).kind === 'op') continue;
      const args = g.args(k + 1);
      if (!args[0]) continue;
      const key = g.str(args[0].r);
      if (!key || !ENV_NAME.test(key)) continue;
      const v = args[1] ? this.valueOf(args[1].r) : undefined;
      this.add('env-var', key, args[0].r[0], v && !v.computed ? v.text : undefined, { via: 'helper', helper: t.text });
    }
  }

  private viper(): void {
    const g = this.g;
    const viper = g.aliases(VIPER);
    if (!viper.size) return;
    let prefix: { name: string; at: number } | undefined;
    let automatic = false;
    for (const c of g.methodCalls(new Set(['SetEnvPrefix', 'AutomaticEnv']))) {
      if (c.name === 'AutomaticEnv') automatic = true;
      else {
        const [arg] = g.args(c.open);
        const s = arg ? g.str(arg.r) : undefined;
        if (arg && s) prefix = { name: s.toUpperCase(), at: arg.r[0] };
      }
    }
    for (const c of g.methodCalls(new Set(['BindEnv']))) {
      const args = g.args(c.open);
      const configKey = args[0] ? g.str(args[0].r) : undefined;
      if (!args[0] || configKey === undefined) continue;
      if (args.length >= 2) {
        for (const a of args.slice(1)) {
          const env = g.str(a.r);
          if (env) this.add('env-var', env, a.r[0], undefined, { via: 'viper', configKey });
        }
      } else {
        const env = (prefix ? `${prefix.name}_` : '') + configKey.toUpperCase();
        this.add('env-var', env, args[0].r[0], undefined, { via: 'viper', configKey, derived: true });
      }
    }
    if (prefix && automatic) this.add('env-var', `${prefix.name}_*`, prefix.at, undefined, { via: 'viper', prefix: true });
  }

  private structTags(): void {
    const g = this.g;
    for (let k = 0; k < g.n; k++) {
      const t = g.t(k);
      if (t.kind !== 'string' || !t.text.startsWith('`') || t.value === undefined) continue;
      if (!/\benv(?:config)?:"/.test(t.value)) continue;
      const tags = parseStructTag(t.value);
      if (!tags) continue;
      let name: string | undefined;
      let tag: string;
      let def: string | undefined;
      let required = false;
      const env = tags.get('env');
      if (env !== undefined) {
        tag = 'env';
        const [n0, ...opts] = env.split(',').map((s) => s.trim());
        name = n0;
        for (const o of opts) {
          if (o === 'required' || o === 'notEmpty') required = true;
          const d = /^default=(.*)$/.exec(o);
          if (d) def = d[1];
        }
        def = tags.get('envDefault') ?? tags.get('env-default') ?? tags.get('default') ?? def;
        if (tags.get('env-required') === 'true') required = true;
      } else {
        tag = 'envconfig';
        name = tags.get('envconfig')?.split(',')[0]?.toUpperCase();
        def = tags.get('default');
      }
      if (tags.get('required') === 'true') required = true;
      if (!name || name === '-' || !/^[\w.-]+$/.test(name)) continue;
      // The field: the first token of the line the tag ends.
      let f = k - 1;
      while (f > 0 && g.txt(f - 1) !== ';' && g.txt(f - 1) !== '{') f--;
      const field = g.isIdent(f) && f < k - 1 ? g.txt(f) : undefined;
      this.add('env-var', name, k, def, { via: 'struct-tag', tag, field, required });
      if (def !== undefined) this.portFromDefault(name, { text: def, computed: false }, k, { via: 'env-default', env: name });
    }
  }

  private envMaps(): void {
    const g = this.g;
    const envMaps = new Set<number>();
    for (let k = 0; k < g.n; k++) {
      if (g.txt(k) !== '{' || g.t(k).kind !== 'op') continue;
      if (g.typeBefore(k).type !== 'map[string]string') continue;
      const entries: Array<{ key: string; at: number; value?: string }> = [];
      let ok = true;
      for (const e of g.elements(k)) {
        if (!e.key) continue;
        const key = e.key[1] - e.key[0] === 1 && g.t(e.key[0]).kind === 'string' ? g.t(e.key[0]).value : undefined;
        if (key === undefined) continue;
        if (!ENV_NAME.test(key)) {
          ok = false;
          break;
        }
        const entry: { key: string; at: number; value?: string } = { key, at: e.key[0] };
        const v = g.str(e.value);
        if (v !== undefined) entry.value = v;
        entries.push(entry);
      }
      if (!ok || entries.length < 3 || !entries.some((e) => e.key.includes('_'))) continue;
      envMaps.add(k);
      for (const e of entries) this.add('env-var', e.key, e.at, e.value, { via: 'env-map' });
    }
    // params["CI_COMMIT_TAG"] = ... on a variable named like env, or holding an environment map.
    // Setter helpers: setNonEmptyEnvVar(params, "CI_REPO", v), copyEnv("CI_X", "DRONE_X", env).
    for (let k = 0; k + 1 < g.n; k++) {
      const t = g.t(k);
      if (t.kind !== 'ident' || g.txt(k + 1) !== '(' || !ENV_SETTER.test(t.text) || g.txt(k - 1) === 'func') continue;
      if (g.txt(k - 1) === '.' && ['os', 'syscall'].includes(g.imports.get(g.txt(k - 2)) ?? '')) continue;
      const args = g.args(k + 1);
      args.forEach((a, i) => {
        const s = a.r[1] - a.r[0] === 1 && g.t(a.r[0]).kind === 'string' ? g.t(a.r[0]).value : undefined;
        if (!s || !ENV_NAME.test(s) || !s.includes('_')) return;
        const next = args[i + 1];
        const v = next && next.r[1] - next.r[0] === 1 && g.t(next.r[0]).kind === 'string' ? g.t(next.r[0]).value : undefined;
        this.add('env-var', s, a.r[0], v !== undefined && !ENV_NAME.test(v) ? v : undefined, { via: 'env-map', helper: t.text });
      });
    }
    for (const a of g.indexAssigns) {
      const key = g.t(a.keyAt).value;
      if (!key || !ENV_NAME.test(key)) continue;
      const bound = g.lookup(a.base, a.keyAt - 2)?.expr;
      const lit = bound ? g.literal(bound) : undefined;
      if (!/env/i.test(a.base) && !(lit && envMaps.has(lit.open))) continue;
      this.add('env-var', key, a.keyAt, g.str(a.expr), { via: 'env-map' });
    }
  }

  // ---- commands and flags

  private cmdType(type: string): { fw: 'urfave' | 'cobra'; isApp: boolean } | undefined {
    const m = /^(\w+)\.(\w+)$/.exec(type);
    if (!m) return undefined;
    if (this.urfave.has(m[1] as string) && (m[2] === 'Command' || m[2] === 'App')) return { fw: 'urfave', isApp: m[2] === 'App' };
    if (this.cobra.has(m[1] as string) && m[2] === 'Command') return { fw: 'cobra', isApp: false };
    return undefined;
  }

  private node(at: number, fw: 'urfave' | 'cobra', isApp: boolean, open?: number): CmdNode {
    let n = this.nodes.get(at);
    if (!n) {
      const fields = open !== undefined ? this.g.fields(open) : new Map<string, Range>();
      n = { fw, isApp, at, fields, assigns: new Map(), binders: [], added: [], flagCalls: [], unresolvedParent: false, defs: [], refs: [], parentRefs: [], flagRefs: [], defRefs: [] };
      if (open !== undefined) n.open = open;
      this.nodes.set(at, n);
    }
    return n;
  }

  /** The command an expression stands for: a literal, `cli.NewApp()`, a variable bound to one, or a call of an in-file function returning one. */
  private resolveCmd(r: Range, elided?: 'urfave' | 'cobra', depth = 0): CmdNode | undefined {
    const g = this.g;
    if (depth > 10 || r[1] <= r[0]) return undefined;
    const lit = g.literal(r);
    if (lit) {
      if (lit.type === '' && elided) return this.node(lit.open, elided, false, lit.open);
      const ct = this.cmdType(lit.type);
      return ct ? this.node(lit.open, ct.fw, ct.isApp, lit.open) : undefined;
    }
    const c = g.call(r);
    if (c) {
      const m = /^(\w+)\.NewApp$/.exec(c.fn);
      if (m && this.urfave.has(m[1] as string)) return this.node(c.open, 'urfave', true);
      const f = !c.fn.includes('.') ? g.funcs.get(c.fn) : undefined;
      for (const ret of f?.returns ?? []) {
        const n = this.resolveCmd(ret, undefined, depth + 1);
        if (n) return n;
      }
      return undefined;
    }
    const name = g.dotted(r);
    if (name === undefined) return undefined;
    const b = g.lookup(name, r[0]);
    return b?.expr ? this.resolveCmd(b.expr, undefined, depth + 1) : undefined;
  }

  /** The elements a slice expression holds: slice literals, `append`, variables, in-file functions, and the slice arguments of any other call. */
  private elements(r: Range, depth = 0): Range[] {
    const g = this.g;
    if (depth > 10 || r[1] <= r[0]) return [];
    const lit = g.literal(r);
    if (lit) return lit.type.startsWith('[]') ? g.elements(lit.open).map((e) => e.value) : [r];
    const c = g.call(r);
    if (c) {
      if (c.fn === 'append') {
        return c.args.flatMap((a, i) => (i === 0 || a.spread ? this.elements(a.r, depth + 1) : [a.r]));
      }
      const f = !c.fn.includes('.') ? g.funcs.get(c.fn) : undefined;
      if (f && !f.method) return f.returns.flatMap((ret) => this.elements(ret, depth + 1));
      // A function of another file or package: the call itself (`sub.NewCmd()`, kept for linking)
      // and the slices it is given (`MergeSlices(a, b)`).
      return [r, ...c.args.flatMap((a) => this.elements(a.r, depth + 1))];
    }
    const name = g.dotted(r);
    if (name === undefined) return [];
    const b = g.lookup(name, r[0]);
    if (b) return b.expr ? this.elements(b.expr, depth + 1) : [];
    return [r]; // defined in another file or package: kept for linking
  }

  /**
   * A reference to a package-level variable or function of another file or package that an
   * expression names: `pkg.Var`/`pkg.NewCmd(...)` → `importpath#Var`, a same-package `ident` or
   * `newCmd(...)` not declared in the file → `#ident`; local variables are followed to what they
   * were bound to. Undefined when the expression is none of those.
   */
  private refOf(r: Range, depth = 0): string | undefined {
    const g = this.g;
    if (depth > 10 || r[1] <= r[0]) return undefined;
    const c = g.call(r);
    let name: string | undefined;
    if (c) {
      const f = !c.fn.includes('.') ? g.funcs.get(c.fn) : undefined;
      if (f && !f.method) {
        for (const ret of f.returns) {
          const ref = this.refOf(ret, depth + 1);
          if (ref) return ref;
        }
        return undefined;
      }
      name = c.fn;
    } else name = g.dotted(r);
    if (!name) return undefined;
    const parts = name.split('.');
    if (parts.length === 1) {
      if (!c) {
        const b = g.lookup(name, r[0]);
        if (b) return b.expr ? this.refOf(b.expr, depth + 1) : undefined;
      }
      return /^[A-Za-z_]\w*$/.test(name) && name !== '_' && !KEYWORDS.has(name) && !GO_BUILTINS.has(name) ? `#${name}` : undefined;
    }
    const path = parts.length === 2 && !g.lookup(parts[0] as string, r[0]) ? g.imports.get(parts[0] as string) : undefined;
    return path !== undefined ? `${path}#${parts[1]}` : undefined;
  }

  private resolveFlag(r: Range, depth = 0): UrfaveFlag | undefined {
    const g = this.g;
    if (depth > 10) return undefined;
    const lit = g.literal(r);
    if (lit) return this.flagLits.get(lit.open);
    const c = g.call(r);
    if (c) {
      const f = !c.fn.includes('.') ? g.funcs.get(c.fn) : undefined;
      for (const ret of f?.returns ?? []) {
        const fl = this.resolveFlag(ret, depth + 1);
        if (fl) return fl;
      }
      return undefined;
    }
    const name = g.dotted(r);
    const b = name !== undefined ? g.lookup(name, r[0]) : undefined;
    return b?.expr ? this.resolveFlag(b.expr, depth + 1) : undefined;
  }

  private nameOf(n: CmdNode): { text: string; at: number; aliases: Array<{ name: string; at: number }> } | undefined {
    const g = this.g;
    const field = (f: string): Range | undefined => n.fields.get(f) ?? n.assigns.get(f)?.at(-1);
    const r = field(n.fw === 'cobra' ? 'Use' : 'Name');
    if (!r) return undefined;
    const s = g.str(r);
    const text = n.fw === 'cobra' ? s?.trim().split(/\s+/)[0] : s?.trim();
    if (!text) return undefined;
    const aliases: Array<{ name: string; at: number }> = [];
    const ar = field('Aliases');
    if (ar) for (const e of this.elements(ar)) {
      const a = g.str(e);
      if (a) aliases.push({ name: a, at: e[0] });
    }
    const short = n.fw === 'urfave' ? field('ShortName') : undefined; // urfave/cli v1
    const shortName = short ? g.str(short) : undefined;
    if (short && shortName) aliases.push({ name: shortName, at: short[0] });
    return { text, at: r[0], aliases };
  }

  private parseFlagLit(open: number): UrfaveFlag | undefined {
    const g = this.g;
    const f = g.fields(open);
    const nameR = f.get('Name');
    const raw = nameR ? g.str(nameR) : undefined;
    if (!nameR || !raw) return undefined;
    const [name, ...v1Aliases] = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (!name) return undefined;
    const aliases = v1Aliases.map((a) => ({ name: a, at: nameR[0] }));
    const ar = f.get('Aliases');
    if (ar) for (const e of this.elements(ar)) {
      const a = g.str(e);
      if (a) aliases.push({ name: a, at: e[0] });
    }
    const envs: Array<{ name: string; at: number }> = [];
    const v1 = f.get('EnvVar');
    if (v1) {
      const s = g.str(v1);
      if (s) for (const e of s.split(',').map((x) => x.trim()).filter(Boolean)) envs.push({ name: e, at: v1[0] });
    }
    const v2 = f.get('EnvVars');
    if (v2) for (const e of this.elements(v2)) {
      const s = g.str(e);
      if (s) envs.push({ name: s, at: e[0] });
    }
    const v3 = f.get('Sources');
    if (v3) {
      for (let k = v3[0]; k < v3[1]; k++) {
        if (!['EnvVars', 'EnvVar', 'NewEnvValueSource'].includes(g.txt(k)) || g.txt(k + 1) !== '(') continue;
        for (const a of g.args(k + 1)) {
          const s = g.str(a.r);
          if (s) envs.push({ name: s, at: a.r[0] });
        }
      }
    }
    const valueR = f.get('Value');
    const fl: UrfaveFlag = { open, at: nameR[0], name, aliases, envs, required: this.isTrue(f.get('Required')), hidden: this.isTrue(f.get('Hidden')), defs: [], defRefs: [] };
    const value = valueR ? this.valueOf(valueR) : undefined;
    if (value) fl.value = value;
    return fl;
  }

  private isTrue(r: Range | undefined): boolean {
    return !!r && r[1] - r[0] === 1 && this.g.txt(r[0]) === 'true';
  }

  private commands(): void {
    const g = this.g;
    // Every command and flag literal of the file.
    for (let k = 0; k < g.n; k++) {
      if (g.txt(k) !== '{' || g.t(k).kind !== 'op') continue;
      const { type } = g.typeBefore(k);
      const ct = this.cmdType(type);
      if (ct) {
        this.node(k, ct.fw, ct.isApp, k);
        continue;
      }
      const slice = /^\[\]\*?(\w+)\.Command$/.exec(type);
      if (slice && (this.urfave.has(slice[1] as string) || this.cobra.has(slice[1] as string))) {
        const fw = this.urfave.has(slice[1] as string) ? 'urfave' : 'cobra';
        for (const e of g.elements(k)) this.resolveCmd(e.value, fw);
        continue;
      }
      const flag = /^(\w+)\.(\w+Flag)$/.exec(type);
      if (flag && this.urfave.has(flag[1] as string)) {
        const fl = this.parseFlagLit(k);
        if (fl) this.flagLits.set(k, fl);
      }
    }
    for (const c of g.methodCalls(new Set(['NewApp']))) {
      if (this.urfave.has(g.txt(c.dot - 1))) this.node(c.open, 'urfave', true);
    }
    // Field assignments: app.Name = "x", app.Commands = [...], app.Flags = ...
    for (const a of g.fieldAssigns) {
      const n = this.resolveCmd([a.at - 2, a.at - 1]);
      if (!n) continue;
      const list = n.assigns.get(a.field);
      if (list) list.push(a.expr);
      else n.assigns.set(a.field, [a.expr]);
    }
    // Who binds each command (variable and function names), for root detection.
    for (const [name, list] of g.bindings) {
      for (const b of list) {
        if (!b.expr) continue;
        const n = this.resolveCmd(b.expr);
        if (n) n.binders.push(name);
      }
    }
    for (const f of g.funcs.values()) {
      for (const ret of f.returns) {
        const n = this.resolveCmd(ret);
        if (n) n.binders.push(f.name);
      }
    }
    // Roots run by the file: app.Run(...), rootCmd.Execute().
    const runners = new Set<CmdNode>();
    for (const c of g.methodCalls(new Set(['Run', 'RunContext', 'Execute', 'ExecuteC', 'ExecuteContext', 'ExecuteContextC']))) {
      const n = this.resolveCmd(g.receiver(c.dot));
      if (n) runners.add(n);
    }
    // cobra: parent.AddCommand(children...).
    const orphanAdds: Array<{ r: Range; parentRef?: string }> = [];
    for (const c of g.methodCalls(new Set(['AddCommand']))) {
      const recv = g.receiver(c.dot);
      const parent = this.resolveCmd(recv);
      const parentRef = parent ? undefined : this.refOf(recv);
      for (const a of g.args(c.open)) {
        if (parent) parent.added.push(a.r);
        else orphanAdds.push(parentRef ? { r: a.r, parentRef } : { r: a.r });
      }
    }
    for (const { r, parentRef } of orphanAdds) {
      const n = this.resolveCmd(r);
      if (!n) continue;
      n.unresolvedParent = true;
      if (parentRef) pushNew(n.parentRefs, parentRef);
    }
    const flagCalls = this.flagCalls();

    const children = (n: CmdNode): CmdNode[] => {
      const exprs: Range[] = [];
      for (const f of ['Subcommands', 'Commands']) {
        const r = n.fields.get(f);
        if (r) exprs.push(r);
        exprs.push(...(n.assigns.get(f) ?? []));
      }
      const out: CmdNode[] = [];
      const child = (el: Range, elided?: 'urfave' | 'cobra') => {
        const c = this.resolveCmd(el, elided);
        if (c) {
          if (!out.includes(c)) out.push(c);
          return;
        }
        const ref = this.refOf(el);
        if (ref) pushNew(n.refs, ref);
      };
      for (const e of exprs) for (const el of this.elements(e)) child(el, n.fw);
      for (const a of n.added) child(a);
      return out;
    };
    const kids = new Map<CmdNode, CmdNode[]>();
    const hasParent = new Set<CmdNode>();
    // Resolving children can discover elided literals: loop until no new node appears.
    for (let done = 0; done < this.nodes.size; ) {
      const list = [...this.nodes.values()];
      for (const n of list.slice(done)) {
        const ch = children(n);
        kids.set(n, ch);
        for (const c of ch) hasParent.add(c);
      }
      done = list.length;
    }
    const ordered = [...this.nodes.values()].sort((a, b) => a.at - b.at);
    this.linkNames(ordered);
    // Roots: an App, a command the file runs, or one held by a variable/function named like a root;
    // failing those, the only parentless command of the file with `func main`.
    const parentless = ordered.filter((n) => !hasParent.has(n) && !n.unresolvedParent);
    let roots = parentless.filter((n) => n.isApp || runners.has(n) || n.binders.some((b) => ROOTISH.test(b)));
    if (!roots.length && this.isMain && g.mainAt >= 0 && parentless.length === 1) roots = parentless;
    const namedRoots = roots.map((n) => this.nameOf(n)).filter((x): x is NonNullable<typeof x> => !!x);
    const exe = namedRoots.length === 1 ? (namedRoots[0] as { text: string }).text : this.dirBin;

    // bin facts
    if (this.isMain) {
      for (const r of namedRoots) this.add('bin', r.text, r.at, undefined, { via: 'go-main' });
      if (!namedRoots.length && g.mainAt >= 0 && this.dirBin) this.add('bin', this.dirBin, g.mainAt, undefined, { via: 'go-main' });
    }

    const reached = new Set<number>();
    const emitFlagsOf = (n: CmdNode, command: string | undefined, partial: boolean) => {
      const exprs = [n.fields.get('Flags'), ...(n.assigns.get('Flags') ?? [])].filter((r): r is Range => !!r);
      for (const e of exprs) for (const el of this.elements(e)) {
        const fl = this.resolveFlag(el);
        if (!fl) continue;
        reached.add(fl.open);
        this.emitUrfaveFlag(fl, command, partial);
      }
      for (const fc of n.flagCalls) this.emitFlagCall(fc, command, partial);
    };
    const visit = (n: CmdNode, words: string[], partial: boolean, stack: Set<CmdNode>, rootName?: string) => {
      if (stack.has(n)) return;
      stack.add(n);
      const name = this.nameOf(n);
      const text = name?.text ?? rootName;
      const path = text ? [...words, text] : words;
      const key = path.join(' ');
      const via = n.fw === 'cobra' ? 'cobra' : 'urfave/cli';
      const hidden = this.isTrue(n.fields.get('Hidden'));
      if (text) {
        const link = {
          goDefs: n.defs.join(',') || undefined,
          goRefs: n.refs.join(',') || undefined,
          goParents: n.parentRefs.join(',') || undefined,
          goFlagRefs: n.flagRefs.join(',') || undefined,
          goDefRefs: n.defRefs.join(',') || undefined,
        };
        this.add('cli-command', key, name?.at ?? n.at, undefined, { via, partial, hidden, ...link });
        for (const a of name?.aliases ?? []) this.add('cli-command', [...words, a.name].join(' '), a.at, undefined, { via, partial, alias: key, hidden });
      }
      emitFlagsOf(n, key || undefined, partial);
      for (const c of kids.get(n) ?? []) if (this.nameOf(c)) visit(c, path, partial, stack);
      stack.delete(n);
    };
    for (const n of ordered) {
      if (hasParent.has(n)) continue;
      if (roots.includes(n)) visit(n, [], !(this.nameOf(n) ?? this.dirBin), new Set(), this.nameOf(n) ? undefined : this.dirBin);
      else visit(n, [], true, new Set());
    }
    // Flags no command of this file reaches: on the executable when the package is main.
    for (const fl of this.flagLits.values()) if (!reached.has(fl.open)) this.emitUrfaveFlag(fl, exe, true);
    for (const fc of flagCalls) {
      if (fc.node) continue;
      if (fc.flagSet) {
        const set = fc.flagSet;
        const sub = set.name && set.name !== exe ? set.name : undefined;
        if (sub && exe) {
          this.add('cli-command', `${exe} ${sub}`, set.nameAt, undefined, { via: fc.via });
          this.emitFlagCall(fc, `${exe} ${sub}`, false);
        } else this.emitFlagCall(fc, sub ?? exe, !exe);
      } else if (fc.via === 'cobra') this.emitFlagCall(fc, fc.orphan === 'root' ? exe : undefined, true);
      else this.emitFlagCall(fc, this.isMain ? exe : undefined, !(this.isMain && exe));
    }
    // Env variables and ports of urfave flags, once per flag.
    for (const fl of [...this.flagLits.values()].sort((a, b) => a.open - b.open)) {
      this.portFromDefault(fl.name, fl.value, fl.at, { via: 'flag-default', flag: flagKey(fl.name) });
      for (const e of fl.envs) {
        this.add('env-var', e.name, e.at, fl.value?.text, { flag: fl.name, via: 'urfave/cli', computed: fl.value?.computed });
        this.portFromDefault(e.name, fl.value, fl.at, { via: 'env-default', env: e.name });
      }
    }
    for (const fc of flagCalls) this.portFromDefault(fc.name, fc.value, fc.at, { via: 'flag-default', flag: flagKey(fc.name) });
  }

  /** Whether a binding gives a package-level variable its value (a declaration, or `x = ...` in a function with no local `x`). */
  private packageLevel(b: Binding): boolean {
    if (b.pkg) return true;
    if (!b.assign || b.name.includes('.')) return false;
    return !(this.g.bindings.get(b.name) ?? []).some((o) => o !== b && !o.pkg && !o.assign && b.at >= o.scope[0] && b.at < o.scope[1]);
  }

  /**
   * Names for linking across files: the package-level variables and functions that hold or return
   * each command and flag (`goDefs`), and the flags a command lists that the file does not define
   * (`goFlagRefs`); flags held with others the file does not define give `goDefRefs`.
   */
  private linkNames(nodes: CmdNode[]): void {
    const g = this.g;
    const existing = (el: Range): CmdNode | undefined => {
      const lit = g.literal(el);
      return lit && lit.type === '' ? this.nodes.get(lit.open) : this.resolveCmd(el);
    };
    const hold = (name: string, expr: Range) => {
      const missing: string[] = [];
      const flags: UrfaveFlag[] = [];
      const cmds: CmdNode[] = [];
      for (const el of this.elements(expr)) {
        const n = existing(el);
        const fl = n ? undefined : this.resolveFlag(el);
        if (n) {
          pushNew(n.defs, name);
          cmds.push(n);
        } else if (fl) {
          pushNew(fl.defs, name);
          flags.push(fl);
        } else {
          const ref = this.refOf(el);
          if (ref && ref !== `#${name}`) missing.push(ref);
        }
      }
      for (const x of [...flags, ...cmds]) for (const ref of missing) pushNew(x.defRefs, `${name}>${ref}`);
    };
    for (const [name, list] of g.bindings) for (const b of list) if (b.expr && this.packageLevel(b)) hold(name, b.expr);
    for (const f of g.funcs.values()) if (!f.method) for (const ret of f.returns) hold(f.name, ret);
    for (const n of nodes) {
      for (const e of [n.fields.get('Flags'), ...(n.assigns.get('Flags') ?? [])]) {
        if (!e) continue;
        for (const el of this.elements(e)) {
          if (this.resolveFlag(el)) continue;
          const ref = this.refOf(el);
          if (ref) pushNew(n.flagRefs, ref);
        }
      }
    }
  }

  private emitUrfaveFlag(fl: UrfaveFlag, command: string | undefined, partial: boolean): void {
    const key = flagKey(fl.name);
    const short = fl.aliases.find((a) => a.name.length === 1);
    const meta = {
      command,
      via: 'urfave/cli',
      short: short ? `-${short.name}` : undefined,
      env: fl.envs.length ? fl.envs.map((e) => e.name).join(',') : undefined,
      required: fl.required,
      hidden: fl.hidden,
      partial,
      computed: fl.value?.computed,
      goDefs: fl.defs.join(',') || undefined,
      goDefRefs: fl.defRefs.join(',') || undefined,
    };
    this.add('cli-flag', key, fl.at, fl.value?.text, meta);
    for (const a of fl.aliases) this.add('cli-flag', flagKey(a.name), a.at, fl.value?.text, { ...meta, alias: key });
  }

  private emitFlagCall(fc: FlagCall, command: string | undefined, partial: boolean): void {
    const key = flagKey(fc.name);
    const meta = {
      command,
      via: fc.via,
      short: fc.short ? `-${fc.short}` : undefined,
      persistent: fc.persistent,
      partial,
      computed: fc.value?.computed,
      goRecv: fc.node ? undefined : fc.recvRef,
    };
    this.add('cli-flag', key, fc.at, fc.value?.text, meta);
    if (fc.short && fc.shortAt !== undefined) this.add('cli-flag', `-${fc.short}`, fc.shortAt, fc.value?.text, { ...meta, alias: key });
  }

  /** pflag/cobra and stdlib flag definitions: `cmd.Flags().StringP(...)`, `flag.Int(...)`, `fs.Bool(...)`. */
  private flagCalls(): FlagCall[] {
    const g = this.g;
    const out: FlagCall[] = [];
    const pkgVia = (alias: string): 'pflag' | 'flag' | undefined => (g.importIs(alias, PFLAG) ? 'pflag' : g.importIs(alias, STDFLAG) ? 'flag' : undefined);
    type Cls = { via: FlagCall['via']; persistent: boolean; node?: CmdNode; orphan?: 'root' | 'other'; flagSet?: FlagCall['flagSet']; recvRef?: string };
    const classify = (r: Range, depth = 0): Cls | undefined => {
      if (depth > 5) return undefined;
      const ch = g.chain(r);
      if (!ch) return undefined;
      const last = ch.segs[ch.segs.length - 1];
      // flag.X / pflag.X / flag.CommandLine.X
      if (!ch.segs.length || (ch.segs.length === 1 && last?.name === 'CommandLine' && last.open === undefined)) {
        const via = pkgVia(ch.base);
        if (via) return { via, persistent: false };
        if (ch.segs.length) return undefined;
        const b = g.lookup(ch.base, r[0]);
        if (!b?.expr) return undefined;
        const set = g.call(b.expr);
        const m = set && /^(\w+)\.NewFlagSet$/.exec(set.fn);
        if (set && m) {
          const via2 = pkgVia(m[1] as string);
          if (!via2) return undefined;
          const arg = set.args[0];
          const name = arg ? g.str(arg.r) : undefined;
          const flagSet: FlagCall['flagSet'] = { at: b.at, nameAt: arg?.r[0] ?? b.at };
          if (name !== undefined) flagSet.name = name;
          return { via: via2, persistent: false, flagSet };
        }
        return classify(b.expr, depth + 1);
      }
      // cmd.Flags() / cmd.PersistentFlags()
      if (last && last.open !== undefined && FLAG_ACCESSORS.has(last.name) && this.g.match[last.open] === last.open + 1) {
        const recv: Range = [r[0], last.at - 1];
        const node = this.resolveCmd(recv);
        const persistent = last.name === 'PersistentFlags';
        if (node) return { via: 'cobra', persistent, node };
        const name = g.dotted(recv);
        const cls: Cls = { via: 'cobra', persistent, orphan: name && ROOTISH.test(name.split('.').pop() as string) ? 'root' : 'other' };
        const recvRef = this.refOf(recv);
        if (recvRef) cls.recvRef = recvRef;
        return cls;
      }
      return undefined;
    };
    for (const c of g.methodCalls((m) => FLAG_METHOD.test(m))) {
      const m = FLAG_METHOD.exec(c.name) as RegExpExecArray;
      const cls = classify(g.receiver(c.dot));
      if (!cls) continue;
      const args = g.args(c.open);
      const type = m[1] ?? '';
      const hasPtr = !!m[2] || !!m[3];
      const p = !!m[4];
      const noDefault = !!m[3] || type === 'Count' || type === 'Func' || type === 'BoolFunc';
      let i = hasPtr ? 1 : 0;
      const nameArg = args[i++];
      const shortArg = p ? args[i++] : undefined;
      const defArg = noDefault ? undefined : args[i++];
      const name = nameArg ? g.str(nameArg.r) : undefined;
      if (!nameArg || !name || !/^\w[\w.-]*$/.test(name) || args.length < i) continue;
      const fc: FlagCall = { at: nameArg.r[0], name, via: cls.via, persistent: cls.persistent };
      const short = shortArg ? g.str(shortArg.r) : undefined;
      if (short && shortArg) {
        fc.short = short;
        fc.shortAt = shortArg.r[0];
      }
      const value = defArg ? this.valueOf(defArg.r) : undefined;
      if (value) fc.value = value;
      if (cls.node) {
        fc.node = cls.node;
        cls.node.flagCalls.push(fc);
      }
      if (cls.orphan) fc.orphan = cls.orphan;
      if (cls.recvRef) fc.recvRef = cls.recvRef;
      if (cls.flagSet) fc.flagSet = cls.flagSet;
      out.push(fc);
    }
    return out;
  }

  // ---- routes

  private frameworkOf(alias: string): string | undefined {
    const p = this.g.imports.get(alias);
    if (p === undefined) return undefined;
    return FRAMEWORKS.find(([, re]) => re.test(p))?.[0];
  }

  /** The path prefix a router expression carries, and whether its origin is seen in the file. */
  private router(r: Range, depth = 0): { prefix: string; anchored: boolean; fw?: string } {
    const g = this.g;
    const none = { prefix: '', anchored: false };
    if (depth > 12) return none;
    const ch = g.chain(r);
    if (!ch) return none;
    let base: { prefix: string; anchored: boolean; fw?: string };
    let segs = ch.segs;
    const fw = this.frameworkOf(ch.base);
    if (fw) base = { prefix: '', anchored: true, fw };
    else if (segs[0]?.name === '' && segs[0].open !== undefined) {
      // newRouter().Group(...)
      const f = g.funcs.get(ch.base);
      const ret = f?.returns[0];
      base = ret ? this.router(ret, depth + 1) : none;
      segs = segs.slice(1);
    } else {
      let b: Binding | undefined;
      if (segs[0] && segs[0].open === undefined) {
        b = g.lookup(`${ch.base}.${segs[0].name}`, r[0]);
        if (b) segs = segs.slice(1);
      }
      b ??= g.lookup(ch.base, r[0]);
      if (b?.route) {
        const outer = this.router(b.route.recv, depth + 1);
        base = { ...outer, prefix: joinPath(outer.prefix, b.route.path) };
      } else if (b?.expr) {
        base = this.router(b.expr, depth + 1);
        const mount = this.mounts.get(b);
        if (mount) base = { ...base, prefix: joinPath(mount, base.prefix) };
      } else base = none;
    }
    let prefix = base.prefix;
    for (const s of segs) {
      if ((s.name === 'Group' || s.name === 'PathPrefix') && s.open !== undefined) {
        const [a] = g.args(s.open);
        const p = a ? g.str(a.r) : undefined;
        if (p !== undefined) prefix = joinPath(prefix, p);
      }
    }
    return { ...base, prefix };
  }

  private readonly mounts = new Map<Binding, string>();

  private routes(): void {
    const g = this.g;
    const imported = new Set<string>();
    for (const alias of g.imports.keys()) {
      const fw = this.frameworkOf(alias);
      if (fw) imported.add(fw);
    }
    if (!imported.size) return;
    // chi/fiber closures: r.Route("/api", func(r chi.Router) {...}), r.Group(func(r chi.Router) {...}).
    for (const c of g.methodCalls(new Set(['Route', 'Group', 'Mount']))) {
      const args = g.args(c.open);
      const recv = g.receiver(c.dot);
      const pathArg = args.length >= 2 ? args[0] : undefined;
      const path = pathArg ? g.str(pathArg.r) : '';
      if (path === undefined) continue;
      const fnArg = args[args.length - 1];
      if (!fnArg) continue;
      const [a, b] = fnArg.r;
      if (c.name !== 'Mount' && g.txt(a) === 'func' && g.txt(a + 1) === '(' && g.isIdent(a + 2)) {
        const open = g.bodyAfter(a + 1);
        if (open >= 0 && g.match[open] === b - 1) g.addRouteScope(g.txt(a + 2), open, recv, path, c.dot);
      } else if (c.name === 'Route' && b - a === 1 && g.funcs.get(g.txt(a))?.param) {
        const f = g.funcs.get(g.txt(a)) as FuncDecl;
        g.addRouteScope(f.param as string, f.open, recv, path, c.dot);
      } else if (c.name === 'Mount') {
        // r.Mount("/api", apiRouter()) with an in-file function returning a router variable.
        const call = g.call(fnArg.r);
        const f = call && !call.fn.includes('.') ? g.funcs.get(call.fn) : undefined;
        const ret = f?.returns[0];
        const name = ret ? g.dotted(ret) : undefined;
        const bind = ret && name ? g.lookup(name, ret[0]) : undefined;
        if (bind) this.mounts.set(bind, joinPath(this.router(recv).prefix, path));
      }
    }
    for (const c of g.methodCalls(ROUTE_CALLS)) {
      const recv = g.receiver(c.dot);
      if (recv[1] <= recv[0]) continue;
      const args = g.args(c.open);
      const rt = this.router(recv);
      const recvFw = rt.fw;
      const baseAlias = g.txt(recv[0]);
      const isHttpPkg = recv[1] - recv[0] === 1 && g.importIs(baseAlias, (p) => p === 'net/http');
      let fw: string | undefined;
      let methods: string[] = [];
      let pathArg: Arg | undefined;
      const methodOf = (r: Range): string | undefined => {
        const s = g.str(r);
        if (s !== undefined) return UPPER_METHODS.has(s.toUpperCase()) ? s.toUpperCase() : undefined;
        const d = g.dotted(r);
        const last = d?.split('.').pop();
        return last ? HTTP_METHOD_CONST[last] : undefined;
      };
      if (UPPER_METHODS.has(c.name) || c.name === 'Any' || c.name === 'Add' || c.name === 'Match') {
        fw = recvFw && ['gin', 'echo'].includes(recvFw) ? recvFw : imported.has('gin') ? 'gin' : imported.has('echo') ? 'echo' : undefined;
        if (c.name === 'Add') {
          const m = args[0] ? methodOf(args[0].r) : undefined;
          if (m) methods = [m];
          pathArg = args[1];
        } else if (c.name === 'Match') {
          const list = args[0] ? this.elements(args[0].r) : [];
          methods = list.map((e) => methodOf(e)).filter((m): m is string => !!m);
          pathArg = args[1];
        } else {
          methods = [c.name === 'Any' ? 'ANY' : c.name];
          pathArg = args[0];
        }
      } else if (LOWER_METHODS.has(c.name) || c.name === 'All' || c.name === 'Method' || c.name === 'MethodFunc') {
        fw = recvFw && ['chi', 'fiber'].includes(recvFw) ? recvFw : imported.has('chi') ? 'chi' : imported.has('fiber') ? 'fiber' : undefined;
        if (c.name === 'Method' || c.name === 'MethodFunc') {
          const m = args[0] ? methodOf(args[0].r) : undefined;
          if (m) methods = [m];
          pathArg = args[1];
        } else {
          methods = [c.name === 'All' ? 'ANY' : (LOWER_METHODS.get(c.name) as string)];
          pathArg = args[0];
        }
      } else {
        // Handle / HandleFunc
        const second = args[1] ? g.str(args[1].r) : undefined;
        const ginStyle = args.length >= 3 && args[0] && methodOf(args[0].r) && second?.startsWith('/');
        if (c.name === 'Handle' && ginStyle && (imported.has('gin') || recvFw === 'gin')) {
          fw = 'gin';
          methods = [methodOf((args[0] as Arg).r) as string];
          pathArg = args[1];
        } else {
          fw = isHttpPkg ? 'net/http' : (recvFw ?? (imported.has('gorilla/mux') ? 'gorilla/mux' : imported.has('chi') ? 'chi' : imported.has('net/http') ? 'net/http' : undefined));
          pathArg = args[0];
          if (fw === 'gorilla/mux') {
            // .Methods("GET", http.MethodPost) chained after the call
            let k = (g.match[c.open] ?? c.open) + 1;
            while (g.txt(k) === '.' && g.t(k + 1).kind === 'ident' && g.txt(k + 2) === '(') {
              if (g.txt(k + 1) === 'Methods') methods = g.args(k + 2).map((a) => methodOf(a.r)).filter((m): m is string => !!m);
              k = g.skip(k + 2);
            }
          }
          if (!methods.length) methods = ['ANY'];
        }
      }
      if (!fw || !pathArg || !methods.length) continue;
      let path = g.str(pathArg.r);
      if (path === undefined) continue;
      if (fw === 'net/http') {
        const m = /^(?:([A-Z]+)\s+)?([^/\s]*)(\/.*)$/.exec(path);
        if (!m) continue;
        if (m[1]) methods = [m[1]];
        path = m[3] as string;
      }
      if (!path.startsWith('/') && !(path === '' && rt.prefix)) continue;
      const full = joinPath(rt.prefix, path) || '/';
      const partial = !rt.anchored && !isHttpPkg;
      for (const method of methods) {
        this.add('route', `${method} ${normalizeGoRoute(full)}`, pathArg.r[0], full, { method, framework: fw, partial });
      }
    }
  }

  // ---- ports

  private ports(): void {
    const g = this.g;
    const calls = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Listen', 'ListenPacket', 'Run', 'RunTLS', 'Start', 'StartTLS', 'ListenTLS']);
    for (const c of g.methodCalls(calls)) {
      const recv = g.receiver(c.dot);
      const args = g.args(c.open);
      const alias = recv[1] - recv[0] === 1 ? g.txt(recv[0]) : '';
      const path = g.imports.get(alias);
      let arg: Arg | undefined;
      let via: string | undefined;
      if (path === 'net/http' && c.name.startsWith('ListenAndServe')) {
        arg = args[0];
        via = `http.${c.name}`;
      } else if ((path === 'net' || path === 'crypto/tls') && (c.name === 'Listen' || c.name === 'ListenPacket')) {
        arg = args[1];
        via = `${path === 'net' ? 'net' : 'tls'}.${c.name}`;
      } else if (path === undefined) {
        const fw = this.router(recv).fw;
        const imported = (name: string) => [...g.imports.keys()].some((a) => this.frameworkOf(a) === name);
        if ((c.name === 'Run' || c.name === 'RunTLS') && (fw === 'gin' || (!fw && imported('gin')))) via = 'gin';
        else if ((c.name === 'Start' || c.name === 'StartTLS') && (fw === 'echo' || (!fw && imported('echo')))) via = 'echo';
        else if ((c.name === 'Listen' || c.name === 'ListenTLS') && (fw === 'fiber' || (!fw && imported('fiber')))) via = 'fiber';
        arg = args[0];
      }
      if (!arg || !via) continue;
      const s = g.str(arg.r);
      if (s !== undefined) this.portFromAddr(s, arg.r[0], via);
    }
    // http.Server{Addr: ":8080"} and srv.Addr = ":8080"
    for (let k = 0; k < g.n; k++) {
      if (g.txt(k) !== '{' || g.t(k).kind !== 'op') continue;
      const m = /^(\w+)\.Server$/.exec(g.typeBefore(k).type);
      if (!m || !g.importIs(m[1] as string, (p) => p === 'net/http')) continue;
      const addr = g.fields(k).get('Addr');
      const s = addr ? g.str(addr) : undefined;
      if (addr && s !== undefined) this.portFromAddr(s, addr[0], 'http.Server');
    }
    for (const a of g.fieldAssigns) {
      if (a.field !== 'Addr') continue;
      const s = g.str(a.expr);
      if (s !== undefined) this.portFromAddr(s, a.expr[0], 'http.Server');
    }
  }

  private portFromAddr(addr: string, at: number, via: string): void {
    if (ADDR.test(addr.trim())) this.portFrom(addr, at, { via });
  }
}

/** Parses a struct tag (`key:"value" key2:"value2"`); undefined when it is not one. */
export function parseStructTag(tag: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const re = /\s*([^\s:"]+):"((?:\\.|[^"\\])*)"/y;
  let i = 0;
  while (i < tag.length) {
    re.lastIndex = i;
    const m = re.exec(tag);
    if (!m) return tag.slice(i).trim() === '' ? out : undefined;
    out.set(m[1] as string, decodeGoString(m[2] as string));
    i = re.lastIndex;
  }
  return out;
}

const GOOS_GOARCH = new Set(
  (
    'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos unix ' +
    '386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le ' +
    'riscv riscv64 s390 s390x sparc sparc64 wasm cgo gc gccgo'
  ).split(' '),
);

/**
 * Whether a `//go:build` line (before the package clause) leaves the file out of every default
 * build: custom tags (`ignore`, `generate`, `tools`, `integration`) are false, OS, architecture and
 * `cgo` tags may be either, `go1.N` is true. Files that only some platforms build are kept.
 */
export function excludedByBuildTags(text: string): boolean {
  const header = /^([\s\S]*?)^package\s/m.exec(text)?.[1] ?? '';
  const line = /^\/\/go:build\s+(.+)$/m.exec(header)?.[1];
  if (!line) return false;
  const toks = line.match(/\|\||&&|!|\(|\)|[\w.]+/g) ?? [];
  let i = 0;
  // Three-valued: 1 true, 0 false, 0.5 unknown.
  const or = (): number => {
    let v = and();
    while (toks[i] === '||') {
      i++;
      v = Math.max(v, and());
    }
    return v;
  };
  const and = (): number => {
    let v = not();
    while (toks[i] === '&&') {
      i++;
      v = Math.min(v, not());
    }
    return v;
  };
  const not = (): number => {
    const t = toks[i++];
    if (t === '!') return 1 - not();
    if (t === '(') {
      const v = or();
      if (toks[i] === ')') i++;
      return v;
    }
    if (t === undefined) return 0.5;
    if (/^go1(?:\.\d+)?$/.test(t)) return 1;
    return GOOS_GOARCH.has(t) ? 0.5 : 0;
  };
  return or() === 0;
}

export const goProvider: FactProvider = {
  id: 'go',
  matches: isGoSource,
  provide(file: SystemFile, sink: FactSink) {
    if (excludedByBuildTags(file.text)) return;
    new GoReader(file, sink).read();
  },
  link: linkGoCommands,
};

/** Meta keys that only serve {@link linkGoCommands}; dropped from the facts it makes. */
const LINK_META = ['partial', 'goDefs', 'goRefs', 'goParents', 'goFlagRefs', 'goDefRefs', 'goRecv'];
/** How deep links are followed, and how many facts linking may add (a guard against pathological graphs). */
const LINK_DEPTH = 16;
const LINK_MAX_FACTS = 100_000;

function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

function list(v: unknown): string[] {
  return typeof v === 'string' && v ? v.split(',') : [];
}

/**
 * Stitches command trees across files and packages, once every file is read (rules in full; the
 * provider's header lists the meta it reads).
 *
 * - A reference (`importpath#Ident`, or `#Ident` within the package) names the definitions
 *   (`goDefs`) `Ident` of one package directory, plus, for a holding slice, whatever its `goDefRefs`
 *   name in turn. `#Ident` is the referring fact's own directory. An import path maps to a
 *   directory by the `module` lines of the system's go.mod files (the `gomod` provider's `version`
 *   fact): the module path that is the longest prefix of the import path gives its go.mod's
 *   directory plus the rest of the path (`go.woodpecker-ci.org/woodpecker/v3/cli/admin` →
 *   `cli/admin`). Only when no go.mod lies at or above the referring file, it maps by suffix: to the
 *   directory holding definitions that shares the most trailing path segments with the import path
 *   (at least two, and a single best). Directories are those of facts' `origin.file`.
 * - Roots: every command reported without `meta.partial` (a root, or a command under one in its own
 *   file), and a partial one-word command named like a `bin` fact of the provider (an executable)
 *   that nothing links under another command (`var baseCmd` run from another file).
 * - From a root, its linked children (`goRefs`, and commands of other files that say
 *   `parent.AddCommand(this)`, `goParents`) are copied under its full path with their subtrees (the
 *   commands, aliases and flags their own file shows under them), recursively; flags of other
 *   files (`goFlagRefs`, and `goRecv` receivers) go on each command they name. Copies keep origin
 *   and meta, with `meta.command`/`meta.alias` rewritten and `meta.partial` and link keys dropped.
 * - A command already on the path is not entered again (cycles), depth is capped at 16 and output at
 *   100,000 facts; the originals stay; the result is sorted, so it does not depend on file order.
 */
export function linkGoCommands(facts: { all(kind: FactKind): Fact[] }): Fact[] {
  const commands = facts.all('cli-command').filter((f) => f.provider === 'go');
  const flags = facts.all('cli-flag').filter((f) => f.provider === 'go');
  if (!commands.length) return [];
  const pos = (f: Fact) => `${f.origin.file}\0${f.origin.start.line}\0${f.origin.start.column ?? ''}`;

  // Modules: go.mod directory → module path, longest module first.
  const modules = facts
    .all('version')
    .filter((f) => f.provider === 'gomod' && f.key === 'go' && typeof f.meta?.['module'] === 'string')
    .map((f) => ({ module: String(f.meta?.['module']), dir: dirOf(f.origin.file) }))
    .sort((a, b) => b.module.length - a.module.length || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  const moduleDirs = new Set(modules.map((m) => m.dir));

  // Definitions: `dir\0Ident` → command facts (one per node) and flag facts.
  const cmdDefs = new Map<string, Fact[]>();
  const flagDefs = new Map<string, Fact[]>();
  const cmdHolderRefs = new Map<string, Set<string>>();
  const holderRefs = new Map<string, Set<string>>();
  const addHolderRefs = (map: Map<string, Set<string>>, dir: string, entries: string[]) => {
    for (const entry of entries) {
      const gt = entry.indexOf('>');
      const key = `${dir}\0${entry.slice(0, gt)}`;
      const set = map.get(key);
      if (set) set.add(entry.slice(gt + 1));
      else map.set(key, new Set([entry.slice(gt + 1)]));
    }
  };
  const defDirsByLast = new Map<string, Set<string>>();
  const addDef = (map: Map<string, Fact[]>, dir: string, name: string, f: Fact) => {
    const key = `${dir}\0${name}`;
    const l = map.get(key);
    if (l) l.push(f);
    else map.set(key, [f]);
    const last = dir.split('/').pop() as string;
    const dirs = defDirsByLast.get(last);
    if (dirs) dirs.add(dir);
    else defDirsByLast.set(last, new Set([dir]));
  };
  const byNode = new Map<string, Fact>();
  for (const c of commands) {
    if (c.meta?.['alias'] !== undefined) continue;
    const id = pos(c);
    const prev = byNode.get(id);
    // One fact per node: the shortest path (a command shared by two parents of its file shows twice).
    if (prev && (prev.key.length < c.key.length || (prev.key.length === c.key.length && prev.key <= c.key))) continue;
    byNode.set(id, c);
  }
  for (const c of byNode.values()) {
    for (const name of list(c.meta?.['goDefs'])) addDef(cmdDefs, dirOf(c.origin.file), name, c);
    addHolderRefs(cmdHolderRefs, dirOf(c.origin.file), list(c.meta?.['goDefRefs']));
  }
  const flagSeen = new Set<string>();
  for (const f of flags) {
    const defs = list(f.meta?.['goDefs']);
    if (!defs.length) continue;
    const dir = dirOf(f.origin.file);
    const id = `${pos(f)}\0${f.key}`;
    const first = !flagSeen.has(id);
    flagSeen.add(id);
    for (const name of defs) if (first) addDef(flagDefs, dir, name, f);
    addHolderRefs(holderRefs, dir, list(f.meta?.['goDefRefs']));
  }

  const nearestModuleDir = new Map<string, boolean>();
  const underModule = (dir: string): boolean => {
    let hit = nearestModuleDir.get(dir);
    if (hit !== undefined) return hit;
    hit = false;
    for (let d = dir; ; d = dirOf(d)) {
      if (moduleDirs.has(d)) {
        hit = true;
        break;
      }
      if (!d) break;
    }
    nearestModuleDir.set(dir, hit);
    return hit;
  };
  const importCache = new Map<string, string | null>();
  /** The package directory a reference made in `from` (a directory) points at, and the identifier. */
  const target = (ref: string, from: string): string | undefined => {
    const hash = ref.indexOf('#');
    if (hash < 0) return undefined;
    const path = ref.slice(0, hash);
    const name = ref.slice(hash + 1);
    if (!path) return `${from}\0${name}`;
    const cacheKey = `${underModule(from) ? 'm' : 's'}\0${path}`;
    let dir = importCache.get(cacheKey);
    if (dir === undefined) {
      dir = null;
      if (cacheKey.startsWith('m')) {
        const m = modules.find((x) => path === x.module || path.startsWith(`${x.module}/`));
        if (m) {
          const rest = path.slice(m.module.length + 1);
          dir = m.dir && rest ? `${m.dir}/${rest}` : m.dir || rest;
        }
      } else {
        const segs = path.split('/');
        let best = 0;
        let found: string | null = null;
        let tie = false;
        for (const d of defDirsByLast.get(segs[segs.length - 1] as string) ?? []) {
          const ds = d.split('/');
          let k = 0;
          while (k < ds.length && k < segs.length && ds[ds.length - 1 - k] === segs[segs.length - 1 - k]) k++;
          if (k > best) [best, found, tie] = [k, d, false];
          else if (k === best) tie = true;
        }
        dir = best >= 2 && !tie ? found : null;
      }
      importCache.set(cacheKey, dir);
    }
    return dir === null ? undefined : `${dir}\0${name}`;
  };

  // Per file: commands sorted by key, aliases by canonical key, flags by command.
  const fileCmds = new Map<string, Fact[]>();
  const aliasesOf = new Map<string, Fact[]>();
  const flagsOf = new Map<string, Fact[]>();
  const push = <T>(map: Map<string, T[]>, key: string, v: T) => {
    const l = map.get(key);
    if (l) l.push(v);
    else map.set(key, [v]);
  };
  for (const c of commands) {
    push(fileCmds, c.origin.file, c);
    const alias = c.meta?.['alias'];
    if (typeof alias === 'string') push(aliasesOf, `${c.origin.file}\0${alias}`, c);
  }
  for (const l of fileCmds.values()) l.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const f of flags) if (typeof f.meta?.['command'] === 'string') push(flagsOf, `${f.origin.file}\0${f.meta['command']}`, f);

  // Edges: node → child command facts (to be copied with their subtrees); flags attached from other files.
  const edges = new Map<string, Fact[]>();
  const addEdge = (parent: Fact, child: Fact) => {
    const l = edges.get(pos(parent));
    if (!l) edges.set(pos(parent), [child]);
    else if (!l.includes(child)) l.push(child);
  };
  /** What a definition `dir\0Ident` stands for: its own items and those of the holders it names (slices). */
  const resolveDef = (map: Map<string, Fact[]>, holders: Map<string, Set<string>>, key: string, seen = new Set<string>()): Fact[] => {
    if (seen.has(key) || seen.size > LINK_DEPTH) return [];
    seen.add(key);
    const out = [...(map.get(key) ?? [])];
    const from = key.slice(0, key.indexOf('\0'));
    for (const ref of holders.get(key) ?? []) {
      const t = target(ref, from);
      if (t) out.push(...resolveDef(map, holders, t, seen));
    }
    return out;
  };
  const cmdsOf = (ref: string, from: string): Fact[] => {
    const t = target(ref, from);
    return t ? resolveDef(cmdDefs, cmdHolderRefs, t) : [];
  };
  for (const c of byNode.values()) {
    const dir = dirOf(c.origin.file);
    for (const ref of list(c.meta?.['goRefs'])) for (const child of cmdsOf(ref, dir)) addEdge(c, child);
    for (const ref of list(c.meta?.['goParents'])) for (const parent of cmdsOf(ref, dir)) addEdge(parent, c);
  }
  const recvFlags = new Map<string, Fact[]>();
  for (const f of flags) {
    const ref = f.meta?.['goRecv'];
    if (typeof ref !== 'string') continue;
    for (const c of cmdsOf(ref, dirOf(f.origin.file))) push(recvFlags, pos(c), f);
  }
  const linkedFlags = (c: Fact): Fact[] => {
    const out = [...(recvFlags.get(pos(c)) ?? [])];
    const dir = dirOf(c.origin.file);
    for (const ref of list(c.meta?.['goFlagRefs'])) {
      const t = target(ref, dir);
      if (t) out.push(...resolveDef(flagDefs, holderRefs, t));
    }
    return out;
  };
  /** The commands a file shows at or under `key` (sorted keys make them a contiguous run). */
  const subtree = (d: Fact): Fact[] => {
    const list0 = fileCmds.get(d.origin.file) ?? [];
    let lo = 0;
    let hi = list0.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list0[mid] as Fact).key < d.key) lo = mid + 1;
      else hi = mid;
    }
    const out: Fact[] = [];
    for (let i = lo; i < list0.length; i++) {
      const k = (list0[i] as Fact).key;
      if (k !== d.key && !k.startsWith(`${d.key} `)) break;
      out.push(list0[i] as Fact);
    }
    return out;
  };

  const out: Fact[] = [];
  const seen = new Set<string>();
  const clean = (meta: Fact['meta']): Record<string, string | number | boolean> => {
    const m = { ...meta };
    for (const k of LINK_META) delete m[k];
    return m;
  };
  const emit = (f: Fact) => {
    if (out.length >= LINK_MAX_FACTS) return;
    const id = `${f.kind}\0${f.key}\0${pos(f)}\0${String(f.meta?.['command'] ?? '')}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(f);
  };
  const emitFlag = (f: Fact, command: string) => {
    if (f.meta?.['command'] === command && !f.meta?.['partial']) return; // already there
    emit({ ...f, meta: { ...clean(f.meta), command } });
  };
  /** Copies `d`'s subtree under `parent` (a full path), then what it links to. */
  const place = (d: Fact, parent: string, depth: number, stack: Set<string>) => {
    if (depth > LINK_DEPTH || out.length >= LINK_MAX_FACTS || stack.has(pos(d))) return;
    const cut = d.key.lastIndexOf(' ') + 1;
    const rename = (k: string) => (parent ? `${parent} ${k.slice(cut)}` : k.slice(cut));
    const rooted = (c: Fact) => {
      const key = rename(c.key);
      const meta = clean(c.meta);
      if (typeof meta['alias'] === 'string') meta['alias'] = rename(meta['alias']);
      emit({ ...c, key, meta });
      return key;
    };
    for (const a of aliasesOf.get(`${d.origin.file}\0${d.key}`) ?? []) if (!a.key.startsWith(`${d.key} `)) rooted(a);
    const inner = new Set(stack);
    for (const c of subtree(d)) {
      const key = rooted(c);
      if (c.meta?.['alias'] !== undefined) continue;
      inner.add(pos(c));
      for (const f of flagsOf.get(`${c.origin.file}\0${c.key}`) ?? []) emitFlag(f, key);
      for (const f of linkedFlags(c)) emitFlag(f, key);
      for (const child of edges.get(pos(c)) ?? []) place(child, key, depth + 1, inner);
    }
  };
  // A partial command named like an executable of the system (a `bin` fact of package main) that
  // nothing links under another command is that executable's root (`var baseCmd` run from another file).
  const bins = new Set(facts.all('bin').filter((f) => f.provider === 'go').map((f) => f.key));
  const linked = new Set<string>();
  for (const kids of edges.values()) for (const k of kids) linked.add(pos(k));
  for (const h of byNode.values()) {
    if (!h.meta?.['partial'] || h.key.includes(' ') || !bins.has(h.key) || linked.has(pos(h)) || h.meta['goParents']) continue;
    place(h, '', 0, new Set());
  }
  for (const h of commands) {
    if (h.meta?.['partial'] || h.meta?.['alias'] !== undefined) continue;
    const extra = linkedFlags(h);
    const kids = edges.get(pos(h)) ?? [];
    if (!extra.length && !kids.length) continue;
    for (const f of extra) emitFlag(f, h.key);
    // The command and its ancestors in its file are on the path already.
    const stack = new Set<string>([pos(h)]);
    const words = h.key.split(' ');
    for (let i = 1; i < words.length; i++) {
      const anc = subtree({ ...h, key: words.slice(0, i).join(' ') })[0];
      if (anc && anc.key === words.slice(0, i).join(' ')) stack.add(pos(anc));
    }
    for (const child of kids) place(child, h.key, 1, stack);
  }
  const str = (v: unknown) => (v === undefined ? '' : String(v));
  return out.sort(
    (a, b) =>
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      (a.origin.file < b.origin.file ? -1 : a.origin.file > b.origin.file ? 1 : 0) ||
      a.origin.start.line - b.origin.start.line ||
      (a.origin.start.column ?? 0) - (b.origin.start.column ?? 0) ||
      (str(a.meta?.['command']) < str(b.meta?.['command']) ? -1 : str(a.meta?.['command']) > str(b.meta?.['command']) ? 1 : 0),
  );
}
