-- Run by the mariadb container once, when it initialises an empty data volume, after
-- MARIADB_DATABASE and MARIADB_USER from docker-compose.yml exist. Sets up the same two accounts
-- as docker/local-services.sh:
--   mch           the application: no privileges on the databases themselves, only its default
--                 role mch_app, to which every migration run grants each table's privileges
--                 (audit_entry: SELECT and INSERT only; src/core/database/app-grants.ts)
--   mch_migrator  owns the schema: runs the migrations (the compose `migrate` service, npm run
--                 migration:run, the tests' set-up, which re-creates mch_test)
-- Safe to run again as root on a volume made before these accounts existed:
--   docker compose -f docker/docker-compose.yml exec -T mariadb \
--     sh -c 'mariadb -uroot -p"$MARIADB_ROOT_PASSWORD"' < docker/mariadb-init/10-accounts.sql
-- then run the migrations (docker compose ... run --rm migrate) to grant the role its tables.
CREATE DATABASE IF NOT EXISTS `mch_test` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- The image gave the application ALL PRIVILEGES on `mch`.* (and older versions of this file on
-- `mch%`.*). Privileges add up, so none may stay: grant one, to be sure the revoke finds a row.
GRANT SELECT ON `mch`.* TO 'mch'@'%';
REVOKE ALL PRIVILEGES ON `mch`.* FROM 'mch'@'%';
GRANT SELECT ON `mch%`.* TO 'mch'@'%';
REVOKE ALL PRIVILEGES ON `mch%`.* FROM 'mch'@'%';
CREATE ROLE IF NOT EXISTS `mch_app`;
GRANT `mch_app` TO 'mch'@'%';
SET DEFAULT ROLE `mch_app` FOR 'mch'@'%';

-- Placeholder password, as for mch in docker-compose.yml: change both for anything real.
CREATE USER IF NOT EXISTS 'mch_migrator'@'%' IDENTIFIED BY 'mch_migrator';
GRANT ALL PRIVILEGES ON `mch%`.* TO 'mch_migrator'@'%' WITH GRANT OPTION;
-- Checks the tablespaces' encryption (information_schema.INNODB_TABLESPACES_ENCRYPTION,
-- FLUSH TABLES … FOR EXPORT), as a backup would.
GRANT PROCESS, RELOAD ON *.* TO 'mch_migrator'@'%';
FLUSH PRIVILEGES;
