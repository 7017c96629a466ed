import { eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { companies } from '../schema/content.js';

/** `--admin` or `--company ID`, exactly one: the company's id, or undefined for an admin. */
export function companyOption(
  values: { admin?: boolean; company?: string },
  fail: (message: string) => never,
): number | undefined {
  if (Boolean(values.admin) === Boolean(values.company))
    fail('create needs exactly one of --admin or --company ID');
  if (values.company === undefined) return undefined;
  const companyId = Number(values.company);
  if (!(Number.isInteger(companyId) && companyId > 0))
    fail(`--company must be a company id, got "${values.company}"`);
  return companyId;
}

export async function assertCompanyExists(db: Database, companyId: number): Promise<void> {
  const [company] = await db.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId));
  if (!company) throw new Error(`company ${companyId} does not exist`);
}
