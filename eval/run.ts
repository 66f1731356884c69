/**
 * `npm run eval -- [case-dir ...]`: scans each case's `docs/` against its `system/`, scores the
 * findings against `labels.json` (see ./score.ts) and prints recall, group recall, hard recall,
 * lenient and strict precision, then the misses and false positives. Default: every case folder
 * under ../shared/eval. Suspect findings (below the confidence threshold) are not counted as stale.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../src/analyze.js';
import { score, type Detection, type Labels } from './score.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const quiet = process.argv.includes('--quiet');
/** `--explain=docs/x.md:12,docs/y.md:30`: print what docdrift made of those lines (claims, outcomes). */
const explain = (process.argv.find((a) => a.startsWith('--explain=')) ?? '').slice('--explain='.length).split(',').filter(Boolean);
const defaultRoot = path.resolve(import.meta.dirname, '../../shared/eval');
const cases = args.length
  ? args.map((a) => path.resolve(a))
  : existsSync(defaultRoot)
    ? readdirSync(defaultRoot).map((d) => path.join(defaultRoot, d)).filter((d) => existsSync(path.join(d, 'labels.json'))).sort()
    : [];
if (!cases.length) {
  console.error('no eval cases found: pass case folders (each with docs/, system/ and labels.json)');
  process.exit(2);
}

for (const dir of cases) {
  const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Labels;
  const t0 = performance.now();
  const result = await analyze({ docs: [path.join(dir, 'docs')], system: [path.join(dir, 'system')], cwd: dir });
  const ms = performance.now() - t0;
  const detections: Detection[] = result.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => ({ file: f.span.file, line: f.span.start.line, token: f.claim?.raw ?? f.claim?.key ?? '' }));
  const s = score(labels, detections);
  console.log(`\n## ${path.basename(dir)} (${s.case})`);
  console.log(`scanned ${result.summary.pages} pages, ${result.summary.claims} claims in ${(ms / 1000).toFixed(2)} s; ${detections.length} stale findings, ${result.findings.length - detections.length} suspect`);
  console.log(`recall ${s.recall} (${s.tp}/${s.positives}) · group recall ${s.groupRecall} (${s.groups} groups) · hard recall ${s.hardRecall}`);
  console.log(`precision lenient ${s.precisionLenient} · strict ${s.precisionStrict} (fp on negatives ${s.fpOnNegatives}, unlabelled in scope ${s.unlabelledInScope}, ignored ${s.ignored})`);
  for (const at of explain) {
    const [file, line] = [at.slice(0, at.lastIndexOf(':')), Number(at.slice(at.lastIndexOf(':') + 1))];
    const on = (span: { file: string; start: { line: number } }) => span.file.endsWith(file) && span.start.line === line;
    console.log(`explain ${at}:`);
    for (const f of result.findings.filter((x) => on(x.span))) console.log(`  finding ${f.checkId}: ${f.message}`);
    for (const c of result.verified.filter((x) => on(x.span))) console.log(`  verified ${c.kind} ${c.key} = ${c.value ?? ''} (${c.raw})`);
    for (const u of result.unverifiable.filter((x) => on(x.claim.span))) console.log(`  unverifiable ${u.claim.kind} ${u.claim.key}: ${u.reason}`);
  }
  if (!quiet) {
    console.log(`misses (${s.misses.length}):`);
    for (const m of s.misses) console.log(`  - ${m.file}:${m.line} [${m.kind ?? ''}${m.difficulty ? ', ' + m.difficulty : ''}] ${m.claim}`);
    console.log(`false positives (${s.falsePositives.length}):`);
    for (const f of s.falsePositives) console.log(`  - ${f.file}:${f.line} ${f.token} (labelled valid: ${f.claim})`);
    console.log(`unlabelled in scope (${s.unlabelled.length}):`);
    for (const f of s.unlabelled) console.log(`  - ${f.file}:${f.line} ${f.token}`);
  }
}
