import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOC, loadAllContexts, renderErrorsDoc } from '../scripts/errors-doc.ts';

describe('docs/errors.md', () => {
  it('lists every declared error code exactly as the code declares it', async () => {
    await loadAllContexts();
    expect(readFileSync(ERRORS_DOC, 'utf8'), 'docs/errors.md is stale: run `npm run docs:errors`').toBe(renderErrorsDoc());
  });
});
