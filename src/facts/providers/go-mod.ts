/**
 * Go module files (`go.mod`, not under `vendor/` or `testdata/`) → facts, each at the line of its
 * directive:
 *
 * - `version`: key `go`, value = the `go` line's version as written (`1.22`, `1.22.0`), `meta:
 *   {module?, toolchain?, manifest}` (`toolchain` = the `toolchain` line's name, `go1.22.3`). The
 *   module path rides along as `meta.module`; there is no fact for the module itself.
 * - `dependency`: one per `require` (single-line or block), key = module path, value = version,
 *   `meta: {manifest, indirect?, replace?}` (`// indirect` comments; `replace` = the target of a
 *   `replace` directive for that module, `path version` or a local path).
 *
 * `exclude`, `retract`, `tool`, `godebug` and unknown directives are skipped. Lines that are not
 * `path version` inside `require` are reported as problems; reading goes on.
 */
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

/** Splits a line into its code and its `//` comment (quoted module paths may not contain `//`, but stay safe). */
function splitComment(line: string): { code: string; comment: string } {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === '`') quoted = !quoted;
    else if (!quoted && c === '/' && line[i + 1] === '/') return { code: line.slice(0, i), comment: line.slice(i + 2).trim() };
  }
  return { code: line, comment: '' };
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(["`]).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** Words of a directive's arguments, with quoted words unquoted. */
function words(s: string): string[] {
  return (s.match(/"(?:\\.|[^"\\])*"|`[^`]*`|\S+/g) ?? []).map(unquote);
}

interface Require {
  path: string;
  version: string;
  line: number;
  column: number;
  indirect: boolean;
}

export const goModProvider: FactProvider = {
  id: 'gomod',
  matches(path) {
    return (path === 'go.mod' || path.endsWith('/go.mod')) && !/(?:^|\/)(?:vendor|testdata)\//.test(path);
  },
  provide(file: SystemFile, sink: FactSink) {
    const manifest = file.path;
    const lines = file.text.split(/\r?\n/);
    let module: string | undefined;
    let go: { version: string; line: number; column: number } | undefined;
    let toolchain: string | undefined;
    const requires: Require[] = [];
    /** Replaced module → target, and the version the replacement is limited to (if any). */
    const replaces = new Map<string, { to: string; version?: string }>();
    let block: string | undefined;
    const directive = (verb: string, rest: string, comment: string, line: number, column: number) => {
      const args = words(rest);
      switch (verb) {
        case 'module':
          module = args[0];
          break;
        case 'go':
          if (args[0]) go = { version: args[0], line, column };
          break;
        case 'toolchain':
          toolchain = args[0];
          break;
        case 'require': {
          const [path, version] = args;
          if (!path || !version || args.length !== 2) {
            sink.problem(`line ${line}: require "${rest.trim()}" is not <module path> <version>`);
            break;
          }
          requires.push({ path, version, line, column, indirect: /(?:^|;)\s*indirect\s*(?:;|$)/.test(comment) });
          break;
        }
        case 'replace': {
          const arrow = args.indexOf('=>');
          const from = args[0];
          const to = args.slice(arrow + 1);
          if (arrow < 1 || !from || !to.length) {
            sink.problem(`line ${line}: replace "${rest.trim()}" is not <module> [version] => <target> [version]`);
            break;
          }
          const rep: { to: string; version?: string } = { to: to.join(' ') };
          if (arrow === 2 && args[1]) rep.version = args[1];
          replaces.set(from, rep);
          break;
        }
        default:
          break;
      }
    };
    lines.forEach((raw, i) => {
      const line = i + 1;
      const { code, comment } = splitComment(raw);
      const text = code.trim();
      if (!text) return;
      const indent = code.length - code.trimStart().length;
      if (block !== undefined) {
        if (text === ')') {
          block = undefined;
          return;
        }
        directive(block, text, comment, line, indent + 1);
        return;
      }
      const m = /^([a-z]+)\b\s*(.*)$/.exec(text);
      if (!m) {
        sink.problem(`line ${line}: "${text}" is not a go.mod directive`);
        return;
      }
      const verb = m[1] as string;
      const rest = m[2] as string;
      if (rest.startsWith('(')) {
        const inner = rest.slice(1).trim();
        if (inner.endsWith(')')) {
          // `require ( a v1 )` on one line
          const body = inner.slice(0, -1).trim();
          if (body) directive(verb, body, comment, line, indent + 1);
        } else {
          block = verb;
          if (inner) directive(verb, inner, comment, line, indent + 1);
        }
        return;
      }
      const argColumn = indent + 1 + verb.length + (text.length - verb.length - rest.length);
      directive(verb, rest, comment, line, verb === 'go' ? argColumn : indent + 1);
    });
    if (block !== undefined) sink.problem(`the ${block} block is not closed`);
    if (go) {
      const meta: Record<string, string> = { manifest };
      if (module) meta['module'] = module;
      if (toolchain) meta['toolchain'] = toolchain;
      sink.add({ kind: 'version', key: 'go', value: go.version, origin: { file: manifest, start: { line: go.line, column: go.column } }, meta });
    }
    for (const r of requires) {
      const meta: Record<string, string | boolean> = { manifest };
      if (r.indirect) meta['indirect'] = true;
      const rep = replaces.get(r.path);
      if (rep && (rep.version === undefined || rep.version === r.version)) meta['replace'] = rep.to;
      sink.add({ kind: 'dependency', key: r.path, value: r.version, origin: { file: manifest, start: { line: r.line, column: r.column } }, meta });
    }
  },
};
