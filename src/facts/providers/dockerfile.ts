/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`): `ENV` and `ARG` →
 * `env-var` facts, `EXPOSE` → `port` facts, `FROM` → `image` facts (key = image name without tag,
 * value = tag, digest, or `latest`).
 *
 * Reads the file as Docker does: parser directives (`# escape=`), line continuations, comment lines
 * inside continuations, heredocs (`RUN <<EOF`), case-insensitive instructions. `FROM` and `EXPOSE`
 * have `${VAR}`/`$VAR` substituted from `ARG`/`ENV` defaults in scope; when that changes the text,
 * `meta.written` holds the text as written. A `FROM` naming an earlier stage, and `FROM scratch`,
 * are not images.
 */
import type { Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

/** An image reference split into name, tag and digest. */
export interface ImageRef {
  /** Registry, path and name, without tag or digest. */
  name: string;
  /** Tag, when given. */
  tag?: string;
  /** Digest (`sha256:...`), when given. */
  digest?: string;
}

/**
 * Splits `registry:5000/org/name:tag@sha256:...`. The tag is after the last `:` that follows the last
 * `/`; colons inside `${...}` or `{{...}}` do not count.
 */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = topLevelIndex(rest, '@', 'first');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = topLevelIndex(rest, '/', 'last');
  const colon = topLevelIndex(rest, ':', 'last');
  const out: ImageRef = { name: rest };
  if (colon > slash) {
    out.name = rest.slice(0, colon);
    out.tag = rest.slice(colon + 1);
  }
  if (digest) out.digest = digest;
  return out;
}

/** The value of an image fact: tag, else digest, else `latest`. */
export function imageValue(ref: ImageRef): string {
  return ref.tag ?? ref.digest ?? 'latest';
}

/** Index of `ch` outside `${...}`, `$(...)` and `{{...}}`. */
function topLevelIndex(s: string, ch: string, which: 'first' | 'last'): number {
  let depth = 0;
  let found = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '{' || c === '(') depth++;
    else if ((c === '}' || c === ')') && depth > 0) depth--;
    else if (c === ch && depth === 0) {
      if (which === 'first') return i;
      found = i;
    }
  }
  return found;
}

const INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

interface Segment {
  /** Offset in the logical line where this physical piece starts. */
  off: number;
  line: number;
  /** 1-based column of the piece's first character on its physical line. */
  column: number;
}

interface Instruction {
  name: string;
  /** Arguments text (logical line, continuations joined). */
  args: string;
  /** Offset of `args` in the logical line. */
  argsOff: number;
  segments: Segment[];
  line: number;
  column: number;
  /** The escape character (`\\` unless a `# escape=` directive says otherwise). */
  escape: string;
}

function positionOf(ins: Instruction, off: number): Position {
  let seg = ins.segments[0] as Segment;
  for (const s of ins.segments) if (s.off <= off) seg = s;
  return { line: seg.line, column: seg.column + (off - seg.off) };
}

