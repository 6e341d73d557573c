/**
 * @module
 * Build of the web console: Preact + Vite at build time only (`npm run build:console`); the
 * runtime serves the static output from `dist/console-ui` at the package root.
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The Vite configuration of the console. */
export default defineConfig({
  root,
  base: './',
  plugins: [preact()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/console-ui', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
});
