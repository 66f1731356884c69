import type { FactProvider } from '../provider.js';
import { configFilesProvider } from './config-files.js';
import { dockerfileProvider } from './dockerfile.js';
import { dotenvProvider } from './dotenv.js';
import { goProvider } from './go.js';
import { goModProvider } from './go-mod.js';
import { jsCliProvider } from './js-cli.js';
import { jsEnvProvider } from './js-env.js';
import { jsRoutesProvider } from './js-routes.js';
import { jsonSchemaProvider } from './json-schema.js';
import { makefileProvider } from './makefile.js';
import { metricsProvider } from './metrics.js';
import { openapiProvider } from './openapi.js';
import { packageJsonProvider } from './package-json.js';
import { pyprojectProvider } from './pyproject.js';
import { pythonProvider } from './python.js';
import { runtimeVersionsProvider } from './runtime-versions.js';
import { shellEnvProvider } from './shell-env.js';

export { configFilesProvider, dockerfileProvider, dotenvProvider, goModProvider, goProvider, jsEnvProvider, makefileProvider, packageJsonProvider, pythonProvider };
export { openapiProvider, runtimeVersionsProvider, shellEnvProvider };
export { metricsProvider };
export { pyprojectProvider };
export { jsonSchemaProvider };
export { jsCliProvider, jsRoutesProvider };

/** Every fact provider, in the fixed order files are offered to them. */
export const providers: FactProvider[] = [
  configFilesProvider,
  packageJsonProvider,
  makefileProvider,
  dotenvProvider,
  dockerfileProvider,
  jsEnvProvider,
  jsCliProvider,
  jsRoutesProvider,
  goProvider,
  goModProvider,
  pythonProvider,
  pyprojectProvider,
  openapiProvider,
  runtimeVersionsProvider,
  shellEnvProvider,
  metricsProvider,
  jsonSchemaProvider,
];
