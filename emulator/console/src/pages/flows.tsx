// A project's flows, paged as listWorkflow pages them (limit and offset, with its total).
import { useState } from 'preact/hooks';
import { href, useConsole } from '../app.tsx';
import { ErrorNotice, Section, useLoad, useTitle, utc } from '../widgets.tsx';
import { Pager } from './pager.tsx';

const pageSize = 20;

export function FlowsPage({ projectId }: { projectId: string }) {
  const { api, clockVersion } = useConsole();
  const [offset, setOffset] = useState(0);
  const flows = useLoad(() => api(projectId).listWorkflow({ limit: pageSize, offset }), [projectId, offset, clockVersion]);
  const rows = flows.data?.workflows ?? [];
  useTitle(`Flows of ${projectId}`);
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={href({ page: 'projects' })}>Projects</a> / <span aria-current="page">{projectId}</span>
      </nav>
      <h1>Flows</h1>
      <ErrorNotice error={flows.error} title="Listing the flows" />
      <Section title={`Flows of project ${projectId}`} id="flows">
        {flows.data && rows.length === 0 && <p>This project has no flows{offset > 0 ? ' on this page' : ''}.</p>}
        {rows.length > 0 && (
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">Flows, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Description</th>
                  <th scope="col">Created</th>
                  <th scope="col">ID</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((flow) => (
                  <tr key={flow.id}>
                    <td>
                      <a href={href({ page: 'flow', projectId, workflowId: flow.id })}>{flow.name}</a>
                    </td>
                    <td>{flow.description || <span class="muted">—</span>}</td>
                    <td>{utc(flow.created_time)}</td>
                    <td>
                      <code class="id">{flow.id}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager label="Flows" offset={offset} pageSize={pageSize} shown={rows.length} total={flows.data?.total} onOffset={setOffset} />
      </Section>
    </>
  );
}
