/**
 * @module
 * Error codes of the store context.
 */
import { defineErrorCodes } from '../core/index.ts';

/** The store's error codes. */
export const StoreErrors = defineErrorCodes('store', {
  SB_STORE_NOT_JSON: {
    summary: 'A value given to the store cannot be represented as JSON.',
    retry: 'never',
    hint: 'Return plain data (objects, arrays, strings, numbers, booleans, null) from steps and inputs; no functions, BigInts or cycles.',
    status: 400,
  },
  SB_STORE_SCHEMA_TOO_NEW: {
    summary: 'The database was written by a newer Switchboard schema than this version knows.',
    retry: 'never',
    hint: 'Upgrade Switchboard, or point --db at another file.',
    status: 500,
  },
  SB_STORE_OPEN_FAILED: {
    summary: 'The database file could not be opened.',
    retry: 'never',
    hint: 'Check that the path is writable and is a SQLite database (not another kind of file).',
    status: 500,
  },
  SB_STORE_NOT_FOUND: {
    summary: 'The database file to read runs from does not exist.',
    retry: 'never',
    hint: 'Pass --db <file> with the SQLite file a runtime wrote: switchboard start and up keep runs in memory unless started with --db <file>.',
    status: 404,
  },
  SB_STORE_POSTGRES_UNAVAILABLE: {
    summary: 'The Postgres database could not be reached, or refused the connection or the schema migration.',
    retry: 'backoff',
    hint: 'Check the postgres:// URL (host, port, database, user, password) and that the server is up and the user may create tables in the database.',
    status: 503,
  },
  SB_STORE_INVALID_ARGUMENT: {
    summary: 'A store call received an argument outside its allowed range.',
    retry: 'never',
    hint: 'This is a caller bug: check the argument named in the message.',
    status: 500,
  },
});
