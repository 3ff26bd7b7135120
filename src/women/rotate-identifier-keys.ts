/**
 * Key rotation for the encrypted identifiers of `woman` (npm run keys:rotate):
 *
 *   node dist/src/women/rotate-identifier-keys.js [--check] [--reindex] [--batch 1000]
 *
 * Re-encrypts under IDENTIFIER_ACTIVE_KEY_ID every document number and phone stored under another
 * key (or not encrypted at all), in batches by id, each batch one transaction that locks its rows.
 * `--reindex` also recomputes every blind index (after a change of IDENTIFIER_INDEX_KEY);
 * `--check` only counts what a run would change. The keys come from the configuration.
 */
import { DataSource } from 'typeorm';
import { databaseConfig, loadDotEnv } from '../../config';
import { dataSourceOptions } from '../core/database/data-source-options';
import { identifierCipher } from '../core/privacy/identifier-cipher';
import { DEFAULT_BATCH, resealWomanIdentifiers, type ResealOptions } from './reseal-identifiers';

export function parseArguments(argv: readonly string[]): ResealOptions {
  const index = argv.indexOf('--batch');
  const batch = index >= 0 ? argv[index + 1] : undefined;
  if (batch !== undefined && !/^[1-9]\d*$/.test(batch)) {
    throw new Error(`--batch must be a whole number ≥ 1: ${batch}`);
  }
  const known = new Set(['--check', '--reindex', '--batch', batch]);
  const unknown = argv.filter((arg) => !known.has(arg));
  if (unknown.length > 0) throw new Error(`Unknown argument: ${unknown.join(' ')}`);
  return {
    check: argv.includes('--check'),
    reindex: argv.includes('--reindex'),
    batchSize: batch === undefined ? DEFAULT_BATCH : Number(batch),
  };
}

async function main(): Promise<void> {
  loadDotEnv();
  const options = parseArguments(process.argv.slice(2));
  const cipher = identifierCipher();
  const dataSource = new DataSource(dataSourceOptions(databaseConfig()));
  await dataSource.initialize();
  try {
    const started = Date.now();
    const { scanned, resealed } = await resealWomanIdentifiers(
      cipher,
      (work) => dataSource.transaction((manager) => work(manager)),
      { ...options, log: (line) => console.log(line) },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      options.check
        ? `[keys] ${resealed} of ${scanned} women would be re-encrypted under key "${cipher.activeKeyId}"${options.reindex ? ' and re-indexed' : ''}`
        : `[keys] ${resealed} of ${scanned} women re-encrypted under key "${cipher.activeKeyId}"${options.reindex ? ' and re-indexed' : ''} in ${seconds} s`,
    );
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
