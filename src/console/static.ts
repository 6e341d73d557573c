/**
 * @module
 * The console's prebuilt assets (Vite output in `dist/console-ui` at the package root): `index.html` for `/`,
 * hashed files under `/assets/`, and a clear page when the assets were never built.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { switchboardPackage } from '../core/index.ts';

/** Where `npm run build:console` writes the console. */
const DEFAULT_ASSETS_DIR = resolve(switchboardPackage(import.meta.dirname).root, 'dist', 'console-ui');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The page served when the assets are missing: what happened and the one command that fixes it. */
function missingAssetsPage(dir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard console: not built</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:10vh auto;padding:0 1rem}code{background:#eef;padding:.1em .3em;border-radius:4px}</style>
</head><body>
<h1>The console has not been built</h1>
<p>The web console's static files are made at build time and were not found in <code>${escapeHtml(dir)}</code>.</p>
<p>Build them once with <code>npm run build:console</code> (<code>npm ci</code> does it too), then reload this page.</p>
<p>The JSON API under <code>/api/</code> works without them.</p>
</body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Serves files of one assets folder. */
export interface StaticAssets {
  readonly dir: string;
  /** Whether `index.html` exists (checked on each call: a build may land while the server runs). */
  built(): boolean;
  /** Answer a GET for `path` (`/`, `/assets/x.js`…): the file, the missing-assets page, or undefined when no such file. */
  serve(c: Context, path: string): Promise<Response | undefined>;
}

/**
 * Static assets of a folder.
 * @example
 * const assets = staticAssets(DEFAULT_ASSETS_DIR);
 * app.get('/assets/*', async (c) => (await assets.serve(c, c.req.path)) ?? c.notFound());
 */
export function staticAssets(dir: string = DEFAULT_ASSETS_DIR): StaticAssets {
  const root = resolve(dir);
  const built = (): boolean => existsSync(join(root, 'index.html'));
  return {
    dir: root,
    built,
    async serve(c, path) {
      if (!built()) return c.html(missingAssetsPage(root), 503);
      let rel: string;
      try {
        rel = path === '/' || path === '' ? 'index.html' : decodeURIComponent(path).replace(/^\/+/, '');
      } catch {
        // A malformed escape (`%E0%A4%A`, `%ZZ`) names no file.
        return undefined;
      }
      const file = resolve(root, rel);
      if (file !== root && !file.startsWith(root + sep)) return undefined;
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        return undefined;
      }
      const hashed = rel.startsWith('assets/');
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        // Vite names assets by content hash; the page itself must always be fresh.
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    },
  };
}
