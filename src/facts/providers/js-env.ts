/**
 * JavaScript/TypeScript sources (`.js .mjs .cjs .ts .mts .cts .jsx .tsx`; not `*.d.ts`, minified
 * files, or files under `dist/`, `build/`, `vendor/`, `node_modules/`) → `env-var` facts for the
 * environment variables the code reads:
 *
 * - `process.env.X`, `process.env?.X`, `process.env['X']`, `process.env["X"]`, ``process.env[`X`]``;
 * - `import.meta.env.X` and `import.meta.env['X']`;
 * - destructuring: `const { A, B: b, C = 'd' } = process.env` (value = the default, when a literal);
 * - defaults: `process.env.X ?? 'd'` and `process.env.X || 'd'` (value = the literal default).
 *
 * Limits (this is pattern matching, not analysis): comments are blanked out first (so commented-out
 * reads do not count, and line numbers stay right), but string contents are not, so a string that
 * spells `process.env.X` counts as a read; there is no data flow, so `const env = process.env;
 * env.X`, computed keys (`process.env[name]`) and reads through helpers (`getEnv('X')`) are not seen;
 * only literal defaults (strings, numbers, booleans) give a value. Regex literals are told apart from
 * division by the token before the `/`, which is right for ordinary code.
 */
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

/**
 * Replaces JS/TS comments with spaces (newlines kept), so that offsets and line numbers do not move.
 * Strings, template literals (with nested `${}`) and regex literals are skipped over, not changed.
 */
