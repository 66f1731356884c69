/** A mistake in how docdrift was called or configured: printed without a stack, exit code 2. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** A bad config file or option; names the offending key. */
export class ConfigError extends UserError {
  /** The config file at fault, if any. */
  readonly file?: string;
  /** The key path at fault, if any. */
  readonly key?: string;
  constructor(message: string, options: { file?: string; key?: string } = {}) {
    super(message);
    if (options.file !== undefined) this.file = options.file;
    if (options.key !== undefined) this.key = options.key;
  }
}

/** A single input that cannot be used: becomes a reported problem, never a crashed run. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The message of anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
