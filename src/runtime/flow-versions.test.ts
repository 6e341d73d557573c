// The runtime's side of flow versions: each bundle workflow has a version, and a kept version is
// rebuilt with the same clients as today's (or refused when what was kept is not that version).
import { describe, expect, it } from 'vitest';
import type { Flow } from '../architect/index.ts';
import { buildRoutes } from './bundle-parts.ts';
import { loadShippedSolutions } from './index.ts';

describe('bundle workflow versions', () => {
  it('rebuilds a kept version of a bundle workflow, and nothing for a source that is not that version', () => {
    const bundles = loadShippedSolutions().map((s) => s.loaded);
    const { workflows, restoreVersion } = buildRoutes({ bundles });
    const def = workflows[0]!;
    expect(def.version).toMatch(/^[0-9a-f]{16}$/);
    const kept = {
      flow: def.name,
      version: def.version!,
      kind: 'architect',
      source: JSON.parse(JSON.stringify(def.source)) as unknown,
      savedAt: 0,
    };
    expect(restoreVersion(kept)?.version).toBe(def.version);
    const source = kept.source as { flow: Flow };
    const changed = { ...kept, source: { flow: { ...source.flow, description: 'edited' } } };
    expect(restoreVersion(changed)).toBeUndefined();
    expect(restoreVersion({ ...kept, flow: 'Not A Bundle Workflow' })).toBeUndefined();
    expect(restoreVersion({ ...kept, kind: 'code' })).toBeUndefined();
  });
});
