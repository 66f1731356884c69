import type { AnalysisResult } from '../result.js';
import type { Finding, Severity } from '../types.js';

const ICON: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'suspect' };
const AS_OF = { option: 'given with asOf', git: 'newest commit', reviews: 'newest page review', clock: 'today' } as const;

/** Escapes text for a Markdown table cell or inline context. */
function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the value. */
function code(text: string): string {
  const t = text.replace(/\r?\n/g, ' ');
  const fence = t.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${t.replace(/\|/g, '\\|')}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function where(f: Finding): string {
  return `${f.span.file}:${f.span.start.line}`;
}

/**
 * report.md: the summary, the ranked findings, then each page's findings with both sides of the
 * evidence and the fix, what could not be checked, and the problems met.
 */
export function formatMarkdown(result: AnalysisResult, options: { top?: number } = {}): string {
  const s = result.summary;
  const out: string[] = [];
  out.push(`# docdrift report`, '');
  out.push(`Docs: ${result.roots.docs.map(code).join(', ')} · System: ${result.roots.system.map(code).join(', ')} · docdrift ${result.tool.version}`, '');
  out.push('| pages | sections | claims | verified | stale findings | unverifiable | problems |', '|---:|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${s.pages} | ${s.sections} | ${s.claims} | ${s.verified} | ${result.findings.length} | ${s.unverifiable} | ${s.problems} |`, '');
  out.push(`Findings by severity: **${s.bySeverity.error} errors**, ${s.bySeverity.warning} warnings, ${s.bySeverity.info} suspect (below the confidence threshold).`, '');
  if (s.time) {
    const t = s.time;
    const history = t.history === 'git' ? `git, ${t.repositories} ${t.repositories === 1 ? 'repository' : 'repositories'}, ${t.commits} commits` : 'none';
    out.push(`Ages as of **${t.asOf}** (${AS_OF[t.asOfSource]}) · History: ${history}${t.note ? ` — ${md(t.note)}` : ''}.`, '');
  }
  if (Object.keys(s.byCheck).length) {
    out.push('| check | findings |', '|---|---:|');
    for (const [id, n] of Object.entries(s.byCheck)) out.push(`| [${id}](../../docs/checks/${id}.md) | ${n} |`);
    out.push('');
  }

  out.push('## Ranked findings', '');
  if (!result.findings.length) out.push('No stale claims found.', '');
  else {
    const top = options.top ?? 25;
    out.push('| # | score | severity | check | where | what |', '|---:|---:|---|---|---|---|');
    result.findings.slice(0, top).forEach((f, i) => out.push(`| ${i + 1} | ${f.score.toFixed(2)} | ${ICON[f.severity]} | ${f.checkId} | ${md(where(f))} | ${md(f.message)} |`));
    if (result.findings.length > top) out.push('', `…and ${result.findings.length - top} more below.`);
    out.push('');
  }

  out.push('## Findings by page', '');
  const byPage = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byPage.get(f.pageId);
    if (list) list.push(f);
    else byPage.set(f.pageId, [f]);
  }
  for (const p of result.pages) {
    const list = byPage.get(p.page.id) ?? [];
    if (!list.length && !p.signals.length) continue;
    list.sort((a, b) => a.span.start.line - b.span.start.line || a.checkId.localeCompare(b.checkId));
    const owners = p.page.owners?.length ? ` — owner: ${p.page.owners.map(md).join(', ')}` : '';
    const modified = p.page.lastModified ? ` — last modified: ${p.page.lastModified.slice(0, 10)}` : '';
    out.push(`### ${md(p.page.id)}${owners}${modified}`, '');
    for (const f of list) {
      out.push(`- **${ICON[f.severity]}** \`${f.checkId}\` line ${f.span.start.line}: ${md(f.message)}`);
      if (f.claim) out.push(`  - page says (${md(where(f))}): ${code(f.claim.raw)}`);
      else if (f.actual !== undefined) out.push(`  - page says (${md(where(f))}): ${code(f.actual)}`);
      // A page-level finding (no claim) points at other pages or files, not at what the system defines.
      const side = f.claim ? 'system says' : 'see';
      for (const e of f.evidence) out.push(`  - ${side} (${md(`${e.span.file}:${e.span.start.line}`)}): ${md(e.message)}${e.value !== undefined ? ` — ${code(e.value)}` : ''}`);
      // A credential is wrong wherever it is, whatever the system defines.
      if (!f.evidence.length && f.claim && f.claim.kind !== 'credential') out.push('  - system says: nothing defines it');
      for (const r of f.related ?? []) out.push(`  - also (${md(`${r.span.file}:${r.span.start.line}`)}): ${md(r.message)}`);
      if (f.fix) out.push(`  - fix: replace ${code(f.fix.from)} with ${code(f.fix.to)}`);
      else if (f.suggestion) out.push(`  - did you mean: ${code(f.suggestion)}`);
    }
    if (p.signals.length) out.push(`- signals (weak, score ${p.signalScore.toFixed(2)}): ${p.signals.map((g) => `line ${g.line} “${md(g.text)}”`).join(', ')}`);
    out.push('');
  }

  out.push('## Could not check', '');
  if (!result.unverifiable.length) out.push('Every claim was checked.', '');
  else {
    const reasons = new Map<string, number>();
    for (const u of result.unverifiable) {
      const r = u.reason.replace(/`[^`]*`/g, '`…`');
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    out.push(`${result.unverifiable.length} claims could not be judged against the system (counted apart: not passes, not stale).`, '');
    out.push('| reason | claims |', '|---|---:|');
    for (const [r, n] of [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.push(`| ${md(r)} | ${n} |`);
    out.push('');
  }

  out.push('## Problems', '');
  if (!result.problems.length) out.push('None: every input was read.', '');
  else for (const p of result.problems) out.push(`- ${code(p.file)} (${p.stage}): ${md(p.reason)}`);
  out.push('');
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
