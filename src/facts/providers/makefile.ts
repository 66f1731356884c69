/**
 * Makefiles (`Makefile`, `makefile`, `GNUmakefile`, `*.mk`) → `make-target` facts
 * (`meta: {makefile, phony?, doubleColon?, dynamic?}`).
 *
 * A static reading of GNU make syntax: lines joined on a trailing `\`, comments dropped, recipe lines
 * (tab-indented), `define`/`endef` blocks, conditionals and other directives skipped, variable
 * assignments (`=`, `:=`, `::=`, `:::=`, `?=`, `+=`, `!=`) skipped. Every name before a rule's `:`
 * (or `::`, `&:`) is a target; special targets starting with `.` are not, but the prerequisites of
 * `.PHONY` are (a phony name without a rule gets a fact at its `.PHONY` line). A target containing
 * `$` or `%` is dynamic: it is emitted as written with `meta.dynamic`. Nothing is expanded, and
 * `include`d files are read only if they are themselves in the system.
 */
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

const DIRECTIVE = /^(?:-?include|sinclude|override|export|unexport|private|vpath|undefine|ifeq|ifneq|ifdef|ifndef|else|endif|load|-load)(?:\s|$|\()/;

interface Logical {
  text: string;
  line: number;
  /** Where each physical line starts in `text` (continuations joined). */
  segments: Array<{ off: number; line: number; column: number }>;
}

/** Finds the first `:` outside `$(...)`/`${...}`, or -1. */
function ruleColon(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      depth++;
      i++;
    } else if ((c === '(' || c === '{') && depth > 0) depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === ':' && depth === 0) return i;
    else if (c === '=' && depth === 0) return -2; // an assignment operator comes first
  }
  return -1;
}

/** Splits on whitespace outside `$(...)`/`${...}`. */
function splitNames(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      depth++;
      cur += c + (s[i + 1] as string);
      i++;
      continue;
    }
    if ((c === '(' || c === '{') && depth > 0) depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    if (/\s/.test(c) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** Drops a `#` comment (not `\#`, and not inside `$(...)`). */
function stripComment(s: string): string {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      depth++;
      i++;
    } else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === '#' && depth === 0) return s.slice(0, i);
  }
  return s;
}

function logicalLines(text: string): Logical[] {
  const lines = text.split(/\r?\n/);
  const out: Logical[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let t = lines[i] as string;
    const segments = [{ off: 0, line, column: 1 }];
    while (/(?:^|[^\\])(?:\\\\)*\\$/.test(t) && i + 1 < lines.length) {
      i++;
      const next = lines[i] as string;
      const lead = next.length - next.trimStart().length;
      t = `${t.slice(0, -1).trimEnd()} `;
      segments.push({ off: t.length, line: i + 1, column: lead + 1 });
      t += next.slice(lead);
    }
    out.push({ text: t, line, segments });
  }
  return out;
}

export const makefileProvider: FactProvider = {
  id: 'make',
  matches(path) {
    const base = path.split('/').pop() ?? '';
    return base === 'Makefile' || base === 'makefile' || base === 'GNUmakefile' || base.endsWith('.mk');
  },
  provide(file: SystemFile, sink: FactSink) {
    const phony = new Map<string, number>();
    const rules: Array<{ name: string; line: number; column: number; doubleColon: boolean }> = [];
    let defineDepth = 0;
    let defineLine = 0;
    let inRule = false;
    for (const { text, line, segments } of logicalLines(file.text)) {
      if (defineDepth > 0) {
        const t = text.trim();
        if (/^(?:(?:override|export|private)\s+)*define(?:\s|$)/.test(t)) defineDepth++;
        else if (/^endef(?:\s|$)/.test(t)) defineDepth--;
        continue;
      }
      // Recipe lines: tab-indented lines after a rule.
      if (text.startsWith('\t') && inRule) continue;
      const stripped = stripComment(text);
      const t = stripped.trim();
      if (!t) continue;
      if (/^(?:(?:override|export|private)\s+)*define(?:\s|$)/.test(t)) {
        defineDepth = 1;
        defineLine = line;
        inRule = false;
        continue;
      }
      if (/^endef(?:\s|$)/.test(t)) {
        sink.problem(`line ${line}: endef without define`);
        continue;
      }
      if (DIRECTIVE.test(t)) {
        // Conditionals keep the rule context; other directives end it.
        if (!/^(?:ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(t)) inRule = false;
        continue;
      }
      const colon = ruleColon(t);
      if (colon === -2 || (colon >= 0 && t[colon + 1] === '=') || (colon >= 0 && t.startsWith('::=', colon)) || (colon >= 0 && t.startsWith(':::=', colon))) {
        inRule = false; // variable assignment
        continue;
      }
      if (colon < 0) {
        if (/^\$[({]/.test(t)) continue; // a bare function call such as $(eval ...) or $(info ...)
        sink.problem(`line ${line}: not a rule, variable assignment or directive (missing separator)`);
        inRule = false;
        continue;
      }
      inRule = true;
      const doubleColon = t[colon + 1] === ':';
      const head = t.slice(0, colon).replace(/\s*&$/, ''); // grouped targets `a b &: c`
      const rest = t.slice(colon + (doubleColon ? 2 : 1));
      const targets = splitNames(head);
      if (!targets.length) {
        sink.problem(`line ${line}: rule without a target`);
        continue;
      }
      const indent = text.length - text.trimStart().length;
      if (targets.length === 1 && targets[0] === '.PHONY') {
        const deps = splitNames(rest.split(';')[0] ?? '');
        for (const d of deps) if (!phony.has(d)) phony.set(d, line);
        continue;
      }
      let searchFrom = indent;
      for (const name of targets) {
        const at = text.indexOf(name, searchFrom);
        if (at >= 0) searchFrom = at + name.length;
        if (name.startsWith('.')) continue; // special targets (.PHONY, .DEFAULT, .SUFFIXES, suffix rules ...)
        const off = at >= 0 ? at : indent;
        let seg = segments[0] as { off: number; line: number; column: number };
        for (const sg of segments) if (sg.off <= off) seg = sg;
        rules.push({ name, line: seg.line, column: seg.column + off - seg.off, doubleColon });
      }
    }
    if (defineDepth > 0) sink.problem(`line ${defineLine}: define without endef`);
    const seen = new Set<string>();
    for (const r of rules) {
      if (seen.has(r.name)) continue;
      seen.add(r.name);
      const meta: Record<string, string | number | boolean> = { makefile: file.path };
      if (phony.has(r.name)) meta.phony = true;
      if (r.doubleColon) meta.doubleColon = true;
      if (/[$%]/.test(r.name)) meta.dynamic = true;
      sink.add({ kind: 'make-target', key: r.name, origin: { file: file.path, start: { line: r.line, column: r.column } }, meta });
    }
    for (const [name, line] of phony) {
      if (seen.has(name)) continue;
      seen.add(name);
      const meta: Record<string, string | number | boolean> = { makefile: file.path, phony: true, rule: false };
      if (/[$%]/.test(name)) meta.dynamic = true;
      sink.add({ kind: 'make-target', key: name, origin: { file: file.path, start: { line } }, meta });
    }
  },
};
