import { describe, expect, it } from 'vitest';
import { databaseOf, storeLine } from './database.ts';

describe('databaseOf', () => {
  it('reads --db as a SQLite file or a Postgres URL, else SWITCHBOARD_DATABASE_URL, else nothing', () => {
    expect(databaseOf('runs.sqlite', {})).toMatchObject({ kind: 'sqlite', path: 'runs.sqlite' });
    expect(databaseOf(undefined, {})).toBeUndefined();
    expect(databaseOf(undefined, { SWITCHBOARD_DATABASE_URL: '  ' })).toBeUndefined();
    const fromEnv = databaseOf(undefined, { SWITCHBOARD_DATABASE_URL: 'postgresql://sb:s3cret-pw@db:5432/sb' });
    expect(fromEnv).toMatchObject({
      kind: 'postgres',
      from: 'SWITCHBOARD_DATABASE_URL',
      shown: 'postgresql://sb:***@db:5432/sb',
    });
    // --db wins over the environment.
    expect(databaseOf('x.sqlite', { SWITCHBOARD_DATABASE_URL: 'postgres://a:b@h/d' })).toMatchObject({
      kind: 'sqlite',
      path: 'x.sqlite',
    });
  });

  it('never shows a password, in the user info or the query, raw or percent-encoded', () => {
    const ref = databaseOf('postgres://sb:p%40ss%2Fw0rd@db/sb?sslmode=require&password=other-secret', {});
    expect(ref?.shown).toBe('postgres://sb:***@db/sb?sslmode=require&password=***');
    expect(ref?.secrets).toEqual(expect.arrayContaining(['p%40ss%2Fw0rd', 'p@ss/w0rd', 'other-secret']));
    expect(storeLine(ref)).not.toMatch(/p%40ss|p@ss|other-secret/);
  });

  it('refuses an empty --db, a URL that does not parse (without echoing it) and a file in SWITCHBOARD_DATABASE_URL', () => {
    expect(() => databaseOf('', {})).toThrow(
      expect.objectContaining({ code: 'SB_INPUT_INVALID', message: expect.stringContaining('--db must name') }),
    );
    let message = '';
    try {
      databaseOf('postgres://sb:hunter22@db:notaport/sb', {});
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('--db must be a valid postgres://');
    expect(message).not.toContain('hunter22');
    expect(() => databaseOf(undefined, { SWITCHBOARD_DATABASE_URL: 'runs.sqlite' })).toThrow(
      expect.objectContaining({ code: 'SB_INPUT_INVALID', message: expect.stringContaining('pass --db <file>') }),
    );
  });
});
