-- Run once by the mariadb container when it initialises an empty data volume,
-- after MARIADB_DATABASE and MARIADB_USER from docker-compose.yml exist.
-- Lets the tests (npm test, run on the host against this container) use and
-- re-create mch_test, like docker/local-services.sh provisions it.
CREATE DATABASE IF NOT EXISTS `mch_test` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON `mch%`.* TO 'mch'@'%';
FLUSH PRIVILEGES;
