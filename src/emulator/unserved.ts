/**
 * @module
 * The answer to a request no route served: 405 for a known path and another method, 501
 * `SB_EMULATOR_NOT_MODELED` for a Platform API operation the emulator does not model (named from
 * the SDK catalogue), 404 `not.found` for a path that is no operation at all.
 */
import { errorCodeSpec } from '../core/index.ts';
import { catalogueIndex } from './catalogue/index.ts';
import type { CatalogueRow, OperationIndex } from './catalogue/index.ts';
import { ApiError, EmulatorErrors } from './errors.ts';
import type { MethodIndex } from './routes.ts';

const API_PREFIX = '/api/v2';

/** What the emulator does not model of an operation, in one sentence with the fix. */
function notModeled(row: CatalogueRow): ApiError {
  const sdk = row.sdkClasses.map((c) => `${c}.${row.operationId}`).join(' / ');
  const operation = `${row.method} ${row.path}`;
  const hint = errorCodeSpec(EmulatorErrors.SB_EMULATOR_NOT_MODELED)?.hint ?? '';
  return new ApiError(
    501,
    EmulatorErrors.SB_EMULATOR_NOT_MODELED,
    `The emulator does not model the operation ${row.operationId} (${operation}; SDK ${sdk}). ${hint}`,
    {
      messageWithParams: 'The emulator does not model the operation {operationId} ({operation}; SDK {sdkMethod}).',
      messageParams: { operationId: row.operationId, operation, sdkMethod: sdk },
    },
  );
}

/**
 * The error for a request that matched no served route.
 * @example
 * unservedError('DELETE', '/api/v2/users/42', new MethodIndex(app)).status // 501: deleteUser is not modeled
 */
export function unservedError(
  method: string,
  path: string,
  served: MethodIndex,
  catalogue: OperationIndex<CatalogueRow> = catalogueIndex(),
): ApiError {
  const servedMethods = served.methodsFor(path);
  const isApi = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
  const known = isApi ? catalogue.match(method, path) : { operation: undefined, methods: [] };
  // Genesys answers HEAD as the GET of the same resource.
  const operation = known.operation ?? (method === 'HEAD' ? catalogue.match('GET', path).operation : undefined);
  if (operation) return notModeled(operation);
  const allowed = [...new Set([...servedMethods, ...known.methods])].sort();
  if (allowed.length > 0)
    return new ApiError(
      405,
      'method.not.allowed',
      `${method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
      {},
      { Allow: allowed.join(', ') },
    );
  if (isApi) return new ApiError(404, 'not.found', `No Platform API resource matches ${method} ${path}`);
  return new ApiError(404, 'not.found', `no route for ${method} ${path}`);
}
