/**
 * @module
 * Postgres connection URLs as the CLI and logs may show them: recognised by scheme, printed
 * without their password (in the userinfo or a `password` query parameter).
 */

/** Whether `--db` (or `SWITCHBOARD_DATABASE_URL`) names a Postgres database rather than a SQLite file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value.trim());
}

/**
 * The URL with its password replaced by `***`; a URL that does not parse is never echoed.
 * @example
 * redactDatabaseUrl('postgres://sb:s3cret@db:5432/sb') // 'postgres://sb:***@db:5432/sb'
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    return 'the given Postgres URL (it does not parse as a URL)';
  }
}

/** The secrets of a URL (its password, raw and percent-decoded) to scrub from any text shown. */
export function databaseUrlSecrets(url: string): string[] {
  try {
    const u = new URL(url);
    const raw = [u.password, u.searchParams.get('password') ?? ''].filter((s) => s !== '');
    return [...new Set(raw.flatMap((s) => [s, safeDecode(s)]))];
  } catch {
    return [url];
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
