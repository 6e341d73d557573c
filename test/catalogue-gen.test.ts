import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_DATA,
  COVERAGE_DOC,
  EMULATED_PERMISSIONS,
  readSdkCatalogue,
  renderCatalogueData,
  renderCoverageDoc,
  renderEmulatedPermissions,
} from '../scripts/catalogue-gen.ts';

describe('generated Platform API catalogue', () => {
  const rows = readSdkCatalogue();

  it('src/emulator/catalogue/catalogue-data.ts is current with the SDK', () => {
    expect(
      readFileSync(CATALOGUE_DATA, 'utf8') === renderCatalogueData(rows),
      'catalogue-data.ts is stale: run `npm run gen:catalogue`',
    ).toBe(true);
  });

  it('stays small enough to bundle', () => {
    expect(Buffer.byteLength(renderCatalogueData(rows))).toBeLessThan(600_000);
  });

  it("docs/emulator-coverage.md is current with the catalogue and the providers' routes", async () => {
    expect(readFileSync(COVERAGE_DOC, 'utf8'), 'docs/emulator-coverage.md is stale: run `npm run gen:catalogue`').toBe(
      await renderCoverageDoc(rows),
    );
  });

  it("src/blueprints/check/emulated-permissions-data.ts is current with the providers' routes", async () => {
    expect(
      readFileSync(EMULATED_PERMISSIONS, 'utf8'),
      'emulated-permissions-data.ts is stale: run `npm run gen:catalogue`',
    ).toBe(await renderEmulatedPermissions());
  });
});
