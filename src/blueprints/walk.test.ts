import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFolder } from './discover.ts';
import { walkFolder } from './walk.ts';

const roots: string[] = [];
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'sb-walk-'));
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

const trigger = JSON.stringify({
  name: 'T',
  topicName: 'v2.detail.events.conversation.{id}.customer.end',
  enabled: true,
  target: { id: 'f', type: 'Workflow' },
  version: 1,
});

describe('walkFolder', () => {
  it('stops at the depth limit with one coded skip, reading what is above it', () => {
    const root = tree();
    let dir = root;
    for (let i = 0; i < 40; i++) {
      dir = join(dir, `d${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'trigger.json'), trigger);
    }
    const { files, skipped } = walkFolder(root, { maxDepth: 3, maxFiles: 100, maxFileBytes: 1000 });
    expect(files.map((f) => relative(root, f)).sort()).toEqual([
      'd0/d1/d2/trigger.json',
      'd0/d1/trigger.json',
      'd0/trigger.json',
    ]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.code).toBe('SB_BLUEPRINTS_WALK_TOO_DEEP');
    expect(relative(root, skipped[0]!.path)).toBe('d0/d1/d2/d3');
  });

  it('lists at most maxFiles files and reports the rest as one skip', () => {
    const root = tree();
    for (let i = 0; i < 250; i++) writeFileSync(join(root, `f${String(i).padStart(3, '0')}.txt`), 'x');
    const { files, skipped } = walkFolder(root, { maxDepth: 5, maxFiles: 100, maxFileBytes: 1000 });
    expect(files).toHaveLength(100);
    expect(skipped).toEqual([
      expect.objectContaining({
        code: 'SB_BLUEPRINTS_WALK_TOO_MANY_FILES',
        reason: expect.stringContaining('150 from here on'),
      }),
    ]);
  });

  it('does not read a file over the size limit, nor node_modules, .git or .terraform', () => {
    const root = tree();
    writeFileSync(join(root, 'big.json'), 'x'.repeat(2000));
    writeFileSync(join(root, 'small.json'), trigger);
    for (const d of ['node_modules', '.git', '.terraform']) {
      mkdirSync(join(root, d));
      writeFileSync(join(root, d, 'trigger.json'), trigger);
    }
    const { files, skipped } = walkFolder(root, { maxDepth: 5, maxFiles: 100, maxFileBytes: 1000 });
    expect(files.map((f) => relative(root, f))).toEqual(['small.json']);
    expect(skipped.map((s) => [relative(root, s.path), s.code]).sort()).toEqual([
      ['.git', 'SB_BLUEPRINTS_WALK_IGNORED_DIR'],
      ['.terraform', 'SB_BLUEPRINTS_WALK_IGNORED_DIR'],
      ['big.json', 'SB_BLUEPRINTS_WALK_FILE_TOO_LARGE'],
      ['node_modules', 'SB_BLUEPRINTS_WALK_IGNORED_DIR'],
    ]);
  });
});

describe('discoverFolder over a bounded walk', () => {
  it('reads the triggers within the limits and lists each limit reached as a skipped entry with its code', () => {
    const root = tree();
    writeFileSync(join(root, 'top.json'), trigger);
    let dir = root;
    for (let i = 0; i < 30; i++) {
      dir = join(dir, `n${i}`);
      mkdirSync(dir);
    }
    writeFileSync(join(dir, 'deep.json'), trigger);
    writeFileSync(join(root, 'huge.json'), ' '.repeat(4096) + trigger);
    const result = discoverFolder(root, { maxDepth: 8, maxFiles: 100, maxFileBytes: 2048 });
    expect(result.set.triggers.map((t) => t.file)).toEqual(['top.json']);
    const reasons = (result.skipped ?? []).map((s) => s.reason.split(':')[0]).sort();
    expect(reasons).toEqual(['SB_BLUEPRINTS_WALK_FILE_TOO_LARGE', 'SB_BLUEPRINTS_WALK_TOO_DEEP']);
  });
});
