import type { Executor } from '../database.js';

const userColumns = [
  'users.id',
  'users.organization_id',
  'users.email',
  'users.first_name',
  'users.last_name',
  'users.role',
  'users.listed_in_directory',
  'users.inserted_at',
  'users.updated_at',
  'principals.handle',
] as const;

export function findUserById(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('principals', 'principals.id', 'users.id')
    .select(userColumns)
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function insertUser(
  db: Executor,
  values: {
    id: string;
    organization_id: string;
    email: string;
    first_name: string | null;
    last_name: string | null;
    role?: 'user' | 'admin';
  },
) {
  await db.insertInto('users').values(values).execute();
}

export function updateUserNames(
  db: Executor,
  id: string,
  patch: { first_name?: string | null; last_name?: string | null },
) {
  return db
    .updateTable('users')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .executeTakeFirst();
}
