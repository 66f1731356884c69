import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCheck } from '../helpers/check-tester.js';
import { scanProject, writeTree } from '../helpers/project.js';
import { readConfig } from '../../src/config/load.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatJson } from '../../src/report/json.js';

/** A runbook of about 150 words; `edit` changes a few words, as a hand-kept copy drifts. */
function runbook(edit = false): string {
  return `# Rolling back a release

When a deploy goes wrong, roll back to the previous release before you investigate. The rollback is safe at any time of day and does not need approval from the release manager.

## Steps

1. Find the previous release with \`helm history payments\` and note its revision number.
2. Run \`helm rollback payments <revision>\` and wait until every pod reports ready.
3. Check the error rate on the ${edit ? 'grafana' : 'payments'} dashboard; it should fall within ${edit ? 'ten' : 'five'} minutes.
4. Post a short note in the incident channel saying which revision is now live and why.

## After the rollback

Open an incident ticket, link the failed deploy, and keep the bad release tagged so that it can be inspected later by the team that shipped it.
`;
}

const dated = (date: string, body: string) => `---\nlast_reviewed: ${date}\n---\n${body}`;

/** About 130 words of a footer every page carries. */
const footer = `## Support

This page is maintained by the platform group. If something here is wrong or out of date, open an issue in the docs repository with the page path and what you expected to read, or ask in the platform support channel during working hours. Outside working hours, page the platform on-call engineer through the paging tool and mention the runbook you were following, the step you reached and the error you saw. Do not edit production resources by hand while an incident is open unless the incident commander asks you to. Every change to this page is reviewed by a second engineer from the owning team before it is merged, and pages that nobody has reviewed for a year are archived automatically.
`;

const paymentsBody = `# Payments service

The payments service accepts card payments from the checkout, talks to the card processor and writes every attempt to the ledger database. It runs as three replicas behind the internal load balancer and scales on queue depth. Deploys go out from the main branch after the integration suite passes in staging. Card numbers never reach our logs: the processor tokenises them in the browser and we only store the token with the last four digits.
`;
const searchBody = `# Search indexer

The search indexer reads product changes from the catalogue topic and rebuilds the affected documents in the search cluster. A full reindex takes about forty minutes and is started by hand from the admin console after a mapping change. The indexer keeps its offsets in the coordination store, so a restart resumes where it stopped. Synonym lists live in the indexer repository and ship with each release of the service.
`;

testCheck('near-duplicate-page', {
  valid: [
    {
      name: 'two pages sharing a long boilerplate footer but different bodies',
      system: {},
      docs: { 'services/payments.md': `${paymentsBody}\n${footer}`, 'services/search.md': `${searchBody}\n${footer}` },
    },
    {
      name: 'tiny pages (navigation, index) are skipped even when identical',
      system: {},
      docs: {
        'runbooks/index.md': '# Runbooks\n\n- [Rollback](rollback.md)\n- [Scaling](scaling.md)\n- [Failover](failover.md)\n',
        'services/index.md': '# Runbooks\n\n- [Rollback](rollback.md)\n- [Scaling](scaling.md)\n- [Failover](failover.md)\n',
      },
    },
    {
      name: 'a retired copy that only points at the current page',
      system: {},
      docs: { 'runbooks/rollback.md': runbook(), 'old/rollback.md': '# Rolling back a release\n\nMoved to [the rollback runbook](../runbooks/rollback.md).\n' },
    },
  ],
  invalid: [
    {
      name: 'a copied runbook with light edits: the one reviewed earlier is flagged, on its title line',
      system: {},
      docs: { 'runbooks/rollback.md': dated('2026-05-01', runbook()), 'ops/rollback-procedure.md': dated('2024-11-20', runbook(true)) },
      findings: [{ line: 4, file: 'ops/rollback-procedure.md', messageId: 'older' }],
    },
    {
      name: 'no review dates: the twin fewer pages link to is flagged',
      system: {},
      docs: {
        'index.md': '# Home\n\nStart with the [rollback runbook](runbooks/rollback.md).\n',
        'oncall.md': '# On call\n\nWhen a deploy fails, follow [rollback](runbooks/rollback.md#steps).\n',
        'runbooks/rollback.md': runbook(),
        'runbooks/release-rollback.md': runbook(true),
      },
      findings: [{ line: 1, file: 'runbooks/release-rollback.md', messageId: 'lessLinked' }],
    },
    {
      name: 'no dates and no links: the path that reads as a copy is flagged',
      system: {},
      docs: { 'runbooks/rollback-old.md': runbook(true), 'runbooks/rollback.md': runbook() },
      findings: [{ line: 1, file: 'runbooks/rollback-old.md', messageId: 'copy' }],
    },
  ],
});

