// The blueprints root has no default: only the environment (or the blueprintsDir option) sets it.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBlueprintsDir, resolveArtifactPath } from './paths.ts';

describe('the blueprints root', () => {
  it('is SWITCHBOARD_BLUEPRINTS_DIR, else SWITCHBOARD_SHARED_DIR/blueprints, else none', () => {
    expect(defaultBlueprintsDir({ SWITCHBOARD_BLUEPRINTS_DIR: 'data/bp', SWITCHBOARD_SHARED_DIR: '/shared' })).toBe(
      resolve('data/bp'),
    );
    expect(defaultBlueprintsDir({ SWITCHBOARD_SHARED_DIR: '/shared' })).toBe(resolve('/shared/blueprints'));
    expect(defaultBlueprintsDir({ SWITCHBOARD_BLUEPRINTS_DIR: '' })).toBeUndefined();
    expect(defaultBlueprintsDir({})).toBeUndefined();
  });

  it('resolves @blueprints/ paths against it and other paths against the bundle folder', () => {
    expect(resolveArtifactPath('@blueprints/a/b.custom.json', '/bundle', '/bp')).toBe(resolve('/bp/a/b.custom.json'));
    expect(resolveArtifactPath('actions/b.custom.json', '/bundle', '/bp')).toBe(
      resolve('/bundle/actions/b.custom.json'),
    );
    expect(resolveArtifactPath('/abs/x.yaml', '/bundle', '/bp')).toBe('/abs/x.yaml');
  });
});