/** Splits a Dockerfile into logical instructions. */
function readInstructions(text: string, sink: FactSink): Instruction[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  // Parser directives: `# directive=value` lines at the very top.
  for (const l of lines) {
    const m = /^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(l);
    if (!m) break;
    if ((m[1] as string).toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const out: Instruction[] = [];
  const continues = (l: string) => l.trimEnd().endsWith(escape);
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] as string;
    if (!first.trim() || /^\s*#/.test(first)) continue;
    const startLine = i + 1;
    const indent = first.length - first.trimStart().length;
    const segments: Segment[] = [{ off: 0, line: startLine, column: indent + 1 }];
    let logical = first.slice(indent);
    while (continues(logical)) {
      logical = logical.trimEnd().slice(0, -1);
      let j = i + 1;
      // Comment and blank lines inside a continuation are dropped.
      while (j < lines.length && (!(lines[j] as string).trim() || /^\s*#/.test(lines[j] as string))) j++;
      if (j >= lines.length) {
        sink.problem(`line ${startLine}: line continuation at the end of the file`);
        i = j;
        break;
      }
      i = j;
      segments.push({ off: logical.length, line: j + 1, column: 1 });
      logical += lines[j] as string;
    }
    const m = /^(\S+)(\s*)/.exec(logical);
    if (!m) continue;
    const name = (m[1] as string).toUpperCase();
    const args = logical.slice(m[0].length).trimEnd();
    out.push({ name, args, argsOff: m[0].length, segments, line: startLine, column: indent + 1, escape });
    if (!INSTRUCTIONS.has(name)) sink.problem(`line ${startLine}: unknown instruction ${m[1] as string}`);
    // Heredocs: skip their bodies, which are not instructions.
    if (name === 'RUN' || name === 'COPY' || name === 'ADD') {
      const re = /<<(-?)\s*(["']?)([A-Za-z_][\w-]*)\2/g;
      let h: RegExpExecArray | null;
      while ((h = re.exec(args))) {
        const strip = h[1] === '-';
        const delim = h[3] as string;
        let j = i + 1;
        while (j < lines.length && (strip ? (lines[j] as string).replace(/^\t+/, '') : (lines[j] as string)).trimEnd() !== delim) j++;
        if (j >= lines.length) {
          sink.problem(`line ${startLine}: heredoc <<${delim} is not closed`);
          return out;
        }
        i = j;
      }
    }
  }
  return out;
}

interface Word {
  text: string;
  off: number;
}

/** Splits arguments into words: quotes removed, escapes applied, offsets kept. */
function words(args: string, escape = '\\'): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < args.length) {
    while (i < args.length && /\s/.test(args[i] as string)) i++;
    if (i >= args.length) break;
    const off = i;
    let text = '';
    while (i < args.length && !/\s/.test(args[i] as string)) {
      const c = args[i] as string;
      if (c === escape && i + 1 < args.length) {
        text += args[i + 1];
        i += 2;
      } else if (c === '"' || c === "'") {
        const close = args.indexOf(c, i + 1);
        const end = close < 0 ? args.length : close;
        let body = args.slice(i + 1, end);
        if (c === '"') body = body.replace(/\\(["\\$])/g, '$1');
        text += body;
        i = end + 1;
      } else {
        text += c;
        i++;
      }
    }
    out.push({ text, off });
  }
  return out;
}

/** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` from `vars`; `resolved` is false if any stayed. */
function substitute(s: string, vars: Map<string, string>): { text: string; resolved: boolean } {
  let resolved = true;
  const text = s.replace(/\$\{([A-Za-z_]\w*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (all, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare) as string;
    const v = vars.get(name);
    if (op === '+') return v ? (word ?? '') : '';
    if (v !== undefined && v !== '') return v;
    if (op === '-') return word ?? '';
    resolved = false;
    return all;
  });
  return { text, resolved };
}

const PORT = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/;

export const dockerfileProvider: FactProvider = {
  id: 'docker',
  matches(path) {
    const base = path.split('/').pop() ?? '';
    if (/\.(?:dockerignore|md|txt|rst|adoc)$/i.test(base)) return false; // ignore files and docs about Dockerfiles
    return /^(?:Dockerfile|Containerfile)(?:\..+)?$/i.test(base) || /\.(?:dockerfile|containerfile)$/i.test(base);
  },
  provide(file: SystemFile, outer: FactSink) {
    // Problems are reported in line order once the file is read.
    const problems: Array<{ line: number; reason: string }> = [];
    const sink: FactSink = {
      add: (fact) => outer.add(fact),
      problem: (reason) => problems.push({ line: Number(/^line (\d+)/.exec(reason)?.[1] ?? 0), reason }),
    };
    try {
      readFacts(file, sink);
    } finally {
      problems.sort((a, b) => a.line - b.line);
      for (const p of problems) outer.problem(p.reason);
    }
  },
};

/** Reads the instructions of one Dockerfile into facts. */
function readFacts(file: SystemFile, sink: FactSink): void {
  const origin = (start: Position) => ({ file: file.path, start });
  const globals = new Map<string, string>();
  const stageNames = new Set<string>();
  let stage = -1;
  let stageName: string | undefined;
  let vars = new Map<string, string>();
  for (const ins of readInstructions(file.text, sink)) {
    const at = (w: Word) => positionOf(ins, ins.argsOff + w.off);
    const stageMeta = (): Record<string, string | number> =>
      stage < 0 ? {} : stageName !== undefined ? { stage: stageName, stageIndex: stage } : { stageIndex: stage };
    switch (ins.name) {
      case 'FROM': {
        stage++;
        stageName = undefined;
        vars = new Map(globals);
        const ws = words(ins.args, ins.escape).filter((w) => !w.text.startsWith('--'));
        const image = ws[0];
        if (!image) {
          sink.problem(`line ${ins.line}: FROM without an image`);
          break;
        }
        if (ws[1]?.text.toUpperCase() === 'AS' && ws[2]) stageName = ws[2].text;
        const written = image.text;
        if (stageNames.has(written.toLowerCase()) || written.toLowerCase() === 'scratch') {
          if (stageName) stageNames.add(stageName.toLowerCase());
          break;
        }
        if (stageName) stageNames.add(stageName.toLowerCase());
        const sub = substitute(written, globals);
        const ref = parseImageRef(sub.resolved ? sub.text : written);
        const meta: Record<string, string | number | boolean> = { ...stageMeta() };
        if (sub.resolved && sub.text !== written) meta.written = written;
        sink.add({ kind: 'image', key: ref.name, value: imageValue(ref), origin: origin(at(image)), meta });
        break;
      }
      case 'ARG':
      case 'ENV': {
        const ws = words(ins.args, ins.escape);
        const pairs: Array<{ key: string; value?: string; word: Word }> = [];
        if (ins.name === 'ENV' && ws[0] && !ws[0].text.includes('=')) {
          // Legacy `ENV KEY value with spaces`.
          const rest = ws.slice(1).map((w) => w.text).join(' ');
          pairs.push({ key: ws[0].text, value: rest, word: ws[0] });
        } else {
          for (const w of ws) {
            const eq = w.text.indexOf('=');
            if (eq === 0) {
              sink.problem(`line ${at(w).line}: ${ins.name} with an empty name`);
              continue;
            }
            if (eq < 0 && ins.name === 'ENV') {
              sink.problem(`line ${at(w).line}: ENV ${w.text} has no value`);
              continue;
            }
            pairs.push(eq < 0 ? { key: w.text, word: w } : { key: w.text.slice(0, eq), value: w.text.slice(eq + 1), word: w });
          }
        }
        if (!ws.length) sink.problem(`line ${ins.line}: ${ins.name} without a name`);
        for (const p of pairs) {
          if (!/^[A-Za-z_][\w.-]*$/.test(p.key)) {
            sink.problem(`line ${at(p.word).line}: ${ins.name} name '${p.key}' is not a variable name`);
            continue;
          }
          if (stage < 0) {
            if (p.value !== undefined) globals.set(p.key, p.value);
          } else if (p.value !== undefined) vars.set(p.key, substitute(p.value, vars).text);
          else if (ins.name === 'ARG' && globals.has(p.key)) vars.set(p.key, globals.get(p.key) as string);
          const meta: Record<string, string | number | boolean> = { instruction: ins.name, ...stageMeta() };
          if (stage < 0) meta.global = true;
          const fact = { kind: 'env-var' as const, key: p.key, origin: origin(at(p.word)), meta };
          sink.add(p.value !== undefined ? { ...fact, value: p.value } : fact);
        }
        break;
      }
      case 'EXPOSE': {
        for (const w of words(ins.args, ins.escape)) {
          const sub = substitute(w.text, vars);
          const m = PORT.exec(sub.text);
          if (!m) {
            if (sub.resolved) sink.problem(`line ${at(w).line}: EXPOSE ${w.text} is not a port`);
            continue;
          }
          const from = Number(m[1]);
          const to = m[2] ? Number(m[2]) : from;
          if (to < from || to - from > 64) {
            sink.problem(`line ${at(w).line}: EXPOSE range ${w.text} is too wide to list`);
            continue;
          }
          for (let port = from; port <= to; port++) {
            const meta: Record<string, string | number | boolean> = { protocol: (m[3] ?? 'tcp').toLowerCase(), ...stageMeta() };
            if (sub.text !== w.text) meta.written = w.text;
            sink.add({ kind: 'port', key: String(port), origin: origin(at(w)), meta });
          }
        }
        break;
      }
      default:
        break;
    }
  }
}
