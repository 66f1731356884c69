import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { extractClaims } from '../../src/extract/index.js';
import { contentStems, findQuantities, isStatement, quantityOfValue, sameQuantity } from '../../src/extract/quantities.js';

/** Quantity claims of a page as `line key = value "as written" [anchors]`. */
const quantities = (md: string) =>
  extractClaims(parseMarkdown(md, { id: 'p.md', root: '.' }))
    .filter((c) => c.kind === 'quantity')
    .map((c) => `${c.span.start.line} ${c.key} = ${c.value} "${c.meta?.quantity}" [${c.meta?.anchors?.join(',')}]`);
/** Just `family value` of each quantity found in one sentence. */
const found = (s: string) => findQuantities(s).map((f) => `${f.quantity.family} ${f.quantity.base}`);

describe('quantity units', () => {
  it('normalises time, size, counts, rates and percentages to one base unit', () => {
    expect(found('The request timeout is 30 s.')).toEqual(['duration 30000']);
    expect(found('Requests time out after 30000 ms.')).toEqual(['duration 30000']);
    expect(found('Sessions expire after 30 seconds.')).toEqual(['duration 30000']);
    expect(found('Tokens last 1h30m.')).toEqual(['duration 5400000']);
    expect(found('The cache holds 1GiB.')).toEqual(['size 1073741824']);
    expect(found('The cache holds 1024 MiB.')).toEqual(['size 1073741824']);
    expect(found('The payments service retries three times.')).toEqual(['count 3']);
    expect(found('It makes up to 5 retry attempts.')).toEqual(['count 5']);
    expect(found('The limit is 100 requests per minute.')).toEqual([`rate ${100 / 60}`]);
    expect(found('CPU alerts fire at 80%.')).toEqual(['percent 80']);
    expect(found('The API listens on port 8080.')).toEqual(['port 8080']);
  });

  it('reads config values the same way, and agrees across spellings', () => {
    expect(sameQuantity(quantityOfValue('30s') as never, quantityOfValue('30000ms') as never)).toBe(true);
    expect(sameQuantity(quantityOfValue('1GiB') as never, quantityOfValue('1024MiB') as never)).toBe(true);
    expect(quantityOfValue('3')).toEqual({ family: 'count', base: 3 });
    expect(quantityOfValue('8080', ['server', 'port'])).toEqual({ family: 'port', base: 8080 });
    // A bare number under a time-like key has no unit: no quantity.
    expect(quantityOfValue('30', ['request', 'timeout'])).toBeUndefined();
    expect(quantityOfValue('info')).toBeUndefined();
  });

  it('skips ranges, hedged numbers, versions and numbers that are not quantities', () => {
    expect(found('Retries wait between 5 and 10 seconds.')).toEqual([]);
    expect(found('Retries wait 5-10 seconds.')).toEqual([]);
    expect(found('The build takes about 5 minutes.')).toEqual([]);
    expect(found('If a job runs for more than 60 minutes it is cancelled.')).toEqual([]);
    expect(found('Requires Node.js 20 and v1.2.3 of the SDK; see issue #123 and HTTP 429.')).toEqual([]);
    expect(found('There are 3 ways to install it.')).toEqual([]);
  });
});

describe('statements and instructions', () => {
  it('tells statements from instructions, examples, history and questions', () => {
    expect(isStatement('The payments service retries failed charges 3 times.')).toBe(true);
    expect(isStatement('When a charge fails, the service retries it 3 times.')).toBe(true);
    expect(isStatement('Set the timeout to 60 seconds.')).toBe(false);
    expect(isStatement('To go faster, increase the batch to 1000 rows.')).toBe(false);
    expect(isStatement('You can raise the limit to 1000 rows.')).toBe(false);
    expect(isStatement('The limit can be changed to 1000 rows.')).toBe(false);
    expect(isStatement('Use a small value, e.g. 5 seconds.')).toBe(false);
    expect(isStatement('The limit was 50 MB before v2.')).toBe(false);
    expect(isStatement('In production, the timeout is 60 s.')).toBe(false);
    expect(isStatement('Does it retry 3 times?')).toBe(false);
  });
});

describe('quantity claims', () => {
  it('reads one claim per statement, keyed by unit family and stemmed subject, with the governing words as anchors', () => {
    const md = [
      '# Payments', '',
      'The `payments` service retries failed webhooks 3 times.', '',
      'For failed webhooks, the payments service makes up to 5 retry attempts.', '',
      'The service keeps 24 hours of logs. It processes up to 500 rows per batch.',
    ].join('\n');
    expect(quantities(md)).toEqual([
      '3 count:fail payment retri servic webhook = 3 "3 times" [fail,retri,webhook]',
      '5 count:fail max payment retri retri servic webhook = 5 "5 retry attempts" [payment,retri,webhook]',
      '7 duration:log retent servic = 86400000ms "24 hours" [log,retent]',
      '7 count:batch max process row = 500 "500 rows" [batch,process,row]',
    ]);
  });

  it('reads no quantity from instructions, examples, code, headings or sentences that state a key', () => {
    const md = [
      '# Retries every 5 minutes', '',
      'Set the retry limit to 5 attempts. You can raise the batch to 1000 rows.', '',
      'Use a short timeout, for example 5 seconds.', '',
      '`PAYMENTS_TIMEOUT` defaults to `30s`.', '',
      '```sh', 'sleep 30s', '```', '',
      'Two timeouts: 30 s for reads and 60 s for writes.',
    ].join('\n');
    expect(quantities(md)).toEqual([]);
  });

  it('drops two different values for one subject on one line', () => {
    expect(quantities('The request timeout is 30 s. The request timeout is 60 s.\n')).toEqual([]);
    expect(quantities('The request timeout is 30 s. The request timeout is 30000 ms.\n')).toHaveLength(1);
  });

  it('stems and folds synonyms', () => {
    expect(contentStems('retries attempts tries')).toEqual(['retri', 'retri', 'retri']);
    expect(contentStems('keeps logs up to')).toEqual(['retent', 'log', 'max']);
    expect(contentStems('Requests time out')).toEqual(['request', 'timeout']);
  });
});
