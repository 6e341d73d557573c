/**
 * @module
 * Remote modules that create a data-action integration (the GenesysCloudDevOps
 * `public-api-data-actions-integration-module`, `web-services-data-actions-integration-module`,
 * `salesforce-data-actions-integration-module`), known by their source when they are not
 * installed: the integration type each creates (the model then holds an integration for such a
 * call, and the data actions whose `integration_id` is its output belong to it).
 */
/**
 * Words of a module's repository name and the integration type such a module creates.
 * [INFERRED] Any integration module whose name says one of them is taken to create that type
 * (the three published modules above each do).
 */
const TYPE_BY_NAME: ReadonlyArray<readonly [RegExp, string]> = [
  [/salesforce/i, 'salesforce-datadip'],
  [/web-services/i, 'custom-rest-actions'],
  [/public-api/i, 'purecloud-data-actions'],
];

/**
 * The integration type a remote module creates, told by its source: the repository (or registry
 * module) name must say `integration` and one of the known kinds; undefined for any other source.
 * @example
 * integrationModuleType('git::https://github.com/GenesysCloudDevOps/public-api-data-actions-integration-module?ref=main');
 * // 'purecloud-data-actions'
 */
export function integrationModuleType(source: string): string | undefined {
  if (/^\.\.?\//.test(source)) return undefined;
  const path = source
    .replace(/^[a-z0-9]+::/i, '')
    .replace(/[?#].*$/, '')
    .replace(/^[a-z]+:\/\/[^/]+\//i, '');
  for (const segment of path.split('/')) {
    const name = segment.replace(/\.git$/i, '');
    if (!/integration/i.test(name)) continue;
    const known = TYPE_BY_NAME.find(([re]) => re.test(name));
    if (known) return known[1];
  }
  return undefined;
}
