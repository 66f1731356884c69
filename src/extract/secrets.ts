import { createHash } from 'node:crypto';

/**
 * Secret detection over a page's source text. Rules are data, in the spirit of gitleaks,
 * detect-secrets and trufflehog: a pattern whose `secret` group is the secret, cheap keywords that
 * must occur before the pattern runs, and optional entropy, length and structural checks. The scan
 * keeps findings only: a finding carries the rule, where, the length, a redacted form and a hash,
 * never the secret. The one thing that holds secrets is the scan's `redact` function, which lives
 * as long as the caller keeps it (one page).
 */

/** One detection rule. */
export interface SecretRule {
  /** Rule id: `aws-access-key-id`, `github-token` ... (the first part of a credential claim's key). */
  id: string;
  /** What it finds, worded to follow "what looks like a": `GitHub token`, `password in a connection string`. */
  description: string;
  /** Global pattern (`d` flag for indices); the named group `secret` is the secret, the rest is context. */
  pattern: RegExp;
  /** At least one of these (lower case) must occur in the text before the pattern runs. */
  keywords: string[];
  /** Minimum Shannon entropy of the secret, in bits per character. */
  entropy?: number;
  /** Minimum length of the secret. */
  minLength?: number;
  /** Confidence of a finding: high for structured tokens, lower for entropy-based ones. */
  confidence: number;
  /** Where the finding is placed: at the secret (default) or at the start of the match (PEM header). */
  at?: 'secret' | 'match';
  /** Structural check on top of the pattern: `false` drops the match, a number replaces the confidence; `before` is the line up to the match. */
  verify?: (secret: string, groups: Record<string, string | undefined>, before: string) => boolean | number;
}

/** A secret found in a text: everything needed to report it, and nothing to reveal it. */
export interface SecretFinding {
  /** Rule id. */
  ruleId: string;
  /** Rule description. */
  description: string;
  /** 1-based line of the finding. */
  line: number;
  /** 1-based column of the finding (UTF-16 units, as the Markdown parser counts). */
  column: number;
  /** Offset of the finding in the text. */
  offset: number;
  /** Offset just past the end of the match, for mapping it to a page context. */
  end: number;
  /** Length of the secret in characters. */
  length: number;
  /** The secret redacted: first characters and the length (`sk_l…[redacted, 32 chars]`). */
  redacted: string;
  /** First 12 hex characters of the SHA-256 of the secret (whitespace removed): stable, not reversible for random secrets. */
  hash: string;
  /** The matched text with the secret redacted, whitespace collapsed. */
  raw: string;
  /** Confidence that this is a live secret. */
  confidence: number;
}

/** The result of a scan: findings, and a redactor that knows the secrets. */
export interface SecretScan {
  /** Findings in text order. */
  findings: SecretFinding[];
  /** Replaces every secret found (and its line fragments, URL-decoded and slugged forms) in `text`, case-insensitively. */
  redact(text: string): string;
}

/** Generic assignments (`password=`, `api_key:`): minimum value length. */
export const GENERIC_MIN_LENGTH = 10;
/** Generic assignments: minimum Shannon entropy of the value, bits per character (10 distinct characters give 3.32). */
export const GENERIC_MIN_ENTROPY = 3.3;
/** Passwords in connection strings shorter than this are not reported (and never used as redaction needles). */
export const URL_PASSWORD_MIN_LENGTH = 6;
/** Confidence for credentials bound to a local or documentation-only host: below the default threshold, so `info`. */
export const LOCAL_CONFIDENCE = 0.4;

/** Shannon entropy of `s` in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...s].length;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** The redacted form: the first 4 characters (fewer for secrets under 16: a quarter) and the length. */
export function redactSecret(secret: string): string {
  const keep = secret.length >= 16 ? 4 : Math.floor(secret.length / 4);
  return `${secret.slice(0, keep)}…[redacted, ${secret.length} chars]`;
}

