-- One PostgreSQL database shared by every kiosk PC of an office, with two roles:
--
--   kiosk_owner  owns the tables; used only to create and upgrade them
--                (`kiosk --db postgresql://kiosk_owner:...@SERVER/kiosk db upgrade`).
--   kiosk_app    what every kiosk, counter, display and admin PC uses: it may read and
--                change rows (SELECT, INSERT, UPDATE, DELETE) and nothing else. It cannot
--                create, alter or drop tables, and cannot reach other databases.
--
-- Run once on the server as the PostgreSQL superuser, choosing two passwords:
--
--   sudo -u postgres psql -v owner_password='CHANGE-ME-1' -v app_password='CHANGE-ME-2' \
--        -f setup.sql
--
-- Safe to run again (after changing a password, say): it creates what is missing and
-- re-asserts the rights. See README.md in this folder for the whole several-PC setup.

\set ON_ERROR_STOP on

SELECT 'CREATE ROLE kiosk_owner LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kiosk_owner')\gexec
SELECT 'CREATE ROLE kiosk_app LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kiosk_app')\gexec
ALTER ROLE kiosk_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
ALTER ROLE kiosk_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
-- Ten PCs each keep a couple of connections; this leaves room and stops a runaway.
ALTER ROLE kiosk_app CONNECTION LIMIT 100;

SELECT 'CREATE DATABASE kiosk OWNER kiosk_owner ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'kiosk')\gexec
ALTER DATABASE kiosk OWNER TO kiosk_owner;
REVOKE ALL ON DATABASE kiosk FROM PUBLIC;
GRANT CONNECT ON DATABASE kiosk TO kiosk_app;

\connect kiosk
-- The tables live in the schema "public", owned by the database owner (PostgreSQL 15+);
-- on older servers PUBLIC could create tables there, which we take back.
ALTER SCHEMA public OWNER TO kiosk_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO kiosk_app;

-- Tables and sequences that `kiosk db upgrade` creates later get the same rights...
ALTER DEFAULT PRIVILEGES FOR ROLE kiosk_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kiosk_app;
ALTER DEFAULT PRIVILEGES FOR ROLE kiosk_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO kiosk_app;
-- ...and so do those that already exist (running this again after an upgrade is harmless).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kiosk_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kiosk_app;
