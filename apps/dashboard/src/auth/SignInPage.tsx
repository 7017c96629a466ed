import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { errorMessage, trpc } from '../trpc';
import { meOptions } from './RequireUser';

/** Only a path on this site: `next` must not send a signed-in user elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function SignInPage() {
  const [search] = useSearchParams();
  const queryClient = useQueryClient();
  const me = useQuery(meOptions());
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: ({ user }) => {
        // The previous user's figures must not show for a moment under the new one.
        queryClient.removeQueries(trpc.analytics.pathFilter());
        queryClient.removeQueries(trpc.catalog.pathFilter());
        queryClient.setQueryData(meOptions().queryKey, user);
      },
    }),
  );

  useEffect(() => {
    document.title = 'Sign in · ARV Analytics';
  }, []);

  if (me.data) return <Navigate to={safeNext(search.get('next'))} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') });
  };

  return (
    <main className="page page-narrow" id="main">
      <form className="panel sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
        <p className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          ARV Analytics
        </p>
        <h1 id="sign-in-title">Sign in</h1>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {signIn.isError && (
          <p className="form-error" role="alert">
            {errorMessage(signIn.error)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
