import path from 'node:path';
import type { AnalyzeOptions } from './options.js';
import type { AnalysisResult, PageSummary } from './result.js';
import type { Claim, Problem } from './types.js';
import { checks as allChecks } from './checks/index.js';
import { DocsIndex } from './engine/docs-index.js';
import { runChecks } from './engine/run.js';
import { extractClaims } from './extract/index.js';
import { guardSecrets } from './extract/credentials.js';
import { extractContextOf } from './facts/context.js';
import { PageAges } from './history/ages.js';
import { loadSystem } from './facts/system.js';
import { parseMarkdown } from './parse/markdown.js';
import { rankFindings, summarize } from './score/rank.js';
import { globMatcher, listFiles } from './sources/local.js';
import { errorMessage, InputError, UserError } from './util/errors.js';
import { readText } from './util/read.js';
import { VERSION } from './version.js';

/** Pages read by default: Markdown. */
export const DEFAULT_INCLUDE = ['**/*.md', '**/*.mdx', '**/*.markdown'];

/**
 * The whole pipeline, top to bottom: list and parse pages (keeping claims, dropping syntax trees),
 * read the system's facts, run the checks, rank. Bad inputs become `problems`; nothing here writes
 * to stdout or files.
 */
export async function analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
  const cwd = options.cwd ?? process.cwd();
  if (!options.docs.length) throw new UserError('no docs root given: pass --docs <dir> or set "docs" in the config file');
  const threshold = options.nearDuplicateThreshold;
  if (threshold !== undefined && !(threshold >= 0.5 && threshold <= 1)) throw new UserError(`nearDuplicateThreshold must be a number from 0.5 to 1, got ${threshold}`);
  const problems: Problem[] = [];
  const label = (p: string) => path.relative(cwd, path.resolve(cwd, p)).split(path.sep).join('/') || '.';
  const docsRoots = options.docs.map((d) => ({ abs: path.resolve(cwd, d), prefix: options.docs.length > 1 ? label(d) : '' }));
  const docs = new DocsIndex(docsRoots);
  const isPage = globMatcher(options.include?.length ? options.include : DEFAULT_INCLUDE);
  const claims: Claim[] = [];
  const pages: PageSummary[] = [];
  const ages = new PageAges(options);

  // The system first: extraction needs to know its executables and hosts.
  const system = loadSystem(options.system, { exclude: options.exclude ?? [], ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}), cwd }, problems);
  const extractContext = extractContextOf(system.facts);

  for (const root of docsRoots) {
    let files: string[];
    try {
      files = listFiles(root.abs, { exclude: options.exclude ?? [] }, problems).files;
    } catch (err) {
      problems.push({ file: label(root.abs), stage: 'discover', reason: errorMessage(err) });
      continue;
    }
    for (const rel of files) {
      const id = root.prefix ? `${root.prefix}/${rel}` : rel;
      docs.addFile(id);
      if (!isPage(rel)) continue;
      let text: string;
      try {
        text = readText(path.join(root.abs, rel), options.maxFileBytes);
      } catch (err) {
        problems.push({ file: id, stage: 'parse', reason: err instanceof InputError ? err.message : errorMessage(err) });
        continue;
      }
      try {
        const parsed = parseMarkdown(text, { id, root: label(root.abs) });
        // Secrets are found while the text is in memory; the page, its problems and its claims leave redacted.
        const secrets = guardSecrets(text, parsed);
        for (const reason of parsed.problems) problems.push({ file: id, stage: 'parse', reason });
        const pageClaims = secrets.seal(extractClaims(parsed, extractContext));
        claims.push(...pageClaims);
        docs.addPage(parsed.page);
        ages.read(parsed, text);
        pages.push({ page: parsed.page, claims: pageClaims.length, signals: [], signalScore: 0 });
      } catch (err) {
        problems.push({ file: id, stage: 'parse', reason: `could not parse page: ${errorMessage(err)}` });
      }
    }
  }

  // Ages: git history read once for all roots, the reference date, review metadata and text markers.
  const timeline = await ages.timeline(docsRoots, system.tree, label);
  ages.apply(pages, timeline);

  const settings = options.checks ?? {};
  const checks = allChecks.filter((c) => settings[c.meta.id] !== 'off');
  const engine = runChecks({ checks, settings, claims, facts: system.facts, tree: system.tree, docs, timeline, minConfidence: options.minConfidence ?? 0.5, options: { ...(threshold !== undefined ? { nearDuplicateThreshold: threshold } : {}), ...(options.conflictSimilarity !== undefined ? { conflictSimilarity: options.conflictSimilarity } : {}) } });
  problems.push(...engine.problems);
  const findings = rankFindings(engine.findings);
  pages.sort((a, b) => a.page.id.localeCompare(b.page.id));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.reason.localeCompare(b.reason));

  return {
    tool: { name: 'docdrift', version: VERSION },
    roots: { docs: options.docs.map(label), system: options.system.map(label) },
    summary: summarize({ pages, claims, findings, verified: engine.verified.length, unverifiable: engine.unverifiable.length, facts: system.facts.count(), systemFiles: system.filesRead, problems: problems.length, time: ages.summary(timeline) }),
    findings,
    unverifiable: engine.unverifiable,
    verified: engine.verified,
    pages,
    problems,
    checks: checks.map((c) => ({ id: c.meta.id, description: c.meta.description, severity: c.meta.severity, category: c.meta.category, docs: `docs/checks/${c.meta.id}.md` })),
  };
}
