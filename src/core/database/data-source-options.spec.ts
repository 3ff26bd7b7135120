import type { DatabaseConfig } from '../../../config';
import { dataSourceOptions } from './data-source-options';

const PRIMARY: DatabaseConfig = {
  host: 'db-primary',
  port: 3306,
  username: 'mch',
  password: 'secret',
  database: 'mch',
  poolSize: 10,
  migration: { username: 'mch_migrator', password: 'other' },
  appRole: 'mch_app',
  replicas: [],
  replicaWaitSeconds: 30,
};

describe('dataSourceOptions', () => {
  it('connects to the primary alone without replicas', () => {
    const options = dataSourceOptions(PRIMARY) as unknown as Record<string, unknown>;
    expect(options).toMatchObject({ host: 'db-primary', port: 3306, username: 'mch' });
    expect(options.replication).toBeUndefined();
  });

  it('with replicas, keeps ordinary reads on the primary and sets a failed server aside briefly', () => {
    const options = dataSourceOptions({
      ...PRIMARY,
      replicas: [
        { host: 'db-r1', port: 3307 },
        { host: 'db-r2', port: 3306 },
      ],
    }) as unknown as Record<string, unknown>;
    expect(options.host).toBeUndefined();
    expect(options.replication).toEqual({
      master: {
        host: 'db-primary',
        port: 3306,
        username: 'mch',
        password: 'secret',
        database: 'mch',
      },
      slaves: [
        { host: 'db-r1', port: 3307, username: 'mch', password: 'secret', database: 'mch' },
        { host: 'db-r2', port: 3306, username: 'mch', password: 'secret', database: 'mch' },
      ],
      // find() and query builders would otherwise read a replica that may lag the last write.
      defaultMode: 'master',
      // The pool cluster's default drops a server for good after 5 failed connections.
      removeNodeErrorCount: 1,
      restoreNodeTimeout: 1000,
    });
  });
});
