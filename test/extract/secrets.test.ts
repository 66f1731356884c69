import { describe, expect, it } from 'vitest';
import {
  GENERIC_MIN_ENTROPY,
  isPlaceholderSecret,
  redactSecret,
  scanSecrets,
  secretHash,
  SECRET_RULES,
  shannonEntropy,
} from '../../src/extract/secrets.js';
import { BASE64, fake, pem, secrets as s, UPPER_ALNUM } from '../helpers/fake-secrets.js';

/** `line:column rule` of every finding. */
const found = (text: string) => scanSecrets(text).findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
const rules = (text: string) => scanSecrets(text).findings.map((f) => f.ruleId);

describe('scanSecrets: one positive per rule, with exact positions', () => {
  const cases: [rule: string, text: string, at: string][] = [
    ['private-key', `intro\n\n${pem()}\n`, '3:1'],
    ['private-key', `key: |\n  ${pem('OPENSSH ', s.pemBody.replace(/\n/g, '\n  '))}\n`, '2:3'],
    ['private-key', `{"private_key": "${pem('', s.pemBody.replace(/\n/g, '\\n')).replace(/\n/g, '\\n')}"}`, '1:18'],
    ['aws-access-key-id', `Use key ${s.awsKeyId} here.`, '1:9'],
    ['aws-secret-access-key', `[default]\naws_secret_access_key = ${s.awsSecret}\n`, '2:25'],
    ['aws-secret-access-key', `  secretAccessKey: "${s.awsSecret}"`, '1:21'],
    ['github-token', `export GITHUB_TOKEN=${s.githubToken}`, '1:21'],
    ['github-fine-grained-token', `token ${s.githubPat}`, '1:7'],
    ['gitlab-token', `PRIVATE-TOKEN: ${s.gitlabToken}`, '1:16'],
    ['slack-token', `SLACK_BOT=${s.slackToken}`, '1:11'],
    ['slack-webhook', `curl -X POST https://hooks.slack.com/services/${s.slackWebhookPath}`, '1:47'],
    ['stripe-live-key', `Stripe.api_key = '${s.stripeLive}'`, '1:19'],
    ['openai-api-key', `OPENAI_API_KEY=${s.openaiKey}`, '1:16'],
    ['anthropic-api-key', `x-api-key: ${s.anthropicKey}`, '1:12'],
    ['google-api-key', `https://maps.googleapis.com/maps/api/js?key=${s.googleKey}`, '1:45'],
    ['npm-token', `//registry.npmjs.org/:_authToken=${s.npmToken}`, '1:34'],
    ['azure-storage-key', `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${s.azureKey};EndpointSuffix=core.windows.net`, '1:60'],
    ['jwt', `Authorization: Bearer ${s.jwt}`, '1:23'],
    ['connection-string-password', `DATABASE_URL=postgres://app:${s.dbPassword}@db.prod.acme.io:5432/app`, '1:29'],
    ['connection-string-password', `mongodb+srv://svc:${s.dbPassword}@cluster0.ab1cd.mongodb.net/orders`, '1:19'],
    ['connection-string-password', `redis://:${s.dbPassword}@cache.prod.acme.io:6379/0`, '1:10'],
    ['connection-string-password', `amqp://orders:${s.dbPassword}@mq.prod.acme.io/`, '1:15'],
    ['connection-string-password', `git clone https://deploy:${s.dbPassword}@git.acme.io/x.git`, '1:26'],
    ['generic-secret', `DB_PASSWORD=${s.generic}`, '1:13'],
    ['generic-secret', `  "apiKey": "${s.generic}",`, '1:14'],
    ['generic-secret', `client_secret: ${s.generic}`, '1:16'],
    ['generic-secret', `mytool login --password=${s.generic}`, '1:25'],
    ['generic-secret', `SECRET_KEY = '${s.generic}'`, '1:15'],
  ];
  for (const [rule, text, at] of cases) {
    it(`${rule}: ${text.slice(0, 40).replace(/\n/g, '⏎')}`, () => {
      expect(found(text)).toEqual([`${at} ${rule}`]);
    });
  }

  it('counts columns on CRLF pages and after multi-byte characters as the Markdown parser does', () => {
    expect(found(`# Überblick\r\n\r\nKey: ${s.awsKeyId}\r\n`)).toEqual(['3:6 aws-access-key-id']);
  });

  it('has a positive case above for every rule in the table', () => {
    const tested = new Set(['private-key', 'aws-access-key-id', 'aws-secret-access-key', 'github-token', 'github-fine-grained-token', 'gitlab-token', 'slack-token', 'slack-webhook', 'stripe-live-key', 'openai-api-key', 'anthropic-api-key', 'google-api-key', 'npm-token', 'azure-storage-key', 'jwt', 'connection-string-password', 'generic-secret']);
    expect(SECRET_RULES.map((r) => r.id).sort()).toEqual([...tested].sort());
  });
});

