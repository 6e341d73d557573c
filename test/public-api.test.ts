// The package's public API is what its doors export, and nothing else: a new export is a decision,
// made here too. Every export, value or type, carries its JSDoc (editors show it to users).
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.ts';
import * as testing from '../src/testing.ts';

const SRC = resolve(import.meta.dirname, '../src');

const VALUES = [
  'SwitchboardError',
  'SystemClock',
  'VirtualClock',
  'GenesysApiError',
  'createEmulator',
  'createGenesysClient',
  'createMemoryStore',
  'createRuntime',
  'defineTrigger',
  'defineWorkflow',
  'genesysConfigFromEnv',
  'isSwitchboardError',
  'loadBundle',
  'openPostgresStore',
  'openSqliteStore',
  'parseDuration',
];
const TESTING_VALUES = ['DEMO', 'RunAssertionError', 'VirtualClock', 'assertRun', 'createTestHarness', 'runUntilIdle'];

function undocumented(door: string): { exports: string[]; undocumented: string[] } {
  const file = resolve(SRC, door);
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const exported = checker.getExportsOfModule(moduleSymbol);
  const missing = exported.filter((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    return target.getDocumentationComment(checker).length === 0;
  });
  return { exports: exported.map((s) => s.name), undocumented: missing.map((s) => s.name) };
}

describe('the public API', () => {
  it('exports exactly the listed values', () => {
    expect(Object.keys(api).sort()).toEqual([...VALUES].sort());
    expect(Object.keys(testing).sort()).toEqual([...TESTING_VALUES].sort());
  });

  it('documents every export, types included', () => {
    for (const door of ['index.ts', 'testing.ts']) {
      const { exports, undocumented: missing } = undocumented(door);
      expect(exports.length).toBeGreaterThan(5);
      expect({ door, missing }).toEqual({ door, missing: [] });
    }
  }, 60_000);
});
