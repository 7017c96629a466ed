import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  // The workspace packages ship TypeScript source, so they are compiled in; every npm package stays external.
  noExternal: [/^@arv\//],
  external: [/^(?!@arv\/)[^./]/],
});
