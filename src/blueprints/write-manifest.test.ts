import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inferBundle, loadBundle, loadFolder, writeInferredManifest } from './index.ts';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'sb-write-manifest-'));
  dirs.push(d);
  return d;
};

describe('writeInferredManifest', () => {
  it('saves a folder of exports as switchboard.json, which then loads as the same bundle', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'flows'));
    copyFileSync(join(EXAMPLES, 'bundle/set-external-tag.custom.json'), join(dir, 'Set-External-Tag.custom.json'));
    copyFileSync(
      join(EXAMPLES, 'bundle/tag-calls-without-queue.yaml'),
      join(dir, 'flows/tag-calls-without-queue.yaml'),
    );
    copyFileSync(join(EXAMPLES, 'bundle/trigger.json'), join(dir, 'trigger.json'));
    const { bundle, inferred } = inferBundle(dir, { name: 'mine' });
    const path = writeInferredManifest(dir, bundle, inferred);
    expect(path).toBe(join(dir, 'switchboard.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(inferred.manifest);
    const again = loadBundle(dir);
    expect(again.triggers.map((t) => [t.name, t.workflow])).toEqual([
      ['Outbound call without a queue', 'Tag Calls Without Queue'],
    ]);
    expect(loadFolder(dir).inferred).toBeUndefined();
    // A second time: the folder has its manifest now.
    expect(() => writeInferredManifest(dir, bundle, inferred)).toThrow(
      expect.objectContaining({
        code: 'SB_BLUEPRINTS_BUNDLE_INVALID',
        message: expect.stringContaining('exists already'),
      }),
    );
  });

  it('refuses a Terraform project whose data actions Terraform defines, and leaves no file', () => {
    const dir = scratch();
    cpSync(join(EXAMPLES, 'terraform'), dir, { recursive: true });
    const { bundle, inferred } = inferBundle(dir, { vars: { oauth_credential_id: 'x' } });
    expect(() => writeInferredManifest(dir, bundle, inferred)).toThrow(
      expect.objectContaining({
        code: 'SB_BLUEPRINTS_BUNDLE_INVALID',
        message: expect.stringMatching(/defined in Terraform: "Set External Tag" \(main\.tf/),
      }),
    );
    expect(existsSync(join(dir, 'switchboard.json'))).toBe(false);
  });

  it('writes a Terraform project whose values the manifest reproduces; refuses, leaving no file, one that needs a --var', () => {
    const project = (variable: string): string => {
      const dir = scratch();
      cpSync(join(EXAMPLES, 'terraform'), dir, { recursive: true });
      copyFileSync(join(EXAMPLES, 'bundle/set-external-tag.custom.json'), join(dir, 'Set-External-Tag.custom.json'));
      const main = readFileSync(join(dir, 'main.tf'), 'utf8');
      // The data action comes from its export; the trigger's direction from a variable.
      const start = main.indexOf('resource "genesyscloud_integration_action"');
      const end = main.indexOf('resource "genesyscloud_flow"');
      writeFileSync(
        join(dir, 'main.tf'),
        `${main.slice(0, start)}${main.slice(end)}`
          .replace('genesyscloud_integration_action.set_external_tag.name', '"Set External Tag"')
          .replace('"value" : "OUTBOUND"', '"value" : var.direction')
          .concat(variable),
      );
      return dir;
    };
    const withDefault = project('\nvariable "direction" {\n  type    = string\n  default = "OUTBOUND"\n}\n');
    const a = inferBundle(withDefault, { vars: { oauth_credential_id: 'x' } });
    writeInferredManifest(withDefault, a.bundle, a.inferred);
    expect(JSON.stringify(loadBundle(withDefault).triggers[0]!.trigger)).toBe(
      JSON.stringify(a.bundle.triggers[0]!.trigger),
    );

    const fromVar = project('\nvariable "direction" {\n  type = string\n}\n');
    const b = inferBundle(fromVar, { vars: { oauth_credential_id: 'x', direction: 'OUTBOUND' } });
    expect(b.bundle.triggers.map((t) => t.name)).toEqual(['Outbound call without a queue']);
    expect(() => writeInferredManifest(fromVar, b.bundle, b.inferred)).toThrow(
      expect.objectContaining({
        code: 'SB_BLUEPRINTS_BUNDLE_INVALID',
        message: expect.stringContaining('loaded back'),
      }),
    );
    expect(existsSync(join(fromVar, 'switchboard.json'))).toBe(false);
  });
});
