import type { Check } from '../engine/check.js';
import brokenLink from './broken-link.js';
import configValueMismatch from './config-value-mismatch.js';
import defaultValueMismatch from './default-value-mismatch.js';
import missingPath from './missing-path.js';
import missingScript from './missing-script.js';
import portMismatch from './port-mismatch.js';
import unknownCliCommand from './unknown-cli-command.js';
import unknownCliFlag from './unknown-cli-flag.js';
import unknownConfigKey from './unknown-config-key.js';
import unknownEnvVar from './unknown-env-var.js';
import unknownMetric from './unknown-metric.js';
import unknownRoute from './unknown-route.js';
import versionMismatch from './version-mismatch.js';

/** Every built-in check, sorted by id. */
export const checks: Check[] = [
  brokenLink,
  configValueMismatch,
  defaultValueMismatch,
  missingPath,
  missingScript,
  portMismatch,
  unknownCliCommand,
  unknownCliFlag,
  unknownConfigKey,
  unknownEnvVar,
  unknownMetric,
  unknownRoute,
  versionMismatch,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
