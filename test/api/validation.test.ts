/**
 * Invalid requests over real HTTP: every one is a 400 in the one error shape, with the field path
 * and the reason, before any call to Temporal (this API's Temporal is a port nothing listens on).
 */
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../scripts/lib/free-port';
import { joiner, startApi, type RunningApi } from './support';

let api: RunningApi;
let connection: Connection;

beforeAll(async () => {
  connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  api = await startApi(new Client({ connection }), { env: { API_TEMPORAL_TIMEOUT_MS: '500' } });
});

afterAll(async () => {
  await api?.close();
  await connection?.close();
});

async function detailsOf(method: string, path: string, body: unknown) {
  const res = await api.call(method, path, { body });
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, requestId: expect.any(String) });
  return res.body.error!.details;
}

describe('joiner validation', () => {
  const cases: [string, Record<string, unknown>, { path: string; message: string }[]][] = [
    ['an unknown field', { salary: 100_000 }, [{ path: 'body.salary', message: "unknown field 'salary'" }]],
    [
      'a time zone that is not IANA',
      { timeZone: 'Central European Time' },
      [{ path: 'body.timeZone', message: 'must be an IANA time zone such as Europe/Berlin' }],
    ],
    [
      'a zone the runtime does not know',
      { timeZone: 'Europe/Atlantis' },
      [{ path: 'body.timeZone', message: 'must be an IANA time zone such as Europe/Berlin' }],
    ],
    [
      'a date that does not exist',
      { startDate: '2026-02-30' },
      [
        {
          path: 'body.startDate',
          message: 'must be a real calendar date in YYYY-MM-DD form between 1900-01-01 and 2100-12-31',
        },
      ],
    ],
    [
      'a date in another format',
      { startDate: '01/03/2026' },
      [
        {
          path: 'body.startDate',
          message: 'must be a real calendar date in YYYY-MM-DD form between 1900-01-01 and 2100-12-31',
        },
      ],
    ],
    [
      'an instant without a zone',
      { leaveAt: '2026-12-31T17:00:00' },
      [
        {
          path: 'body.leaveAt',
          message: 'must be an ISO-8601 instant with a zone between 1900 and 2100, e.g. 2026-03-02T17:00:00Z',
        },
      ],
    ],
    [
      'both leaveDate and leaveAt',
      { startDate: '2026-01-01', leaveDate: '2026-12-31', leaveAt: '2026-12-31T17:00:00Z' },
      [{ path: 'body.leaveAt', message: 'give leaveDate or leaveAt, not both' }],
    ],
    [
      'a leave before the start',
      { startDate: '2026-06-01', leaveAt: '2026-05-31T23:00:00Z', timeZone: 'UTC' },
      [
        {
          path: 'body.leaveAt',
          message:
            'the leave instant is before the start date 2026-06-01 in UTC (set leaveBeforeStart: true if intended)',
        },
      ],
    ],
    [
      'an employee id with a slash',
      { employeeId: 'E/1' },
      [{ path: 'body.employeeId', message: 'must be 1–64 of A-Z a-z 0-9 . _ -' }],
    ],
    [
      'an employee id that is too long',
      { employeeId: 'E'.repeat(65) },
      [{ path: 'body.employeeId', message: 'must be 1–64 of A-Z a-z 0-9 . _ -' }],
    ],
    ['a locale with a dash', { locale: 'en-US' }, [{ path: 'body.locale', message: 'must be a locale like en_US' }]],
    [
      'an e-mail without a domain',
      { email: 'ada@' },
      [{ path: 'body.email', message: 'must be an e-mail address (no spaces or control characters)' }],
    ],
    ['a blank name', { givenName: '   ' }, [{ path: 'body.givenName', message: 'must not be blank' }]],
    [
      'a control character',
      { title: 'A\u0000B' },
      [{ path: 'body.title', message: 'must not contain control or bidirectional-override characters (found U+0000)' }],
    ],
    [
      'a number for a string',
      { familyName: 42 },
      [{ path: 'body.familyName', message: 'Invalid input: expected string, received number' }],
    ],
    [
      'an unknown auth method',
      { authMethod: 'magic' },
      [{ path: 'body.authMethod', message: 'Invalid option: expected one of "sso"|"password"' }],
    ],
    // The black-box cases of the workflow-integrity issue: each was accepted (or a 500) before.
    [
      'a leave date in the year 9999',
      { leaveDate: '9999-12-31' },
      [
        {
          path: 'body.leaveDate',
          message: 'must be a real calendar date in YYYY-MM-DD form between 1900-01-01 and 2100-12-31',
        },
      ],
    ],
    [
      'a leave instant that is not an instant',
      { leaveAt: 'garbage' },
      [
        {
          path: 'body.leaveAt',
          message: 'must be an ISO-8601 instant with a zone between 1900 and 2100, e.g. 2026-03-02T17:00:00Z',
        },
      ],
    ],
    [
      'a zone on Mars',
      { timeZone: 'Mars/Olympus' },
      [{ path: 'body.timeZone', message: 'must be an IANA time zone such as Europe/Berlin' }],
    ],
    [
      'an e-mail with a file separator (U+001C)',
      { email: 'ada\u001c@example.com' },
      [{ path: 'body.email', message: 'must be an e-mail address (no spaces or control characters)' }],
    ],
    [
      'an e-mail with a C1 control (U+0081)',
      { email: 'ada\u0081@example.com' },
      [{ path: 'body.email', message: 'must be an e-mail address (no spaces or control characters)' }],
    ],
    [
      'an e-mail with a NUL',
      { email: 'ada@exam\u0000ple.com' },
      [{ path: 'body.email', message: 'must be an e-mail address (no spaces or control characters)' }],
    ],
    [
      'a name with a line separator (U+2028)',
      { givenName: 'Ada\u2028Lovelace' },
      [
        {
          path: 'body.givenName',
          message: 'must not contain control or bidirectional-override characters (found U+2028)',
        },
      ],
    ],
    [
      'a name with a right-to-left override (U+202E)',
      { familyName: 'Lovelace\u202Egpj.exe' },
      [
        {
          path: 'body.familyName',
          message: 'must not contain control or bidirectional-override characters (found U+202E)',
        },
      ],
    ],
    [
      'names whose derived display name would pass 256 characters',
      { givenName: 'A'.repeat(128), familyName: 'B'.repeat(128) },
      [
        { path: 'body.givenName', message: 'must be at most 127 characters' },
        { path: 'body.familyName', message: 'must be at most 127 characters' },
      ],
    ],
    [
      'the employee as their own manager',
      { employeeId: 'SELF-1', managerEmployeeId: 'SELF-1' },
      [{ path: 'body.managerEmployeeId', message: 'an employee cannot be their own manager' }],
    ],
  ];

  it.each(cases)('answers 400 for %s', async (_name, change, expected) => {
    expect(await detailsOf('POST', '/v1/employees', { ...joiner(), ...change })).toEqual(expected);
  });

  it('names every missing field', async () => {
    expect(await detailsOf('POST', '/v1/employees', { employeeId: 'E1' })).toEqual([
      { path: 'body.email', message: 'is required' },
      { path: 'body.givenName', message: 'is required' },
      { path: 'body.familyName', message: 'is required' },
      { path: 'body.timeZone', message: 'is required' },
      { path: 'body.startDate', message: 'is required' },
    ]);
  });

  it('refuses a body that is not an object', async () => {
    expect(await detailsOf('POST', '/v1/employees', [1, 2])).toEqual([
      { path: 'body', message: 'Invalid input: expected object, received array' },
    ]);
  });
});

