/**
 * @module
 * The Platform API catalogue (generated from the official SDK), its path-template index, and the
 * emulator's coverage of it.
 */
export { catalogueIndex, parseCatalogue, platformCatalogue, templateKey } from './catalogue.ts';
export type { CatalogueRow } from './catalogue.ts';
export { CATALOGUE_SDK_VERSION } from './catalogue-data.ts';
export { OperationIndex } from './operation-index.ts';
export type { IndexedOperation, OperationMatch } from './operation-index.ts';
export { coverage } from './coverage.ts';
export type { ClassCoverage, Coverage, ServedRoute } from './coverage.ts';
