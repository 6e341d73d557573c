/**
 * @module
 * The Platform API catalogue: every operation of the official SDK (method, path template,
 * operation id, SDK classes, request and response models), read from the generated
 * `catalogue-data.ts` so the emulator needs no SDK at run time.
 */
import { CATALOGUE_DATA } from './catalogue-data.ts';
import { OperationIndex } from './operation-index.ts';

/** One Platform API operation. */
export interface CatalogueRow {
  readonly method: string;
  /** Path template as the SDK writes it, e.g. `/api/v2/users/{userId}`. */
  readonly path: string;
  /** The operation id, which is also the SDK method name (e.g. `getUser`). */
  readonly operationId: string;
  /** The SDK classes that expose it (e.g. `UsersApi`); an operation tagged twice is in two. */
  readonly sdkClasses: readonly string[];
  /** The request body model (`''`: no body), e.g. `SendAgentlessOutboundMessageRequest` or `Role[]`. */
  readonly requestModel: string;
  /** The response model (`''`: no content). */
  readonly responseModel: string;
}

const PREFIX = '/api/v2';

/**
 * Parse catalogue data (the generated module's format: one operation a line, space-separated).
 * @example
 * parseCatalogue().find((r) => r.operationId === 'getUser')?.path // '/api/v2/users/{userId}'
 */
export function parseCatalogue(data: string = CATALOGUE_DATA): CatalogueRow[] {
  const rows: CatalogueRow[] = [];
  for (const line of data.split('\n')) {
    if (line === '') continue;
    const [method, path, operationId, classes, request, response] = line.split(' ');
    if (!method || !path || !operationId || !classes || !request || !response)
      throw new Error(`malformed catalogue line: ${line}`);
    const model = (s: string): string => (s === '-' ? '' : s);
    rows.push({
      method,
      path: PREFIX + path,
      operationId,
      sdkClasses: classes.split(',').map((c) => `${c}Api`),
      requestModel: model(request),
      responseModel: model(response),
    });
  }
  return rows;
}

let cached: readonly CatalogueRow[] | undefined;
let cachedIndex: OperationIndex<CatalogueRow> | undefined;

/** The catalogue of the SDK version the emulator was built against (parsed once). */
export function platformCatalogue(): readonly CatalogueRow[] {
  return (cached ??= parseCatalogue());
}

/**
 * The catalogue indexed by method and path template (built once).
 * @example
 * catalogueIndex().match('GET', '/api/v2/users/42').operation?.operationId // 'getUser'
 */
export function catalogueIndex(): OperationIndex<CatalogueRow> {
  return (cachedIndex ??= new OperationIndex(platformCatalogue()));
}

/**
 * A template with its parameter names erased, so that routes naming a parameter differently
 * (`{id}` / `{userId}`) compare equal.
 * @example
 * templateKey('/api/v2/users/{userId}') // '/api/v2/users/{}'
 */
export function templateKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}').replace(/(.)\/$/, '$1');
}
