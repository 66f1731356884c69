/**
 * Synthetic secrets for tests, built at run time so the test sources hold no token-shaped literal
 * (secret scanners and push protection would rightly stop them). Deterministic: same seed, same value.
 */
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
/** Letters and digits. */
export const ALNUM = UPPER + LOWER + DIGITS;
/** Upper-case letters and digits (AWS key ids, Slack workspace ids). */
export const UPPER_ALNUM = UPPER + DIGITS;
/** The base64 alphabet without padding. */
export const BASE64 = ALNUM + '+/';

/** `n` pseudo-random characters of `alphabet`. */
export function fake(n: number, seed: number, alphabet = ALNUM): string {
  let x = seed * 2654435761 + 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

/** base64url of a string, unpadded. */
export function b64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

/** One synthetic secret per rule, keyed by rule id. */
export const secrets = {
  awsKeyId: 'AK' + 'IA' + fake(16, 1, UPPER_ALNUM),
  awsSecret: fake(40, 2, BASE64),
  githubToken: 'gh' + 'p_' + fake(36, 3),
  githubPat: 'github' + '_pat_' + fake(22, 4) + '_' + fake(59, 5),
  gitlabToken: 'gl' + 'pat-' + fake(20, 6),
  slackToken: 'xo' + 'xb-' + fake(12, 7, DIGITS) + '-' + fake(12, 8, DIGITS) + '-' + fake(24, 9),
  slackWebhookPath: 'T' + fake(10, 10, UPPER_ALNUM) + '/B' + fake(10, 11, UPPER_ALNUM) + '/' + fake(24, 12),
  stripeLive: 'sk' + '_live_' + fake(24, 13),
  stripeTest: 'sk' + '_test_' + fake(24, 14),
  googleKey: 'AI' + 'za' + fake(35, 15),
  npmToken: 'np' + 'm_' + fake(36, 16),
  azureKey: fake(86, 17, BASE64) + '==',
  jwt: b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })) + '.' + b64url(JSON.stringify({ sub: 'svc-reporting', iat: 1700000000 })) + '.' + fake(43, 18, ALNUM + '-_'),
  openaiKey: 'sk-' + 'proj-' + fake(24, 19) + 'T3Blbk' + 'FJ' + fake(24, 20),
  anthropicKey: 'sk-' + 'ant-api03-' + fake(95, 21, ALNUM + '-_'),
  pemBody: Array.from({ length: 6 }, (_, i) => fake(64, 30 + i, BASE64)).join('\n'),
  dbPassword: 'Kx7' + fake(11, 22),
  generic: 'q7' + fake(22, 23),
};

/** A PEM block of the given type (`RSA `, `OPENSSH `, `` ...) around a synthetic body. */
export function pem(type = 'RSA ', body = secrets.pemBody): string {
  return `-----BEGIN ${type}PRIVATE KEY-----\n${body}\n-----END ${type}PRIVATE KEY-----`;
}
