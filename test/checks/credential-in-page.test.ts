import { describe, expect, it } from 'vitest';
import { testCheck } from '../helpers/check-tester.js';
import { scanProject } from '../helpers/project.js';
import { fake, pem, secrets as s } from '../helpers/fake-secrets.js';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { secretHash } from '../../src/extract/secrets.js';

const system = { 'config/default.yaml': 'database:\n  url: ${DATABASE_URL}\n' };

testCheck('credential-in-page', {
  valid: [
    {
      name: 'placeholders, env references and template syntax',
      system,
      docs: [
        '# Setup', '',
        '```bash',
        'export DATABASE_URL=postgres://app:${DB_PASSWORD}@db.prod.acme.io:5432/app',
        'export GITHUB_TOKEN=<your GitHub token>',
        'export API_KEY=your-api-key-here',
        '```', '',
        '```yaml',
        'password: {{ .Values.db.password }}',
        'token: ${{ secrets.NPM_TOKEN }}',
        'secret: changeme',
        '```', '',
        'Set `AWS_SECRET_ACCESS_KEY` and `password: "****"` as described in the vault runbook.',
      ].join('\n'),
    },
    {
      name: 'test keys, documented example keys and local dev credentials',
      system,
      docs: [
        '# Local development', '',
        `Use the Stripe test key \`${s.stripeTest}\` and AWS's \`AKIAIOSFODNN7EXAMPLE\` against the mocks.`, '',
        '```env',
        'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app',
        'RABBITMQ_URL=amqp://guest:guest@localhost:5672/',
        'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        '```',
      ].join('\n'),
    },
    {
      name: 'secret-looking words that are not secrets',
      system,
      docs: '# Tokens\n\nPass `--token-file=/run/secrets/token2` and read `NextToken` from the response: `"NextToken": "9d62bf25-7a2f-4a8b-8f0e-4b2d1e0c9a77"`.\n',
    },
  ],
  invalid: [
    {
      name: 'a key in every context: prose, inline code, code block, table, frontmatter, link',
      system,
      docs: [
        '---',
        'title: Reporting',
        `deploy_token: ${s.gitlabToken}`,
        '---',
        '# Reporting', '',
        `The upload uses ${s.awsKeyId} for now.`, '',
        `Or set \`STRIPE_KEY=${s.stripeLive}\`.`, '',
        '```bash',
        `export SLACK_BOT=${s.slackToken}`,
        '```', '',
        '| Name | Value |',
        '| --- | --- |',
        `| npm | \`${s.npmToken}\` |`, '',
        `See the [dashboard](https://admin:${s.dbPassword}@grafana.acme.io/d/payments).`,
      ].join('\n'),
      findings: [
        { line: 3, key: `gitlab-token:${secretHash(s.gitlabToken)}` },
        { line: 7, key: `aws-access-key-id:${secretHash(s.awsKeyId)}` },
        { line: 9, key: `stripe-live-key:${secretHash(s.stripeLive)}` },
        { line: 12, key: `slack-token:${secretHash(s.slackToken)}` },
        { line: 17, key: `npm-token:${secretHash(s.npmToken)}` },
        { line: 19, key: `connection-string-password:${secretHash(s.dbPassword)}` },
      ],
    },
    {
      name: 'a private key and a JWT',
      system,
      docs: `# Service account\n\n\`\`\`\n${pem()}\n\`\`\`\n\nCall it with \`Authorization: Bearer ${s.jwt}\`.\n`,
      findings: [{ line: 4, messageId: 'credential' }, { line: 14, messageId: 'credential' }],
    },
    {
      name: 'a generic high-entropy password and a local password that is not a dev word (suspect)',
      system,
      docs: `# DB\n\n\`\`\`yaml\ndatabase:\n  password: ${s.generic}\n  url: postgres://app:${s.dbPassword}@localhost/app\n\`\`\`\n`,
      findings: [{ line: 5 }, { line: 6 }],
    },
  ],
});

