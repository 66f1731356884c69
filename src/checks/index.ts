import type { Check } from '../engine/check.js';
import brokenLink from './broken-link.js';
import configValueMismatch from './config-value-mismatch.js';
import missingPath from './missing-path.js';
import missingScript from './missing-script.js';
import unknownConfigKey from './unknown-config-key.js';
import unknownEnvVar from './unknown-env-var.js';

/** Every built-in check, sorted by id. */
export const checks: Check[] = [brokenLink, configValueMismatch, missingPath, missingScript, unknownConfigKey, unknownEnvVar].sort((a, b) =>
  a.meta.id.localeCompare(b.meta.id),
);