/** The stable hash of a secret used in claim keys and fingerprints. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret.replace(/\s+|\\n/g, '')).digest('hex').slice(0, 12);
}

/** Words that mark a value as written to be replaced; real generated secrets do not spell them. */
const PLACEHOLDER_MARKERS = /example|sample|placeholder|change[-_]?me|replace|redacted|dummy|\*\*\*|\.\.\.|…|insert|fixme|lorem|pass(?:word|wd)|secret|foobared|^(?:your|some|my[-_]|todo)|[-_.](?:your|todo)[-_.]|[-_.]here$/i;
/** Short markers that random text spells by chance in any case: matched in the case placeholders use. */
const PLACEHOLDER_RUNS = /xxxx|XXXX/;
const PLACEHOLDER_SYNTAX = /^\$|\$\{|\{\{|\}\}|<[^>]*>|^<|>$|%\(|%s\b|#\{|\[\[|^@|\benv\.|process\.env|secrets\./;
const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'key', 'apikey', 'api_key', 'changeme', 'example', 'test', 'testing',
  'dummy', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'default', 'foo', 'bar', 'foobar', 'qwerty', 'letmein',
  'hunter2', 'secret123', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'admin', 'root', 'user', 'username',
]);
/** Words local development setups use as passwords (`postgres://postgres:postgres@localhost`). */
const DEV_PASSWORDS = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'rabbitmq', 'guest', 'admin', 'root', 'dev', 'devpass',
  'development', 'local', 'localdev', 'test', 'tester', 'testpass', 'secret', 'password', 'pass', 'changeme', 'docker', 'example',
  'sa', 'app', 'user', 'default',
]);
/** Secrets that vendors publish for emulators and docs, by {@link secretHash}: Azurite's well-known account key. */
const KNOWN_PUBLIC = new Set(['0011cc25eb43']);

/** Whether a value is a placeholder, not a secret: `<password>`, `${DB_PASSWORD}`, `changeme`, `xxxx`, one repeated character, `0123456` ... */
export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_MARKERS.test(v) || PLACEHOLDER_RUNS.test(v) || PLACEHOLDER_SYNTAX.test(v)) return true;
  if (KNOWN_PUBLIC.has(secretHash(v))) return true;
  // One character making up half the value: `AKIAXXXXXXXXXXXXXXXX`, `0000000000`.
  const counts = new Map<string, number>();
  let top = 0;
  for (const ch of v) {
    const c = (counts.get(ch) ?? 0) + 1;
    counts.set(ch, c);
    if (c > top) top = c;
  }
  if (top * 2 >= v.length) return true;
  if (isTypedSequence(v)) return true;
  // Base64 of a phrase (`bm90IHJlYWxseSBhIHBhc3N3b3Jk`, "not really a password") is as much a placeholder as the phrase.
  if (/^[A-Za-z0-9+/]{12,}={0,2}$/.test(v)) {
    const decoded = Buffer.from(v, 'base64').toString('latin1');
    if (/^[\x20-\x7e]+$/.test(decoded) && (PLACEHOLDER_MARKERS.test(decoded) || PLACEHOLDER_WORDS.has(decoded.toLowerCase()))) return true;
  }
  return false;
}

/**
 * Typed, not generated: a run of 6 ascending characters (`abcdef`, `123456`), or ascending neighbours
 * making up 40% of the value (`abcd1234defg5678`). Random base62 has about 3% of such pairs, hex 12%.
 */
function isTypedSequence(s: string): boolean {
  const t = s.toLowerCase();
  let run = 1;
  let inPairs = 0;
  for (let i = 1; i < t.length; i++) {
    const up = t.charCodeAt(i) === t.charCodeAt(i - 1) + 1;
    run = up ? run + 1 : 1;
    if (run >= 6) return true;
    if (up) inPairs += run === 2 ? 2 : 1;
  }
  return t.length >= 8 && inPairs / t.length >= 0.4;
}

/** Hosts whose credentials work nowhere else: loopback, `*.local`, Docker's host alias, bare compose service names (`db`), documentation-only domains and IP ranges. */
export function isLocalOrExampleHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/:\d+$/, '');
  return (
    /^(?:localhost|127(?:\.\d+){3}|0\.0\.0\.0|::1|host\.docker\.internal|db|database|host|hostname|server|example)$/.test(h) ||
    /\.(?:local|localhost|test|example|invalid|internal\.example)$/.test(h) ||
    /(?:^|\.)example\.(?:com|org|net)$/.test(h) ||
    /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/.test(h) ||
    /^1\.2\.3\.4$/.test(h)
  );
}

