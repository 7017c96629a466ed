import { parseArgs } from 'node:util';
import { createUser, listUsers, type NewUser } from '../users.js';
import { withDatabase } from './run.js';
import { assertCompanyExists, companyOption } from './scopeOption.js';

const usage = `usage:
  npm run user -- create --email EMAIL --password PASSWORD --admin [--name NAME]
  npm run user -- create --email EMAIL --password PASSWORD --company ID [--name NAME]
  npm run user -- list`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    password: { type: 'string' },
    admin: { type: 'boolean' },
    company: { type: 'string' },
    name: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;
if (values.help || !command) {
  console.log(usage);
  process.exit(command ? 0 : 2);
}

if (!['create', 'list'].includes(command)) fail(`unknown command "${command}"`);

function userToCreate(): NewUser {
  const { email, password, admin, company, name } = values;
  if (!email?.includes('@')) fail(`create needs --email with an address, got "${email ?? ''}"`);
  if (!password) fail('create needs --password');
  const companyId = companyOption({ admin, company }, fail);
  const role = companyId ? 'member' : 'admin';
  return { email, password, role, companyId, name: name ?? email.slice(0, email.indexOf('@')) };
}
const newUser = command === 'create' ? userToCreate() : undefined;

await withDatabase(async ({ db }) => {
  if (newUser) {
    if (newUser.companyId) await assertCompanyExists(db, newUser.companyId);
    const user = await createUser(db, newUser);
    const role = user.companyId ? `member of company ${user.companyId}` : 'admin';
    console.log(`user ${user.id} ${user.email} (${role}) created`);
  } else {
    const rows = await listUsers(db);
    if (rows.length === 0) console.log('no users');
    for (const u of rows) {
      const role = u.role === 'admin' ? 'admin' : `company ${u.companyId}`;
      const signedIn = u.lastSignInAt ? u.lastSignInAt.toISOString() : 'never';
      console.log(`${u.id}\t${u.email}\t${role}\tlast sign-in ${signedIn}\t${u.name}`);
    }
  }
});
