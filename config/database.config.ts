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
  };
});

export type DatabaseConfig = ReturnType<typeof databaseConfig>;

/** The same database, logged in as the migration account. */
export function asMigrationAccount(config: DatabaseConfig): DatabaseConfig {
  return { ...config, ...config.migration };
}
