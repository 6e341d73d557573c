/**
 * @module
 * The Platform API catalogue (generated from the official SDK), its path-template index, and the
 * emulator's coverage of it.
 */
export { catalogueIndex, platformCatalogue } from './catalogue.ts';
export type { CatalogueRow } from './catalogue.ts';
export { OperationIndex } from './operation-index.ts';
export { coverage } from './coverage.ts';