describe('scanSecrets: placeholders and look-alikes are not secrets', () => {
  const negatives: [why: string, text: string][] = [
    ['AWS documented key id', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'],
    ['AWS documented secret', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['repeated character', 'AK' + 'IAXXXXXXXXXXXXXXXX and ' + 'gh' + 'p_' + 'a'.repeat(36)],
    ['typed sequence', 'AK' + 'IA1234567890ABCDEF'],
    ['AWS key id too short', 'AK' + 'IA' + fake(15, 1, UPPER_ALNUM)],
    ['AWS key id inside a longer word', 'X' + s.awsKeyId + 'Q'],
    ['Stripe test key', `STRIPE_SECRET_KEY=${s.stripeTest}`],
    ['Stripe publishable key', 'STRIPE_PUBLISHABLE_KEY=pk' + '_live_' + fake(24, 40)],
    ['PEM header without a key', '-----BEGIN RSA PRIVATE KEY-----\n<your key here>\n-----END RSA PRIVATE KEY-----'],
    ['PEM with an elided body', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n...\n-----END PRIVATE KEY-----'],
    ['public key', '-----BEGIN PUBLIC KEY-----\n' + s.pemBody + '\n-----END PUBLIC KEY-----'],
    ['truncated JWT', 'bearer_token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...'],
    ['jwt.io sample', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'],
    ['JWT with alg none', `eyJ${'hbGciOiJub25lIn0'}.${'eyJzdWIiOiJzdmMtcmVwb3J0aW5nIn0'}.${fake(20, 41)}`],
    ['env reference', 'password: ${DB_PASSWORD}'],
    ['shell variable', 'DB_PASSWORD=$PASSWORD'],
    ['Helm template', 'password: {{ .Values.db.password }}'],
    ['Actions secret', 'token: ${{ secrets.NPM_TOKEN }}'],
    ['angle placeholder', 'api_key=<your-api-key>'],
    ['changeme', 'password=changeme'],
    ['your-token-here', 'GITHUB_TOKEN=your-token-here'],
    ['REPLACE_ME', 'SECRET_KEY=REPLACE_ME_WITH_A_LONG_VALUE'],
    ['stars', 'password: "****************"'],
    ['ellipsis', 'token=sk-...'],
    ['a phrase', 'WOODPECKER_SECRET=a-long-and-secure-password-used-for-the-local-development-system'],
    ['an identifier', 'api_key = config.apiKeyV2'],
    ['a function call', 'password = os.getenv("DB_PASSWORD_2")'],
    ['a file', 'secret: tls-secret-2024.yaml'],
    ['a path', 'token_file=/run/secrets/token2'],
    ['a pagination token', '"NextToken": "9d62bf25-7a2f-4a8b-8f0e-4b2d1e0c9a77"'],
    ['an ARN segment', 'arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-a1b2c3'],
    ['a badge token', '[![codecov](https://codecov.io/gh/acme/api/branch/main/graph/badge.svg?token=xcfqHhJC37)](https://codecov.io/gh/acme/api)'],
    ['base64 of a phrase', "password: 'bm90IHJlYWxseSBhIHBhc3N3b3Jk'"],
    ['URL placeholder password', 'postgres://user:password@db.prod.acme.io/app and https://USERNAME:PASSWORD@git.acme.io'],
    ['URL password same as user', 'amqp://orders:orders@mq.prod.acme.io/'],
    ['URL env password', 'postgres://app:${DB_PASSWORD}@db.prod.acme.io/app'],
    ['URL password too short', 'redis://:s3cr@cache.prod.acme.io'],
    ['local dev credentials', 'postgres://postgres:postgres@localhost:5432/app, amqp://guest:guest@127.0.0.1:5672, mysql://root:root123@host.docker.internal/app'],
    ['documentation host with a stock password', 'postgres://root:password@1.2.3.4:5432/postgres'],
    ['Azurite well-known key', 'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='],
    ['a key name with no value', 'Set `aws_secret_access_key` and `GITHUB_TOKEN` in the environment.'],
  ];
  for (const [why, text] of negatives) {
    it(why, () => {
      expect(found(text)).toEqual([]);
    });
  }

  it('reports local credentials that are not stock dev words, at low confidence', () => {
    const [f] = scanSecrets(`postgres://app:${s.dbPassword}@localhost:5432/app`).findings;
    expect(f?.ruleId).toBe('connection-string-password');
    expect(f?.confidence).toBe(0.4);
  });

  it('isPlaceholderSecret knows the classic placeholders', () => {
    for (const v of ['<password>', '${DB_PASSWORD}', '$PASSWORD', '{{ .Values.x }}', 'changeme', 'password', 'secret', 'xxx', 'xxxxxxxxxx', '****', '...', 'example', 'your-token-here', 'REPLACE_ME', 'zzzzzzzzzzzz', 'AKIAIOSFODNN7EXAMPLE']) {
      expect(isPlaceholderSecret(v), v).toBe(true);
    }
    for (const v of [s.generic, s.awsSecret, s.githubToken]) expect(isPlaceholderSecret(v), v).toBe(false);
  });
});

describe('scanSecrets: the generic rule needs entropy and length', () => {
  it('flags 10 distinct characters (3.32 bits) and not 10 with one repeat (3.12 bits) or 9', () => {
    expect(shannonEntropy('k7Qx2mPz9w')).toBeCloseTo(Math.log2(10), 6);
    expect(shannonEntropy('k7Qx2mPz9w')).toBeGreaterThanOrEqual(GENERIC_MIN_ENTROPY);
    expect(shannonEntropy('k7Qx2mPz9k')).toBeLessThan(GENERIC_MIN_ENTROPY);
    expect(rules('api_key=k7Qx2mPz9w')).toEqual(['generic-secret']);
    expect(rules('api_key=k7Qx2mPz9k')).toEqual([]);
    expect(rules('api_key=k7Qx2mPz9')).toEqual([]);
  });

  it('needs letters and digits', () => {
    expect(rules('api_key=kQxZmPzWvBnRtY')).toEqual([]);
    expect(rules('api_key=8273649105738291')).toEqual([]);
  });

  it('entropy of edge cases', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('ab')).toBe(1);
  });
});

describe('scanSecrets: overlaps, redaction, hashes', () => {
  it('lets the specific rule win over the generic one', () => {
    expect(rules(`GITHUB_TOKEN=${s.githubToken}\naws_secret_access_key=${s.awsSecret}\ntoken: ${s.jwt}`)).toEqual(['github-token', 'aws-secret-access-key', 'jwt']);
    expect(rules(`https://x-access-token:${s.githubToken}@github.com/acme/api.git`)).toEqual(['github-token']);
  });

  it('redacts to the first 4 characters and the length (a quarter under 16)', () => {
    expect(redactSecret('sk_live_' + 'a1b2c3d4e5f6g7h8i9j0k1l2')).toBe('sk_l…[redacted, 32 chars]');
    expect(redactSecret('Kx7mQ2vL9pR4')).toBe('Kx7…[redacted, 12 chars]');
    expect(redactSecret('hunter22')).toBe('hu…[redacted, 8 chars]');
  });

  it('keeps no secret in findings, and a stable hash', () => {
    const text = `a: ${s.awsKeyId}\nb: ${s.stripeLive}\n${pem()}\nDB_PASSWORD=${s.generic}\n`;
    const scan = scanSecrets(text);
    const dump = JSON.stringify(scan.findings);
    for (const secret of [s.awsKeyId, s.stripeLive, s.generic, ...s.pemBody.split('\n')]) expect(dump).not.toContain(secret.slice(4));
    expect(scan.findings.map((f) => f.hash)).toEqual([secretHash(s.awsKeyId), secretHash(s.stripeLive), secretHash(s.pemBody), secretHash(s.generic)]);
    expect(scan.findings[0]?.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(scan.findings[3]?.raw).toBe(`DB_PASSWORD=${s.generic.slice(0, 4)}…[redacted, ${s.generic.length} chars]`);
  });

  it('redact() removes secrets, their line fragments, URL-decoded and lower-case forms, and nothing else', () => {
    const password = 'Zq8%40wK2pLm4r';
    const { redact } = scanSecrets(`${pem()}\nkey ${s.awsKeyId}\npostgres://app:${password}@db.prod.acme.io/app\n`);
    expect(redact(`AWS_ACCESS_KEY_ID=${s.awsKeyId}`)).toBe(`AWS_ACCESS_KEY_ID=AKIA…[redacted, 20 chars]`);
    expect(redact(`#key-${s.awsKeyId.toLowerCase()}`)).toBe('#key-akia…[redacted, 20 chars]');
    expect(redact(`value: ${s.pemBody.split('\n')[2]}`)).not.toContain(s.pemBody.split('\n')[2]?.slice(4));
    expect(redact(`postgres://app:Zq8@wK2pLm4r@db`)).not.toContain('wK2pLm4r');
    expect(redact('nothing to see')).toBe('nothing to see');
    expect(scanSecrets('no secrets').redact('AKIA')).toBe('AKIA');
  });

  it('scans a large page quickly', () => {
    const big = Array.from({ length: 20000 }, (_, i) => `line ${i} token_${i} = value ${fake(60, i, BASE64)} password`).join('\n');
    const t0 = performance.now();
    scanSecrets(big);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
