import { demoLinks, employeesQuery, temporalWorkflowUrl } from '../../demo/links';

const config = {
  apiUrl: 'http://127.0.0.1:3000',
  temporalUiUrl: 'http://localhost:8233',
  namespace: 'default',
  emulatorUrl: 'http://127.0.0.1:4100',
  emulatorToken: 'dev-token',
  sinkUrl: 'http://127.0.0.1:8025',
};

describe('demo links', () => {
  it("filter the Temporal UI's workflow list to the demo's employees through its query parameter", () => {
    const [list] = demoLinks(config, [
      { name: 'Ada', employeeId: 'DEMO-X-1' },
      { name: 'Grace', employeeId: 'DEMO-X-2' },
    ]);
    const url = new URL(list!.url);
    expect(url.pathname).toBe('/namespaces/default/workflows');
    expect(url.searchParams.get('query')).toBe('EmployeeId IN ("DEMO-X-1", "DEMO-X-2")');
  });

  it('escape quotes in a visibility query', () => {
    expect(employeesQuery(['a"b'])).toBe('EmployeeId IN ("a\\"b")');
  });

  it("open a run's history when the run is known, and the workflow (its latest run) otherwise", () => {
    expect(temporalWorkflowUrl(config, 'E1', 'r-1')).toBe(
      'http://localhost:8233/namespaces/default/workflows/employee-E1/r-1/history',
    );
    expect(temporalWorkflowUrl(config, 'E1')).toBe('http://localhost:8233/namespaces/default/workflows/employee-E1');
  });

  it('point at the mail sink and the emulator users', () => {
    const urls = demoLinks(config, []).map((l) => l.url);
    expect(urls).toEqual(expect.arrayContaining(['http://127.0.0.1:8025/', 'http://127.0.0.1:4100/_emulator/users']));
  });
});
