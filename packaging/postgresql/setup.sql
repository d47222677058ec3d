-- One PostgreSQL database shared by every kiosk PC of an office, with two roles:
--
--   kiosk_owner  owns the tables; used only to create and upgrade them
--                (`kiosk --db postgresql://kiosk_owner:...@SERVER/kiosk db upgrade`).
--   kiosk_app    what every kiosk, counter and display PC uses: it may read and change
--                rows (SELECT, INSERT, UPDATE, DELETE) and nothing else, with two
--                exceptions: the audit log is append-only (SELECT, INSERT), and of staff
--                accounts it may read them and record wrong PINs (sign-in), not add or
--                change them. It cannot create, alter or drop tables, nor reach other
--                databases.
--   kiosk_admin  the supervisors' admin PC: what kiosk_app may, and staff accounts too.
--
-- Run once on the server as the PostgreSQL superuser, choosing the passwords:
--
--   sudo -u postgres psql -v owner_password='CHANGE-ME-1' -v app_password='CHANGE-ME-2' \
--        -v admin_password='CHANGE-ME-3' -f setup.sql
--
-- and again after every `kiosk db upgrade` (the rights per table apply to tables that exist).
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
\if :{?admin_password}
SELECT 'CREATE ROLE kiosk_admin LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kiosk_admin')\gexec
ALTER ROLE kiosk_admin WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT
    PASSWORD :'admin_password';
GRANT kiosk_app TO kiosk_admin;  -- every right of kiosk_app, and below, staff accounts
\endif

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

-- Rights that differ per table (for the tables that exist: run this again after an upgrade;
-- migration 0008 applies them too). The audit log is append-only for the PCs (triggers
-- refuse UPDATE and DELETE even for the owner); staff accounts are the admin PC's.
DO $$
BEGIN
    IF to_regclass('public.audit_log') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM kiosk_app;
    END IF;
    IF to_regclass('public.staff') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE ON staff FROM kiosk_app;
        GRANT UPDATE (failed_sign_ins, lockouts, locked_until) ON staff TO kiosk_app;
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'kiosk_admin') THEN
            GRANT INSERT, UPDATE ON staff TO kiosk_admin;
        END IF;
    END IF;
END
$$;
