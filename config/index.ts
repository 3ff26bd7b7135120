import { existsSync } from 'node:fs';
import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { databaseConfig } from './database.config';
import { episodesConfig } from './episodes.config';
import { identifiersConfig } from './identifiers.config';
import { observabilityConfig } from './observability.config';
import { pmtctConfig } from './pmtct.config';
import { redisConfig } from './redis.config';
import { workerConfig } from './worker.config';

export { appConfig } from './app.config';
export { authConfig, AuthConfig } from './auth.config';
export { asMigrationAccount, databaseConfig, DatabaseConfig } from './database.config';
export {
  generateIdentifierSecrets,
  identifierKeyProblems,
  IdentifierKeys,
  identifiersConfig,
  IdentifiersConfig,
  parseIdentifierKeys,
} from './identifiers.config';
export { episodesConfig, EpisodesConfig } from './episodes.config';
export { observabilityConfig, ObservabilityConfig } from './observability.config';
export { pmtctConfig, PmtctConfig } from './pmtct.config';
export { redisConfig, RedisConfig } from './redis.config';
export { workerConfig, WorkerConfig } from './worker.config';

export const configNamespaces = [
  appConfig,
  databaseConfig,
  redisConfig,
  authConfig,
  workerConfig,
  identifiersConfig,
  pmtctConfig,
  episodesConfig,
  observabilityConfig,
];

/**
 * Reads every namespace once, so a bad variable (a weak secret, say) stops the process with its
 * message before any connection is opened.
 */
export function assertConfiguration(): void {
  for (const namespace of configNamespaces) namespace();
}

/** A local `.env` fills variables the environment does not set; the environment wins. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
