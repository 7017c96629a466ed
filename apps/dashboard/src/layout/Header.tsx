import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { meOptions } from '../auth/RequireUser';
import { useUser } from '../auth/UserContext';
import { rangeFromSearch, rangeToSearch } from '../lib/range';
import { trpc } from '../trpc';

export function Header() {
  const user = useUser();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        queryClient.removeQueries(trpc.analytics.pathFilter());
        queryClient.removeQueries(trpc.catalog.pathFilter());
        queryClient.setQueryData(meOptions().queryKey, null);
        navigate('/sign-in', { replace: true });
      },
    }),
  );
  const home = user.role === 'member' && user.companyId !== null ? `/company/${user.companyId}` : '/';
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link to={`${home}${rangeToSearch(rangeFromSearch(search))}`} className="brand">
        <span className="brand-mark" aria-hidden="true" />
        ARV Analytics
      </Link>
      <div className="site-user">
        <span className="user-name" title={user.email}>
          {user.name || user.email}
        </span>
        <button
          type="button"
          className="button button-small"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          Sign out
        </button>
      </div>
    </header>
  );
}
