import { Link } from 'react-router';
import type { ScopePath } from '../trpc';

interface Crumb {
  label: string;
  to: string;
}

/** Where the page sits: all companies › company › project › content; the last crumb is the page. */
export function Breadcrumbs({
  path,
  linkSearch,
  showAll,
}: {
  path: ScopePath;
  linkSearch: string;
  showAll: boolean;
}) {
  const crumbs: Crumb[] = [];
  if (showAll) crumbs.push({ label: 'All companies', to: `/${linkSearch}` });
  if (path.company) crumbs.push({ label: path.company.name, to: `/company/${path.company.id}${linkSearch}` });
  if (path.project) crumbs.push({ label: path.project.name, to: `/project/${path.project.id}${linkSearch}` });
  if (path.content)
    crumbs.push({ label: path.content.title, to: `/content/${path.content.id}${linkSearch}` });
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={crumb.to}>
            {index === crumbs.length - 1 ? (
              <span aria-current="page">{crumb.label}</span>
            ) : (
              <Link to={crumb.to}>{crumb.label}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