/** A value that reads as an identifier or a phrase, not a generated secret: `secure-password-for-dev`, `config.apiKey`, `GITHUB_TOKEN`, `myTokenValue`. */
function looksLikeIdentifier(v: string): boolean {
  return (
    /^[a-z]+(?:[-_.:/][a-z0-9]+)+$/.test(v) ||
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(v) ||
    /^[a-z]+(?:[A-Z][a-z]+)+\d*$/.test(v) ||
    /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v) ||
    /^(?:\.{0,2}\/|~\/)/.test(v) ||
    /\.(?:ya?ml|json|txt|pem|key|crt|cer|env|pub|p12|pfx|jks|toml|ini|conf)$/i.test(v) ||
    /:\/\//.test(v)
  );
}

function decodeBase64Url(part: string): string | undefined {
  try {
    return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A JWT whose header is JSON with an `alg` other than `none`, with a signature, and not jwt.io's sample token. */
function verifyJwt(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const h = parseJsonObject(decodeBase64Url(header));
  if (!h || typeof h['alg'] !== 'string' || h['alg'].toLowerCase() === 'none') return false;
  const p = parseJsonObject(decodeBase64Url(payload));
  if (!p) return false;
  // jwt.io's sample token and other tutorial payloads, copied into countless pages.
  if (p['sub'] === '1234567890' && p['name'] === 'John Doe') return false;
  return !/\b(?:john|jane) doe\b|example|sample|"some"|"payload"|"foo"|"bar"|"test(?:user)?"/i.test(JSON.stringify(p));
}

/** A private key body with enough base64 to be a key, not `...` or `<your key>`. */
function verifyPrivateKey(body: string): boolean {
  if (/\.\.\.|…|<|\{\{|\$\{|example|placeholder|redacted|your[-_ ]/i.test(body)) return false;
  const b64 = body.replace(/\\n/g, '').match(/[A-Za-z0-9+/=]/g)?.length ?? 0;
  return b64 >= 64;
}

/** A password in a URL: not a placeholder, not the user name; a local or documentation host lowers it, a dev word there drops it. */
function verifyUrlPassword(secret: string, groups: Record<string, string | undefined>): boolean | number {
  const user = groups['user'] ?? '';
  const host = groups['host'] ?? '';
  const password = safe(() => decodeURIComponent(secret)) ?? secret;
  if (password.length < URL_PASSWORD_MIN_LENGTH) return false;
  if (isPlaceholderSecret(password) || isPlaceholderSecret(secret) || password.toLowerCase() === user.toLowerCase()) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(password) && password.includes('_')) return false;
  if (isLocalOrExampleHost(host)) return DEV_PASSWORDS.has(password.toLowerCase().replace(/\d+$/, '')) ? false : LOCAL_CONFIDENCE;
  return true;
}

/** Structured values that are public or test-only: Stripe test and publishable keys. */
const PUBLIC_FORMS = /^(?:sk|rk|pk)_test_|^pk_live_/;

/** Keys whose `token` is not a credential: pagination cursors, idempotency and lock tokens, CSRF tokens. */
const NOT_SECRET_KEY = /(?:next|page|pagination|continuation|client|request|idempotency|update|change|lock|sync|marker|csrf|xsrf|cancel|resume|cursor|fencing|stop|start|max|min|count|type)[_-]?tokens?$/i;

/** A generic `password=` / `api_key:` value: letters and digits, no identifier or phrase shape. */
function verifyGeneric(secret: string, groups: Record<string, string | undefined>, before: string): boolean {
  if (NOT_SECRET_KEY.test(groups['key'] ?? '')) return false;
  if (PUBLIC_FORMS.test(secret)) return false;
  // Badge images carry public, read-only tokens (`codecov.io/.../badge.svg?token=...`).
  if (/(?:badge|shields\.io|\.svg|\.png)[^\s)"']*$/i.test(before)) return false;
  if (/\s/.test(secret)) return false;
  if (!/[A-Za-z]/.test(secret) || !/\d/.test(secret)) return false;
  return !looksLikeIdentifier(secret);
}

/** Bare, single-quoted or double-quoted value: one of the groups `dq`, `sq`, `bare` holds it; `secret` is set by the scanner. */
const VALUE = String.raw`(?:"(?<dq>[^"\n]{1,4096})"|'(?<sq>[^'\n]{1,4096})'|(?<bare>[^\s"'\`,;<>(){}[\]&]{1,4096})(?=[\s"'\`,;<>){}[\]&]|$))`;
const URL_SCHEMES = String.raw`(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|https?|s?ftp|smtps?|ldaps?|mssql|sqlserver|jdbc:[a-z]+)`;

/**
 * The rule table, most specific first: where two matches overlap, the earlier rule wins, so a
 * GitHub token in `GITHUB_TOKEN=...` is reported as a GitHub token, not a generic assignment.
 */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'private-key',
    description: 'private key (PEM block)',
    pattern: /-----BEGIN (?:(?:RSA|EC|OPENSSH|DSA|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{64,12000}?)-----END (?:(?:RSA|EC|OPENSSH|DSA|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----/dg,
    keywords: ['private key'],
    confidence: 0.95,
    at: 'match',
    verify: verifyPrivateKey,
  },
  {
    id: 'aws-access-key-id',
    description: 'cloud access key ID (AWS)',
    pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA)[0-9A-Z]{16})(?![A-Za-z0-9])/dg,
    keywords: ['akia', 'asia'],
    confidence: 0.95,
  },
  {
    id: 'aws-secret-access-key',
    description: 'cloud secret access key (AWS)',
    pattern: /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?\s*(?::=|=>|=|:)?\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    keywords: ['secret'],
    entropy: 3.5,
    confidence: 0.9,
  },
  {
    id: 'github-token',
    description: 'GitHub token',
    pattern: /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/dg,
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    confidence: 0.95,
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token',
    pattern: /(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/dg,
    keywords: ['github_pat_'],
    confidence: 0.95,
  },
  {
    id: 'gitlab-token',
    description: 'GitLab personal access token',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/dg,
    keywords: ['glpat-'],
    confidence: 0.95,
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>T[A-Z0-9]{8,12}\/[AB][A-Z0-9]{8,12}\/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/dg,
    keywords: ['hooks.slack.com'],
    confidence: 0.9,
  },
  {
    id: 'slack-token',
    description: 'Slack API token',
    pattern: /(?<![A-Za-z0-9-])(?<secret>xox[baprs]-\d{6,}-[0-9A-Za-z-]{8,200})(?![A-Za-z0-9-])/dg,
    keywords: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'],
    confidence: 0.9,
  },
  {
    // Test-mode keys (`sk_test_`) reach no real money and are published in docs on purpose; publishable keys (`pk_live_`) are public.
    id: 'stripe-live-key',
    description: 'Stripe live secret key',
    pattern: /(?<![A-Za-z0-9_])(?<secret>(?:sk|rk)_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])/dg,
    keywords: ['sk_live_', 'rk_live_'],
    confidence: 0.95,
  },
  {
    id: 'openai-api-key',
    description: 'model provider API key (OpenAI)',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/dg,
    keywords: ['t3blbkfj'],
    confidence: 0.95,
  },
  {
    id: 'anthropic-api-key',
    description: 'model provider API key (Anthropic)',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/dg,
    keywords: ['sk-ant-'],
    confidence: 0.95,
  },
  {
    id: 'google-api-key',
    description: 'Google API key',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/dg,
    keywords: ['aiza'],
    confidence: 0.9,
  },
  {
    id: 'npm-token',
    description: 'package registry token (npm)',
    pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/dg,
    keywords: ['npm_'],
    confidence: 0.9,
  },
  {
    id: 'azure-storage-key',
    description: 'storage account key (Azure connection string)',
    pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{40,100}={0,2})/dg,
    keywords: ['accountkey='],
    entropy: 4,
    confidence: 0.9,
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,1000})(?![A-Za-z0-9_.-])/dg,
    keywords: ['eyj'],
    confidence: 0.8,
    verify: verifyJwt,
  },
  {
    id: 'connection-string-password',
    description: 'password in a connection string',
    pattern: new RegExp(String.raw`\b${URL_SCHEMES}:\/\/(?<user>[^\s:/@?#'"\`<>()\[\]]*):(?<secret>[^\s@/?#'"\`<>()\[\]]{1,200})@(?<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])`, 'dgi'),
    keywords: ['://'],
    confidence: 0.85,
    verify: verifyUrlPassword,
  },
  {
    id: 'generic-secret',
    description: 'hard-coded password, token or API key',
    pattern: new RegExp(
      String.raw`(?<![\w.:/])(?<key>(?:[A-Za-z_][\w.-]{0,40}?)?(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|auth[_-]?key|credentials?))["']?[ \t]*(?::=|=>|=|:)[ \t]*${VALUE}`,
      'dgi',
    ),
    keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'credential'],
    minLength: GENERIC_MIN_LENGTH,
    entropy: GENERIC_MIN_ENTROPY,
    confidence: 0.7,
    verify: verifyGeneric,
  },
];

