import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createDatabase } from '../client.js';
import { companies } from '../schema/content.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../tokens.js';

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

const handle = createDatabase();
try {
  await handle.migrate();
  const db = handle.db;
  if (command === 'create') {
    if (values.admin === Boolean(values.company)) fail('create needs exactly one of --admin or --company ID');
    let companyId: number | undefined;
    if (values.company) {
      companyId = Number(values.company);
      if (!Number.isInteger(companyId) || companyId < 1) fail(`--company must be a company id, got "${values.company}"`);
      const [company] = await db.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId));
      if (!company) fail(`company ${companyId} does not exist`);
    }
    const scope = companyId ? 'company' : 'admin';
    const name = values.name ?? (companyId ? `company ${companyId}` : 'admin');
    const { id, token } = await createApiToken(db, { name, scope, companyId });
    console.log(`token ${id} (${scope}${companyId ? ` of company ${companyId}` : ''}) created. It is shown only now:`);
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
  } else if (command === 'revoke') {
    const id = Number(argument);
    if (!Number.isInteger(id) || id < 1) fail(`revoke needs a token id, got "${argument ?? ''}"`);
    if (await revokeApiToken(db, id)) console.log(`token ${id} revoked`);
    else fail(`no active token with id ${id}`);
  } else {
    fail(`unknown command "${command}"`);
  }
} finally {
  await handle.close();
}
