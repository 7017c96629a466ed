import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcObjectSpread } from '../build/trpcObjectSpread.js';

// A router built from the same bundled @trpc/server as dist/main.js: middlewares that extend the
// context, an input parser, and a context extension parsed from JSON with an own "__proto__" key.
const entry = `
import { initTRPC } from '@trpc/server';
const t = initTRPC.context().create();
const withUser = t.procedure.use(({ next }) => next({ ctx: { user: 'ada' } }));
const withParsed = withUser.use(({ next }) => next({ ctx: JSON.parse('{"__proto__": {"admin": true}, "role": "viewer"}') }));
const router = t.router({
  echo: withParsed
    .input((raw) => { if (typeof raw?.n !== 'number') throw new Error('n must be a number'); return raw; })
    .query(({ ctx, input }) => ({
      user: ctx.user,
      role: ctx.role,
      n: input.n,
      admin: ctx.admin,
      ownProto: Object.hasOwn(ctx, '__proto__'),
      plainPrototype: Object.getPrototypeOf(ctx) === Object.prototype,
    })),
});
export const caller = t.createCallerFactory(router)({ requestId: 7 });
`;

const bundle = (contents: string) =>
  build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    plugins: [trpcObjectSpread],
  });

describe('the bundled @trpc/server object spread', () => {
  let dir: string;
  let code: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arv-trpc-spread-'));
    code = (await bundle(entry)).outputFiles[0]?.text ?? '';
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the helper in the bundle', () => {
    expect(code).toContain('function _objectSpread2Exact(e)');
    expect(code).toMatch(/else Object\.assign\(e, \w+\)/);
  });

  it('passes context extensions and input through the middleware chain as before', async () => {
    const file = join(dir, 'router.mjs');
    writeFileSync(file, code);
    const { caller } = await import(pathToFileURL(file).href);
    await expect(caller.echo({ n: 3 })).resolves.toEqual({
      user: 'ada',
      role: 'viewer',
      n: 3,
      admin: undefined,
      ownProto: true,
      plainPrototype: true,
    });
    await expect(caller.echo({ n: 'three' })).rejects.toThrow('n must be a number');
  });

  it('fails a build that has no tRPC helper to replace', async () => {
    await expect(bundle('export const x = { ...globalThis.y };')).rejects.toThrow(/no object-spread helper/);
  });
});
