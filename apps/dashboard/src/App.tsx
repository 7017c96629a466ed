import { Link, Navigate, Outlet, Route, Routes, useLocation, useParams } from 'react-router';
import { RequireUser } from './auth/RequireUser';
import { SignInPage } from './auth/SignInPage';
import { useUser } from './auth/UserContext';
import { Header } from './layout/Header';
import { parseId, type ScopeKind } from './lib/scope';
import { ScopePage } from './pages/ScopePage';

/** Admins start with everything; a member starts with its own company. */
function Overview() {
  const user = useUser();
  const { search } = useLocation();
  if (user.role === 'member' && user.companyId !== null) {
    return <Navigate to={{ pathname: `/company/${user.companyId}`, search }} replace />;
  }
  return <ScopePage key="all" scope={{ kind: 'all' }} />;
}

function ScopeRoute({ kind }: { kind: Exclude<ScopeKind, 'all'> }) {
  const id = parseId(useParams().id);
  if (id === null) return <NotFound />;
  // A new scope is a new page: its panels start from skeletons, never from another scope's figures.
  return <ScopePage key={`${kind}-${id}`} scope={{ kind, id }} />;
}

function NotFound() {
  return (
    <main className="page" id="main">
      <div className="panel notice">
        <h1>Page not found</h1>
        <p>
          <Link to="/">Back to the overview</Link>
        </p>
      </div>
    </main>
  );
}

function SignedInLayout() {
  return (
    <RequireUser>
      <Header />
      <Outlet />
    </RequireUser>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<SignedInLayout />}>
        <Route index element={<Overview />} />
        <Route path="company/:id" element={<ScopeRoute kind="company" />} />
        <Route path="project/:id" element={<ScopeRoute kind="project" />} />
        <Route path="content/:id" element={<ScopeRoute kind="content" />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
