import { createContext, useContext } from 'react';
import type { User } from '../trpc';

export const UserContext = createContext<User | null>(null);

/** The signed-in user; only used below the sign-in gate, which provides it. */
export function useUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser is used outside the sign-in gate');
  return user;
}
