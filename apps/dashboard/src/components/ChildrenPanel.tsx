import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { type Scope, trpc } from '../trpc';
import { Panel, QueryView, SkeletonLines } from './Panel';

interface Child {
  key: number;
  label: string;
  to: string;
  inactive?: boolean;
}

function ChildList({ items, emptyText }: { items: Child[]; emptyText: string }) {
  if (items.length === 0) return <p className="state state-empty">{emptyText}</p>;
  return (
    <ul className="children">
      {items.map((item) => (
        <li key={item.key}>
          <Link to={item.to}>{item.label}</Link>
          {item.inactive && <span className="badge">inactive</span>}
        </li>
      ))}
    </ul>
  );
}

const skeleton = <SkeletonLines count={3} />;

function Companies({ linkSearch }: { linkSearch: string }) {
  const query = useQuery(trpc.catalog.companies.queryOptions());
  return (
    <Panel title="Companies" className="panel-wide">
      <QueryView query={query} skeleton={skeleton}>
        {(rows) => (
          <ChildList
            emptyText="No companies yet."
            items={rows.map((c) => ({ key: c.id, label: c.name, to: `/company/${c.id}${linkSearch}` }))}
          />
        )}
      </QueryView>
    </Panel>
  );
}

function Projects({ companyId, linkSearch }: { companyId: number; linkSearch: string }) {
  const query = useQuery(trpc.catalog.projects.queryOptions({ companyId }));
  return (
    <Panel title="Projects" className="panel-wide">
      <QueryView query={query} skeleton={skeleton}>
        {(rows) => (
          <ChildList
            emptyText="This company has no projects yet."
            items={rows.map((p) => ({ key: p.id, label: p.name, to: `/project/${p.id}${linkSearch}` }))}
          />
        )}
      </QueryView>
    </Panel>
  );
}

function ContentItems({ projectId, linkSearch }: { projectId: number; linkSearch: string }) {
  const query = useQuery(trpc.catalog.contentItems.queryOptions({ projectId }));
  return (
    <Panel title="AR content" className="panel-wide">
      <QueryView query={query} skeleton={skeleton}>
        {(rows) => (
          <ChildList
            emptyText="This project has no AR content yet."
            items={rows.map((c) => ({
              key: c.id,
              label: c.title,
              to: `/content/${c.id}${linkSearch}`,
              inactive: !c.isActive,
            }))}
          />
        )}
      </QueryView>
    </Panel>
  );
}

/** What the page's scope contains, to click into: companies, a company's projects, a project's content. */
export function ChildrenPanel({ scope, linkSearch }: { scope: Scope; linkSearch: string }) {
  switch (scope.kind) {
    case 'all':
      return <Companies linkSearch={linkSearch} />;
    case 'company':
      return <Projects companyId={scope.id} linkSearch={linkSearch} />;
    case 'project':
      return <ContentItems projectId={scope.id} linkSearch={linkSearch} />;
    case 'content':
      return null;
  }
}