/** Looks a rule up by id (the part of a credential claim's key before `:`). */
export function secretRule(id: string): SecretRule | undefined {
  return SECRET_RULES.find((r) => r.id === id);
}

interface Match {
  rule: SecretRule;
  priority: number;
  matchStart: number;
  matchEnd: number;
  start: number;
  end: number;
  secret: string;
  confidence: number;
}

/** Scans a whole text (a page's source: prose, code, tables, frontmatter, link targets, HTML comments). */
export function scanSecrets(text: string): SecretScan {
  const lower = text.toLowerCase();
  const matches: Match[] = [];
  SECRET_RULES.forEach((rule, priority) => {
    if (!rule.keywords.some((k) => lower.includes(k))) return;
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const g = m.groups ?? {};
      const which = g['secret'] !== undefined ? 'secret' : g['dq'] !== undefined ? 'dq' : g['sq'] !== undefined ? 'sq' : 'bare';
      let secret = g[which];
      const at = m.indices?.groups?.[which];
      if (secret === undefined || !at) continue;
      let start = at[0];
      // A sentence's full stop is not part of the value; an ellipsis is (it marks a placeholder).
      if (which === 'bare') secret = secret.replace(/(?<![.:])[.:]$/, '');
      if (rule.id === 'private-key') {
        const lead = secret.length - secret.trimStart().length;
        start += lead;
        secret = secret.trim();
      }
      if (rule.minLength !== undefined && secret.length < rule.minLength) continue;
      if (rule.id !== 'private-key' && isPlaceholderSecret(secret)) continue;
      if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) continue;
      let confidence = rule.confidence;
      if (rule.verify) {
        const lineStart = text.lastIndexOf('\n', (m.index ?? 0) - 1) + 1;
        const v = rule.verify(secret, g, text.slice(lineStart, m.index ?? 0));
        if (v === false) continue;
        if (typeof v === 'number') confidence = v;
      }
      const matchStart = m.index ?? start;
      matches.push({ rule, priority, matchStart, matchEnd: matchStart + m[0].length, start, end: start + secret.length, secret, confidence });
    }
  });

  // Overlaps: the more specific rule (earlier in the table) keeps the secret.
  matches.sort((a, b) => a.priority - b.priority || a.start - b.start);
  const kept: Match[] = [];
  for (const m of matches) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  kept.sort((a, b) => a.start - b.start || a.priority - b.priority);

  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };

  const findings = kept.map((m): SecretFinding => {
    const offset = m.rule.at === 'match' ? m.matchStart : m.start;
    const redacted = redactSecret(m.secret);
    const matched = text.slice(m.matchStart, m.matchEnd);
    const raw = (matched.slice(0, m.start - m.matchStart) + redacted + matched.slice(m.end - m.matchStart)).replace(/\s+/g, ' ').trim();
    return {
      ruleId: m.rule.id,
      description: m.rule.description,
      ...position(offset),
      offset,
      end: m.matchEnd,
      length: m.secret.length,
      redacted,
      hash: secretHash(m.secret),
      raw: raw.length > 160 ? raw.slice(0, 159) + '…' : raw,
      confidence: m.confidence,
    };
  });
  return { findings, redact: redactor(kept.map((m) => m.secret)) };
}

/** Builds the function that removes these secrets from any string; the identity when there are none. */
function redactor(secrets: string[]): (text: string) => string {
  if (!secrets.length) return (t) => t;
  const needles = new Set<string>();
  const add = (needle: string): void => {
    const n = needle.trim();
    if (n.length >= URL_PASSWORD_MIN_LENGTH) needles.add(n);
  };
  for (const s of secrets) {
    add(s);
    // Line fragments: extractors see a PEM body line by line, or as a JSON string with `\n` escapes.
    if (/\n|\\n/.test(s)) for (const part of s.split(/\\n|\r?\n/)) if (part.trim().length >= 8) add(part.replace(/^[\s>"']+|[\s"',+]+$/g, ''));
    for (const variant of [safe(() => decodeURIComponent(s)), safe(() => encodeURIComponent(s))]) if (variant && variant !== s) add(variant);
    // Heading slugs (anchors, section ids): lower case, punctuation dropped.
    const slug = s.toLowerCase().replace(/[^\p{L}\p{N}_-]/gu, '');
    if (slug !== s.toLowerCase() && slug.length >= 8) add(slug);
  }
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(ordered.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  return (t) => (t ? t.replace(pattern, redactSecret) : t);
}

function safe(f: () => string): string | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
