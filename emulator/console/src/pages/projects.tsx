// The projects that hold flows or executions (/_emulator/projects), and a way to open any other.
import { useState } from 'preact/hooks';
import { href, useConsole } from '../app.tsx';
import { ErrorNotice, Section, useLoad, useTitle } from '../widgets.tsx';

const projectPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function ProjectsPage() {
  const { admin, clockVersion } = useConsole();
  const projects = useLoad(() => admin.projects(), [admin, clockVersion]);
  const [typed, setTyped] = useState('');
  useTitle('Projects');
  const valid = projectPattern.test(typed);
  return (
    <>
      <h1>Projects</h1>
      <ErrorNotice error={projects.error} title="Listing the projects" />
      <Section title="Projects in use" id="projects">
        {projects.data && projects.data.projects.length === 0 && (
          <p>
            No project has a flow yet. Create one with <code>createWorkflow</code> (any project ID will do), or
            open a project below.
          </p>
        )}
        {projects.data && projects.data.projects.length > 0 && (
          <ul class="cards">
            {projects.data.projects.map((project) => (
              <li key={project.project_id}>
                <a href={href({ page: 'flows', projectId: project.project_id })}>
                  <code>{project.project_id}</code>
                </a>
                <span class="muted">
                  {' '}· {project.flows} flow{project.flows === 1 ? '' : 's'}, {project.executions} execution{project.executions === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Open a project" id="open-project">
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (valid) location.hash = href({ page: 'flows', projectId: typed });
          }}
        >
          <label for="project-id">Project ID</label>
          <input id="project-id" value={typed} onInput={(event) => setTyped(event.currentTarget.value.trim())} aria-describedby="project-id-help" aria-invalid={typed !== '' && !valid} autocomplete="off" spellcheck={false} />
          <button type="submit" class="button" disabled={!valid}>
            Open
          </button>
          <p id="project-id-help" class="help">
            1 to 64 letters, digits, "-" or "_", as in the API's paths.
          </p>
        </form>
      </Section>
    </>
  );
}