export function stripJsComments(src: string): string {
  const out = src.split('');
  const n = src.length;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < n; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  // Stack of open template literals: each entry counts `{` depth inside its current `${ ... }`.
  const templates: number[] = [];
  let i = 0;
  let lastSignificant = ''; // last non-space code character (or word) before the current position
  const skipString = (q: string) => {
    i++;
    while (i < n && src[i] !== q && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
    i++;
  };
  /** Scans template text from `i` (just after a backtick or a closing `}`); stops after `` ` `` or `${`. */
  const scanTemplate = (): void => {
    while (i < n) {
      const c = src[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        templates.pop();
        lastSignificant = '`';
        return;
      } else if (c === '$' && src[i + 1] === '{') {
        i += 2;
        templates[templates.length - 1] = 1;
        lastSignificant = '{';
        return;
      } else i++;
    }
  };
  while (i < n) {
    const c = src[i] as string;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      blank(i, end < 0 ? n : end);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      skipString(c);
      lastSignificant = c;
      continue;
    }
    if (c === '`') {
      templates.push(0);
      i++;
      scanTemplate();
      continue;
    }
    if (templates.length && (c === '{' || c === '}')) {
      const top = templates.length - 1;
      if (c === '{') templates[top] = (templates[top] as number) + 1;
      else {
        templates[top] = (templates[top] as number) - 1;
        if (templates[top] === 0) {
          i++;
          scanTemplate();
          continue;
        }
      }
    }
    if (c === '/') {
      const regexContext = lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant) || KEYWORDS_BEFORE_REGEX.has(lastSignificant);
      if (regexContext) {
        // Regex literal: up to the closing `/` outside a character class.
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
        if (j < n && src[j] === '/') {
          i = j + 1;
          while (i < n && /[a-z]/i.test(src[i] as string)) i++;
          lastSignificant = ')'; // a regex is a value: a following `/` divides
          continue;
        }
      }
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(src[j] as string)) j++;
      lastSignificant = src.slice(i, j);
      i = j;
      continue;
    }
    if (!/\s/.test(c)) lastSignificant = c;
    i++;
  }
  return out.join('');
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) starts.push(k + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** A literal default value as written (strings unquoted); undefined for anything else. */
function literalValue(expr: string): string | undefined {
  const t = expr.trim();
  const q = /^(['"`])((?:\\.|(?!\1)[^\\\n])*)\1$/.exec(t);
  if (q) return q[1] === '`' && (q[2] as string).includes('${') ? undefined : (q[2] as string);
  if (/^-?(?:\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?|0x[\da-f]+)$/i.test(t) || t === 'true' || t === 'false') return t;
  return undefined;
}

const ENV_OBJ = String.raw`(?:process\s*\.\s*env|import\s*\.\s*meta\s*\.\s*env)`;
const MEMBER = new RegExp(String.raw`\b(process\s*\.\s*env|import\s*\.\s*meta\s*\.\s*env)\s*(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)`, 'g');
const BRACKET = new RegExp(String.raw`\b(process\s*\.\s*env|import\s*\.\s*meta\s*\.\s*env)\s*(?:\?\.)?\[\s*(['"\x60])([^'"\x60\\\r\n]+)\2\s*\]`, 'g');
const DESTRUCTURE = new RegExp(String.raw`\{([^{}]*)\}\s*(?::\s*[\w$.<>\[\]|\s]+?)?=\s*(${ENV_OBJ})\b(?!\s*(?:\?\.|\.|\[))`, 'g');
/** `?? literal` / `|| literal` ending the expression (so `|| 16 * 1024` gives no default). */
const DEFAULT_AFTER = /^\s*(?:\?\?|\|\|)\s*('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`[^`$\\]*`|-?\d[\w.]*|true|false)(?=[ \t]*(?:[;,)\]}:\r\n]|$|\?\?|\|\|))/;

const NOT_A_VAR = new Set(['hasOwnProperty', 'toString', 'valueOf', 'constructor']);

/** Whether `path` is a source file to read (not declarations, minified or build output). */
export function isJsSource(path: string): boolean {
  if (!/\.(?:[cm]?[jt]s|[jt]sx)$/.test(path)) return false;
  if (/\.d\.[cm]?ts$/.test(path)) return false;
  if (/[.-]min\.[cm]?js$/.test(path)) return false;
  return !/(?:^|\/)(?:dist|build|vendor|node_modules)\//.test(path);
}

function looksMinified(text: string): boolean {
  if (text.length < 2000) return false;
  const lines = text.split('\n').length;
  return text.length / lines > 300;
}

export const jsEnvProvider: FactProvider = {
  id: 'js',
  matches: isJsSource,
  provide(file: SystemFile, sink: FactSink) {
    if (looksMinified(file.text)) return;
    const code = stripJsComments(file.text);
    const starts = lineStarts(code);
    const seen = new Set<string>();
    const add = (key: string, offset: number, access: string, source: string, value: string | undefined) => {
      if (NOT_A_VAR.has(key)) return;
      const id = `${key}@${offset}`;
      if (seen.has(id)) return;
      seen.add(id);
      const start = positionAt(starts, offset);
      const meta = { access, source: /^import/.test(source) ? 'import.meta.env' : 'process.env' };
      const fact = { kind: 'env-var' as const, key, origin: { file: file.path, start }, meta };
      sink.add(value !== undefined ? { ...fact, value } : fact);
    };
    const defaultAfter = (end: number): string | undefined => {
      const m = DEFAULT_AFTER.exec(code.slice(end, end + 400));
      return m ? literalValue(m[1] as string) : undefined;
    };
    for (const m of code.matchAll(MEMBER)) {
      const key = m[2] as string;
      const offset = (m.index as number) + m[0].length - key.length;
      add(key, offset, 'member', m[1] as string, defaultAfter((m.index as number) + m[0].length));
    }
    for (const m of code.matchAll(BRACKET)) {
      const key = m[3] as string;
      const offset = (m.index as number) + m[0].indexOf(key, (m[1] as string).length);
      add(key, offset, 'bracket', m[1] as string, defaultAfter((m.index as number) + m[0].length));
    }
    for (const m of code.matchAll(DESTRUCTURE)) {
      const body = m[1] as string;
      const bodyStart = (m.index as number) + 1;
      let pos = 0;
      for (const part of splitTopLevel(body)) {
        const partOffset = body.indexOf(part, pos);
        pos = partOffset + part.length;
        const item = /^(\s*)(?:(['"])([^'"]+)\2|([A-Za-z_$][\w$]*))\s*(?::\s*[A-Za-z_$][\w$]*\s*)?(?:=\s*([\s\S]+))?$/.exec(part);
        if (!item || part.trim().startsWith('...')) continue;
        const key = (item[3] ?? item[4]) as string;
        const keyOffset = bodyStart + partOffset + (item[1] as string).length + (item[2] ? 1 : 0);
        add(key, keyOffset, 'destructure', m[2] as string, item[5] !== undefined ? literalValue(item[5]) : undefined);
      }
    }
  },
};

/** Splits destructuring items on commas outside brackets and strings. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let q: string | null = null;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (q) {
      if (c === '\\') {
        cur += c + (s[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === q) q = null;
    } else if (c === '"' || c === "'" || c === '`') q = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out.filter((p) => p.trim());
}
