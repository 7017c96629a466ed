import { defineConfig } from 'tsup';
import { trpcObjectSpread } from './build/trpcObjectSpread.js';

const cli = (name: string) => `../../packages/db/src/cli/${name}.ts`;

export default defineConfig({
  // The server, and the database CLIs so that a production install (no tsx) can run them too.
  entry: {
    main: 'src/main.ts',
    migrate: cli('migrate'),
    seed: cli('seed'),
    token: cli('token'),
    user: cli('user'),
  },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  // The workspace packages ship TypeScript source, so they are compiled in; so is @trpc/server, for the
  // plugin's faster object spread. Every other npm package stays external (tsup tests noExternal first).
  noExternal: [/^@arv\//, /^@trpc\/server/],
  external: [/^[^./]/],
  esbuildPlugins: [trpcObjectSpread],
});
