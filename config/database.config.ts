import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { readEnv, toInteger } from './validate-env';

class DatabaseEnv {
  @IsString()
  @IsNotEmpty()
  DB_HOST: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT: number;

  @IsString()
  @IsNotEmpty()
  DB_USER: string;

  @IsString()
  DB_PASSWORD: string;

  @IsString()
  @IsNotEmpty()
  DB_NAME: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  DB_MIGRATION_USER?: string;

  @IsOptional()
  @IsString()
  DB_MIGRATION_PASSWORD?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'DB_APP_ROLE must be letters, digits or _' })
  DB_APP_ROLE?: string;

  @IsOptional()
  @Matches(/^\s*$|^[A-Za-z0-9_.:-]+(\s*,\s*[A-Za-z0-9_.:-]+)*$/, {
    message: 'DB_REPLICA_HOSTS must be a comma-separated list of host names',
  })
  DB_REPLICA_HOSTS?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_REPLICA_PORT?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(3600)
  DB_REPLICA_WAIT_SECONDS?: number;
}

export const databaseConfig = registerAs('database', () => {
  const env = readEnv(DatabaseEnv);
  return {
    host: env.DB_HOST,
    port: env.DB_PORT,
    username: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    poolSize: env.DB_POOL_SIZE ?? 10,
    /**
     * The account that owns the schema: it runs the migrations (DDL, and the rewrites of old
     * rows) and grants the application's role its table privileges afterwards. The application
     * itself never logs in with it.
     */
    migration: {
      username: env.DB_MIGRATION_USER ?? 'mch_migrator',
      password: env.DB_MIGRATION_PASSWORD ?? 'mch_migrator',
    },
    /** The role DB_USER holds by default; the migrations grant table privileges to it. */
    appRole: env.DB_APP_ROLE ?? `${env.DB_USER}_app`,
    /**
     * Read replicas of the primary (DB_HOST): the indicator cohorts and drill-downs read there,
     * everything else (and every write) goes to the primary. Empty: all on the primary.
     */
    replicas: (env.DB_REPLICA_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter((host) => host !== '')
      .map((host) => ({ host, port: env.DB_REPLICA_PORT ?? env.DB_PORT })),
    /**
     * How long a computation waits for a replica to apply the primary's transactions committed
     * before it started (MASTER_GTID_WAIT) before it gives up and the job is retried.
     */
    replicaWaitSeconds: env.DB_REPLICA_WAIT_SECONDS ?? 30,
  };
});

export type DatabaseConfig = ReturnType<typeof databaseConfig>;

/** The same database, logged in as the migration account (on the primary alone). */
export function asMigrationAccount(config: DatabaseConfig): DatabaseConfig {
  return { ...config, ...config.migration, replicas: [] };
}
