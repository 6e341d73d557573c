/**
 * @module
 * Data-action names as exports carry them. Genesys names an exported data action
 * "<name> - Exported <yyyy-mm-dd> @ <hh:mm>", and an import keeps that name unless it is edited, so
 * a flow built in one org may call "X - Exported 2024-11-19 @ 14:10" while the action file a
 * blueprint publishes is "X" (or the reverse). Architect's import asks the user to re-bind such a
 * call; Switchboard binds it to the one action of the same base name and says so (`check`).
 */

const EXPORT_SUFFIX = /\s+-\s+Exported\s+\d{4}-\d{2}-\d{2}\s+@\s+\d{1,2}:\d{2}$/;

/**
 * A data-action name without the suffix an export adds (pure).
 * @example
 * exportedBaseName('Get Sentiment - Exported 2024-11-19 @ 14:10') // 'Get Sentiment'
 */
export function exportedBaseName(name: string): string {
  return name.replace(EXPORT_SUFFIX, '');
}

/**
 * The entry of `byName` a flow's call names: the exact name, else the one entry whose name equals
 * it but for an export suffix (on either side); undefined when none or several do (pure).
 * @example
 * findActionByName(new Map([['Agentless SMS - Exported 2024-12-05 @ 13:36', a]]), 'Agentless SMS') // a
 */
export function findActionByName<T>(byName: ReadonlyMap<string, T>, name: string): T | undefined {
  const exact = byName.get(name);
  if (exact !== undefined) return exact;
  const key = matchingActionName(byName.keys(), name);
  return key === undefined ? undefined : byName.get(key);
}

/** The one name of `names` equal to `name` but for an export suffix; undefined when none or several (pure). */
export function matchingActionName(names: Iterable<string>, name: string): string | undefined {
  const base = exportedBaseName(name);
  const found = [...names].filter((n) => n !== name && exportedBaseName(n) === base);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The name a data-action export's file gives it: the file name without its folder and its
 * `.custom.json` / `.json` extension, dashes and underscores read as spaces (pure).
 * @example
 * fileActionName('exports/Get-Sentiment.custom.json') // 'Get Sentiment'
 */
export function fileActionName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base
    .replace(/(\.custom)?\.json$/i, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The one action (of `files`: action name → its export file) whose file is named as `name`, case
 * and spacing aside; undefined when none or several are (pure). A blueprint often saves an
 * action renamed in its org ("Get Sentiment - JVM") under the name its flows call it by.
 * @example
 * matchingActionFile(new Map([['Get Sentiment - JVM', 'Get-Sentiment.json']]), 'Get Sentiment') // 'Get Sentiment - JVM'
 */
export function matchingActionFile(files: ReadonlyMap<string, string>, name: string): string | undefined {
  const key = (t: string): string => t.toLowerCase().replace(/\s+/g, ' ').trim();
  const found = [...files]
    .filter(([n, f]) => n !== name && /\.json$/i.test(f) && key(fileActionName(f)) === key(name))
    .map(([n]) => n);
  return found.length === 1 ? found[0] : undefined;
}
