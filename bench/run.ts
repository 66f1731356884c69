/**
 * `npm run bench`: generates a synthetic wiki and system of a given size in a temporary folder, runs
 * the whole pipeline over it, and prints wall time, throughput and peak memory. Speed is measured
 * here, never in a timed test. Usage: npm run bench -- [pages] [systemFiles]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../src/analyze.js';

const pages = Number(process.argv[2] ?? 2000);
const systemFiles = Number(process.argv[3] ?? 600);
const root = mkdtempSync(path.join(tmpdir(), 'docdrift-bench-'));

function write(rel: string, text: string): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

const services = Math.max(1, Math.floor(systemFiles / 12));
for (let s = 0; s < services; s++) {
  const svc = `svc${s}`;
  write(`system/${svc}/package.json`, JSON.stringify({ name: svc, scripts: { build: 'tsc', test: 'vitest', [`migrate${s}`]: 'node m.js' } }, null, 2));
  write(`system/${svc}/Makefile`, `.PHONY: build deploy\nbuild:\n\tnpm run build\ndeploy:\n\t./scripts/deploy.sh\n`);
  write(`system/${svc}/.env.example`, Array.from({ length: 8 }, (_, i) => `SVC${s}_VAR_${i}=x`).join('\n'));
  for (const env of ['default', 'staging', 'production']) {
    write(`system/${svc}/config/${env}.yaml`, `server:\n  port: ${8000 + s}\n  timeoutMs: ${env === 'production' ? 5000 : 3000}\ndatabase:\n  pool:\n    max: ${10 + s}\nfeature${s}:\n  enabled: true\n`);
  }
  for (let f = 0; f < 6; f++) write(`system/${svc}/src/mod${f}.ts`, `export const v = process.env.SVC${s}_VAR_${f} ?? 'd';\n`.repeat(20));
}
for (let p = 0; p < pages; p++) {
  const s = p % services;
  const body = [
    `---\ntitle: Page ${p}\nowner: team-${s % 7}\n---`,
    `# Page ${p}`,
    `Set \`SVC${s}_VAR_${p % 10}\` and tune \`database.pool.max\` (default: \`${10 + s}\`). See [next](p${p + 1}.md#page-${p + 1}).`,
    '## Steps',
    '```bash\nexport SVC' + s + '_VAR_1=x\nnpm run build\nmake deploy\n./scripts/deploy.sh\n```',
    '```yaml\nserver:\n  port: ' + (8000 + s) + '\n  timeoutMs: 3000\n```',
    '| Key | Default | Description |\n|---|---|---|\n| `server.port` | `' + (8000 + s) + '` | port |\n| `feature' + s + '.enabled` | `true` | flag |',
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20),
  ];
  write(`docs/area${p % 20}/p${p}.md`, body.join('\n\n') + '\n');
}

const t0 = performance.now();
const result = await analyze({ docs: [path.join(root, 'docs')], system: [path.join(root, 'system')], cwd: root });
const ms = performance.now() - t0;
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`pages ${result.summary.pages}, system files ${result.summary.systemFiles}, claims ${result.summary.claims}, facts ${result.summary.facts}, findings ${result.findings.length}`);
console.log(`time ${(ms / 1000).toFixed(2)} s (${((result.summary.pages / ms) * 1000).toFixed(0)} pages/s), peak RSS ${rss.toFixed(0)} MiB`);
rmSync(root, { recursive: true, force: true });
