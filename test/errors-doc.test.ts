import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ERRORS_DOC,
  ERROR_CODE_NAMES,
  loadAllContexts,
  renderErrorCodeNames,
  renderErrorsDoc,
} from '../scripts/errors-doc.ts';

describe('docs/errors.md', () => {
  it('lists every declared error code exactly as the code declares it', async () => {
    await loadAllContexts();
    expect(readFileSync(ERRORS_DOC, 'utf8'), 'docs/errors.md is stale: run `npm run docs:errors`').toBe(
      renderErrorsDoc(),
    );
  });

  it('src/core/error-code-names.ts is the union of the declared codes (the only codes SwitchboardError takes)', async () => {
    await loadAllContexts();
    expect(readFileSync(ERROR_CODE_NAMES, 'utf8'), 'error-code-names.ts is stale: run `npm run docs:errors`').toBe(
      renderErrorCodeNames(),
    );
  });
});
