import { parseArgs } from 'node:util';
import { createApiToken, listApiTokens, revokeApiToken } from '../tokens.js';
import { withDatabase } from './run.js';
import { assertCompanyExists, companyOption } from './scopeOption.js';

const usage = `usage:
  npm run token -- create --admin [--name NAME]
  npm run token -- create --company ID [--name NAME]
  npm run token -- list
  npm run token -- revoke ID`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    admin: { type: 'boolean' },
    company: { type: 'string' },
    name: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, argument] = positionals;
if (values.help || !command) {
  console.log(usage);
  process.exit(command ? 0 : 2);
}

if (!['create', 'list', 'revoke'].includes(command)) fail(`unknown command "${command}"`);
const companyId = command === 'create' ? companyOption(values, fail) : undefined;
const tokenId = Number(argument);
if (command === 'revoke' && !(Number.isInteger(tokenId) && tokenId > 0)) {
  fail(`revoke needs a token id, got "${argument ?? ''}"`);
}

await withDatabase(async ({ db }) => {
  if (command === 'create') {
    if (companyId !== undefined) await assertCompanyExists(db, companyId);
    const scope = companyId ? 'company' : 'admin';
    const name = values.name ?? (companyId ? `company ${companyId}` : 'admin');
    const { id, token } = await createApiToken(db, { name, scope, companyId });
    console.log(
      `token ${id} (${companyId ? `company ${companyId}` : 'admin'}) created. It is shown only now:`,
    );
    console.log(token);
  } else if (command === 'list') {
    const rows = await listApiTokens(db);
    if (rows.length === 0) console.log('no tokens');
    for (const t of rows) {
      const scope = t.scope === 'admin' ? 'admin' : `company ${t.companyId}`;
      const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
      const used = t.lastUsedAt ? t.lastUsedAt.toISOString() : 'never';
      console.log(`${t.id}\t${scope}\t${state}\tlast used ${used}\t${t.name}`);
    }
  } else if (await revokeApiToken(db, tokenId)) {
    console.log(`token ${tokenId} revoked`);
  } else {
    throw new Error(`no active token with id ${tokenId}`);
  }
});