describe('validation of the other requests', () => {
  it('refuses an empty PATCH, unknown fields and leave fields that contradict each other', async () => {
    expect(await detailsOf('PATCH', '/v1/employees/E1', {})).toEqual([
      { path: 'body', message: 'give at least one field to change' },
    ]);
    expect(await detailsOf('PATCH', '/v1/employees/E1', { startDate: '2026-01-01' })).toEqual([
      { path: 'body.startDate', message: "unknown field 'startDate'" },
      { path: 'body', message: 'give at least one field to change' },
    ]);
    expect(
      await detailsOf('PATCH', '/v1/employees/E1', { leaveDate: '2026-12-31', leaveAt: '2026-12-31T00:00:00Z' }),
    ).toEqual([{ path: 'body.leaveAt', message: 'give leaveDate or leaveAt, not both' }]);
  });

  it('refuses a bad employee id in the path', async () => {
    const res = await api.call('GET', '/v1/employees/bad%20id');
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toEqual([
      { path: 'params.employeeId', message: 'must be 1–64 of A-Z a-z 0-9 . _ -' },
    ]);
  });

  it('refuses a legal hold without a reason, and an early leave at a date that does not exist', async () => {
    expect(await detailsOf('PUT', '/v1/employees/E1/legal-hold', {})).toEqual([
      { path: 'body.reason', message: 'is required' },
    ]);
    expect(await detailsOf('POST', '/v1/employees/E1/leave', { leaveDate: '2026-13-01' })).toEqual([
      {
        path: 'body.leaveDate',
        message: 'must be a real calendar date in YYYY-MM-DD form between 1900-01-01 and 2100-12-31',
      },
    ]);
    expect(await detailsOf('POST', '/v1/employees/E1/rehire', { startDate: '2026-02-29' })).toEqual([
      {
        path: 'body.startDate',
        message: 'must be a real calendar date in YYYY-MM-DD form between 1900-01-01 and 2100-12-31',
      },
    ]);
  });

  it('refuses a batch that is not a list of at most 1000', async () => {
    expect(await detailsOf('POST', '/v1/employees/batch', { employees: [] })).toEqual([
      { path: 'body.employees', message: 'must hold at least one employee' },
    ]);
    expect(await detailsOf('POST', '/v1/employees/batch', [joiner()])).toEqual([
      { path: 'body', message: 'Invalid input: expected object, received array' },
    ]);
  });
});
