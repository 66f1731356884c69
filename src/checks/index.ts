import type { Check } from '../engine/check.js';
import archivedPage from './archived-page.js';
import brokenLink from './broken-link.js';
import configValueMismatch from './config-value-mismatch.js';
import conflictingClaims from './conflicting-claims.js';
import credentialInPage from './credential-in-page.js';
import defaultValueMismatch from './default-value-mismatch.js';
import missingPath from './missing-path.js';
import missingScript from './missing-script.js';
import nearDuplicatePage from './near-duplicate-page.js';
import outdatedSource from './outdated-source.js';
import portMismatch from './port-mismatch.js';
import reviewOverdue from './review-overdue.js';
import unknownCliCommand from './unknown-cli-command.js';
import unknownCliFlag from './unknown-cli-flag.js';
import unknownConfigKey from './unknown-config-key.js';
import unknownEnvVar from './unknown-env-var.js';
import unknownMetric from './unknown-metric.js';
import unknownRoute from './unknown-route.js';
import versionMismatch from './version-mismatch.js';

/** Every built-in check, sorted by id. */
export const checks: Check[] = [
  archivedPage,
  brokenLink,
  configValueMismatch,
  conflictingClaims,
  credentialInPage,
  defaultValueMismatch,
  missingPath,
  missingScript,
  nearDuplicatePage,
  outdatedSource,
  portMismatch,
  reviewOverdue,
  unknownCliCommand,
  unknownCliFlag,
  unknownConfigKey,
  unknownEnvVar,
  unknownMetric,
  unknownRoute,
  versionMismatch,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