describe('credential-in-page findings', () => {
  it('say what was found, redacted, with the rule confidence and context', async () => {
    const page = `# Deploy\n\n\`\`\`env\nAWS_ACCESS_KEY_ID=${s.awsKeyId}\nDB_URL=postgres://app:${s.dbPassword}@localhost/app\n\`\`\`\n`;
    const result = await scanProject({ 'deploy.md': page }, system);
    const findings = result.findings.filter((f) => f.checkId === 'credential-in-page');
    expect(findings.map((f) => [f.span.start.line, f.span.start.column, f.severity, f.confidence, f.claim?.context])).toEqual([
      [4, 19, 'error', 0.95, 'code-block'],
      [5, 23, 'info', 0.4, 'code-block'],
    ]);
    expect(findings[0]?.message).toBe(
      `Page contains what looks like a cloud access key ID (AWS) (\`AKIA…[redacted, 20 chars]\`); an assistant would repeat it. Remove it, rotate it, and point to the secret store instead.`,
    );
    expect(findings[0]?.actual).toBe('AKIA…[redacted, 20 chars]');
    expect(findings[0]?.claim?.raw).toBe('AKIA…[redacted, 20 chars]');
    expect(findings[0]?.claim?.key).toBe(`aws-access-key-id:${secretHash(s.awsKeyId)}`);
    expect(findings[1]?.claim?.raw).toBe(`postgres://app:Kx7…[redacted, ${s.dbPassword.length} chars]@localhost`);
    expect(findings[0]?.evidence).toEqual([]);
  });

  it('keep the same fingerprint when the page moves the secret to another line', async () => {
    const a = await scanProject({ 'p.md': `# A\n\nkey ${s.awsKeyId}\n` }, system);
    const b = await scanProject({ 'p.md': `# A\n\nIntro.\n\nkey ${s.awsKeyId}\n` }, system);
    const fp = (r: typeof a) => r.findings.filter((f) => f.checkId === 'credential-in-page').map((f) => f.fingerprint);
    expect(fp(a)).toHaveLength(1);
    expect(fp(a)).toEqual(fp(b));
  });
});

describe('no secret leaves a run', () => {
  // Every secret below, in every place a page can hold one; the whole result and both reports are searched.
  const password = 'Zq8' + fake(11, 77);
  const all = [
    s.awsKeyId, s.awsSecret, s.githubToken, s.githubPat, s.gitlabToken, s.slackToken, s.slackWebhookPath, s.stripeLive,
    s.googleKey, s.npmToken, s.azureKey, s.jwt, s.openaiKey, s.anthropicKey, s.dbPassword, s.generic, password,
    ...s.pemBody.split('\n'),
  ];
  const page = [
    '---',
    `title: Ops for ${s.awsKeyId}`,
    `owner: ${s.githubToken}`,
    `api_token: ${s.gitlabToken}`,
    '---',
    `# Keys ${s.awsKeyId}`, '',
    `Prose: ${s.slackToken} and https://hooks.slack.com/services/${s.slackWebhookPath}.`, '',
    `Inline: \`GOOGLE_API_KEY=${s.googleKey}\`, \`--token=${s.npmToken}\`, \`${s.openaiKey}\`.`, '',
    `Link: [db](postgres://app:${s.dbPassword}@db.prod.acme.io:5432/app), [grafana](https://admin:${encodeURIComponent(password.slice(0, 5) + '@' + password.slice(5))}@grafana.acme.io/).`, '',
    '<!-- ' + s.anthropicKey + ' -->', '',
    '| Variable | Default |',
    '| --- | --- |',
    `| \`GITHUB_PAT\` | \`${s.githubPat}\` |`,
    `| \`API_SECRET\` | \`${s.generic}\` |`, '',
    '```env',
    `AWS_ACCESS_KEY_ID=${s.awsKeyId}`,
    `AWS_SECRET_ACCESS_KEY=${s.awsSecret}`,
    `STRIPE_SECRET_KEY=${s.stripeLive}`,
    `AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${s.azureKey};EndpointSuffix=core.windows.net`,
    '```', '',
    '```yaml',
    'auth:',
    `  jwt: ${s.jwt}`,
    '  key: |',
    ...pem().split('\n').map((l) => '    ' + l),
    '```', '',
    '```json',
    `{ "private_key": "${pem().replace(/\n/g, '\\n')}", "client_secret": "${s.generic}" }`,
    '```', '',
    '```bash',
    `curl -H "Authorization: Bearer ${s.jwt}" https://api.acme.io/v1/charges`,
    `./scripts/deploy.sh --password ${s.dbPassword}`,
    `npm run deploy -- --token=${s.npmToken}`,
    '```',
  ].join('\n');

  it('not in the result, report.json or report.md', async () => {
    const result = await scanProject({ 'ops.md': page, 'other.md': '# Other\n\nSee [ops](ops.md#keys).\n' }, {
      'package.json': JSON.stringify({ name: 'x', scripts: { deploy: 'node deploy.js' } }),
      '.env.example': 'AWS_ACCESS_KEY_ID=\nSTRIPE_SECRET_KEY=\n',
    });
    const found = result.findings.filter((f) => f.checkId === 'credential-in-page');
    expect(found.length).toBeGreaterThanOrEqual(20);
    const outputs = { result: JSON.stringify(result), json: formatJson(result), markdown: formatMarkdown(result, { top: 1000 }) };
    for (const [name, text] of Object.entries(outputs)) {
      for (const secret of all) {
        // The secret, and any 8 characters of it past the kept prefix, in any case.
        const lower = text.toLowerCase();
        for (let i = 4; i + 8 <= secret.length; i++) {
          const piece = secret.slice(i, i + 8).toLowerCase();
          if (lower.includes(piece)) throw new Error(`${name} holds ${piece} of a secret (${secret.slice(0, 4)}…)`);
        }
      }
    }
    expect(outputs.markdown).toContain('…[redacted, ');
  });
});
