import { readFileSync, statSync } from 'node:fs';
import { InputError, errorMessage } from './errors.js';

/** Files larger than this are skipped with a problem rather than read. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Reads a file as UTF-8 text, refusing what is not text: a file over `maxBytes`, one with NUL bytes
 * (binary), or one that is not valid UTF-8. Throws {@link InputError} with a reason a user can act on.
 * A UTF-8 byte-order mark is dropped; UTF-16 files (with a BOM) are decoded.
 */
export function readText(absPath: string, maxBytes = DEFAULT_MAX_BYTES): string {
  let size: number;
  try {
    const st = statSync(absPath);
    if (!st.isFile()) throw new InputError('not a regular file');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(describeFsError(err));
  }
  if (size > maxBytes) throw new InputError(`file is too large (${size} bytes; the limit is ${maxBytes})`);
  let buf: Buffer;
  try {
    buf = readFileSync(absPath);
  } catch (err) {
    throw new InputError(describeFsError(err));
  }
  return decodeText(buf);
}

/** Decodes bytes as text, or throws {@link InputError} saying why they are not text. */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  const probe = buf.subarray(0, Math.min(buf.length, 8000));
  if (probe.includes(0)) throw new InputError('binary file (contains NUL bytes)');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new InputError(`not valid UTF-8 text (first bad byte near offset ${firstBadUtf8(buf)})`);
  }
}

function firstBadUtf8(buf: Buffer): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = buf.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      dec.decode(buf.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/** A short reason for a file-system error: "permission denied", "broken symbolic link" ... */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (file is not readable)';
    case 'ENOENT':
      return 'file does not exist (broken symbolic link?)';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a directory';
    default:
      return errorMessage(err);
  }
}