describe('near-duplicate-page findings', () => {
  it('name the twin, the similarity, its date and links, and point the evidence at the twin', async () => {
    const result = await scanProject(
      {
        'index.md': '# Home\n\nSee [rollback](runbooks/rollback.md).\n',
        'runbooks/rollback.md': dated('2026-05-01', runbook()),
        'ops/rollback-procedure.md': dated('2024-11-20', runbook(true)),
      },
      {},
    );
    const [f, ...rest] = result.findings.filter((x) => x.checkId === 'near-duplicate-page');
    expect(rest).toEqual([]);
    expect(f?.message).toMatch(/^This page is a \d+% near-duplicate of `runbooks\/rollback\.md` \(reviewed 2026-05-01, 1 inbound link\), which is newer than this page \(reviewed 2024-11-20\)/);
    const pct = Number(/(\d+)%/.exec(f?.message ?? '')?.[1]);
    expect(pct).toBeGreaterThanOrEqual(80);
    expect(pct).toBeLessThan(100);
    expect(f?.severity).toBe('warning');
    expect(f?.claim).toBeUndefined();
    expect(f?.evidence.map((e) => `${e.span.file}:${e.span.start.line}`)).toEqual(['runbooks/rollback.md:4']);
    expect(result.checks.find((c) => c.id === 'near-duplicate-page')?.category).toBe('consistency');

    // Both reports print a finding that has no claim.
    const json = JSON.parse(formatJson(result)) as { findings: { checkId: string; file: string; line: number; claimKind: string | null; evidence: { file: string }[] }[] };
    const jf = json.findings.find((x) => x.checkId === 'near-duplicate-page');
    expect(jf).toMatchObject({ file: 'ops/rollback-procedure.md', line: 4, claimKind: null, evidence: [{ file: 'runbooks/rollback.md' }] });
    const lines = formatMarkdown(result).split('\n');
    const at = lines.findIndex((l) => l.includes('`near-duplicate-page` line 4: This page is a'));
    expect(at).toBeGreaterThan(0);
    const details: string[] = [];
    for (let i = at + 1; lines[i]?.startsWith('  - '); i++) details.push(lines[i] as string);
    expect(details).toEqual(['  - see (runbooks/rollback.md:4): near-duplicate twin (reviewed 2026-05-01, 1 inbound link)']);
  });

  it('three copies: both older ones are flagged and name the page to keep', async () => {
    const result = await scanProject(
      {
        'runbooks/rollback.md': dated('2026-05-01', runbook()),
        'ops/rollback.md': dated('2025-02-01', runbook(true)),
        'archive/rollback.md': dated('2024-01-15', runbook(true)),
      },
      {},
    );
    const found = result.findings.filter((f) => f.checkId === 'near-duplicate-page').map((f) => `${f.span.file} -> ${f.expected}`);
    expect(found.sort()).toEqual(['archive/rollback.md -> runbooks/rollback.md', 'ops/rollback.md -> runbooks/rollback.md']);
  });

  it('page signatures leave no text on the page model', async () => {
    const result = await scanProject({ 'runbooks/rollback.md': runbook() }, {});
    const page = result.pages[0]?.page;
    expect(page?.signature).toBeInstanceOf(Uint32Array);
    expect(page?.signature?.length).toBe(128);
    expect(page?.words).toBeGreaterThan(100);
  });

  it('honours nearDuplicateThreshold', async () => {
    const docs = { 'runbooks/rollback.md': runbook(), 'runbooks/rollback-old.md': runbook(true) };
    const count = async (t?: number) =>
      (await scanProject(docs, {}, t === undefined ? {} : { nearDuplicateThreshold: t })).findings.filter((f) => f.checkId === 'near-duplicate-page').length;
    expect(await count()).toBe(1);
    expect(await count(0.8)).toBe(1);
    expect(await count(0.99)).toBe(0);
    expect(await count(1)).toBe(0);
  });

  it('flags identical pages at threshold 1', async () => {
    const result = await scanProject({ 'a/rollback.md': runbook(), 'b/rollback.md': runbook() }, {}, { nearDuplicateThreshold: 1 });
    const found = result.findings.filter((f) => f.checkId === 'near-duplicate-page');
    expect(found.map((f) => `${f.span.file} ${f.messageId}`)).toEqual(['b/rollback.md copy']);
    expect(found[0]?.message).toContain('100% near-duplicate of `a/rollback.md`');
  });

  it('rejects a threshold outside 0.5..1, in analyze() and in the config file', async () => {
    await expect(scanProject({ 'a.md': '# A\n' }, {}, { nearDuplicateThreshold: 0.3 })).rejects.toThrow(/nearDuplicateThreshold must be a number from 0.5 to 1/);
    const dir = writeTree({});
    const file = path.join(dir, 'docdrift.config.json');
    writeFileSync(file, JSON.stringify({ nearDuplicateThreshold: 1.5 }));
    expect(() => readConfig(file, dir)).toThrow(/"nearDuplicateThreshold"/);
    writeFileSync(file, JSON.stringify({ nearDuplicateThreshold: 0.9 }));
    expect(readConfig(file, dir).nearDuplicateThreshold).toBe(0.9);
  });
});
