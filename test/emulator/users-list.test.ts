import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { call, CORE_USER, createUser, expectScimError, LIST_RESPONSE, SEARCH_REQUEST, userBody } from './support';

let em: RunningEmulator;
const ids: string[] = [];
beforeAll(async () => {
  em = await startEmulator({ port: 0 });
  for (let n = 1; n <= 7; n++) ids.push((await createUser(em, userBody(n))).id as string);
});
afterAll(() => em.close());

const q = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`;

describe('paging', () => {
  it('returns a ListResponse with 1-based startIndex, totalResults and itemsPerPage', async () => {
    const res = await call(em, 'GET', '/Users?startIndex=1&count=3');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 7, itemsPerPage: 3, startIndex: 1 });
    expect(res.body.Resources.map((u: { id: string }) => u.id)).toEqual(ids.slice(0, 3));
  });

  it('pages in a stable order, ending with a partial page', async () => {
    const pages = [];
    for (const start of [1, 4, 7]) pages.push((await call(em, 'GET', `/Users?startIndex=${start}&count=3`)).body);
    expect(pages.map((p) => p.itemsPerPage)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.Resources.map((u: { id: string }) => u.id))).toEqual(ids);
  });

  it('answers totalResults with no Resources for count=0', async () => {
    const res = await call(em, 'GET', '/Users?count=0');
    expect(res.body).toMatchObject({ totalResults: 7, itemsPerPage: 0, Resources: [] });
  });

  it('treats startIndex below 1 as 1 and a negative count as 0 (RFC 7644 §3.4.2.4)', async () => {
    expect((await call(em, 'GET', '/Users?startIndex=0&count=2')).body).toMatchObject({
      startIndex: 1,
      itemsPerPage: 2,
    });
    expect((await call(em, 'GET', '/Users?startIndex=-5&count=-1')).body).toMatchObject({
      startIndex: 1,
      itemsPerPage: 0,
    });
  });

  it('returns an empty page past the end', async () => {
    const res = await call(em, 'GET', '/Users?startIndex=50');
    expect(res.body).toMatchObject({ totalResults: 7, itemsPerPage: 0, startIndex: 50, Resources: [] });
  });

  it('answers 400 invalidValue for a count that is not an integer', async () => {
    expectScimError(await call(em, 'GET', '/Users?count=ten'), 400, 'invalidValue');
  });
});

describe('page size limit', () => {
  let big: RunningEmulator;
  beforeAll(async () => {
    big = await startEmulator({ port: 0 });
    for (let n = 0; n < 105; n++) big.store.create({ attributes: { userName: `u${n}@example.com` } });
  });
  afterAll(() => big.close());

  it('caps a page at the advertised maximum of 100, with or without count', async () => {
    const advertised = (await call(big, 'GET', '/ServiceProviderConfig')).body.filter.maxResults;
    expect(advertised).toBe(100);
    expect((await call(big, 'GET', '/Users?count=500')).body).toMatchObject({ totalResults: 105, itemsPerPage: 100 });
    expect((await call(big, 'GET', '/Users')).body).toMatchObject({ totalResults: 105, itemsPerPage: 100 });
  });
});

describe('filters', () => {
  it('finds a user by userName, case-insensitively', async () => {
    const res = await call(em, 'GET', q('userName eq "EMPLOYEE3@example.COM"'));
    expect(res.body).toMatchObject({ totalResults: 1, Resources: [{ id: ids[2] }] });
  });

  it('finds a user by externalId, case-exactly', async () => {
    expect((await call(em, 'GET', q('externalId eq "E4"'))).body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: ids[3] }],
    });
    expect((await call(em, 'GET', q('externalId eq "e4"'))).body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('answers an empty ListResponse when nothing matches', async () => {
    const res = await call(em, 'GET', q('userName eq "nobody@example.com"'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      schemas: [LIST_RESPONSE],
      totalResults: 0,
      itemsPerPage: 0,
      startIndex: 1,
      Resources: [],
    });
  });

  it('accepts case-insensitive attribute names and operators, and the URN-prefixed attribute', async () => {
    for (const filter of ['USERNAME EQ "employee5@example.com"', `${CORE_USER}:userName eq "employee5@example.com"`])
      expect((await call(em, 'GET', q(filter))).body.Resources[0]?.id).toBe(ids[4]);
  });

  it('decodes escaped quotes and backslashes in the compared string', async () => {
    const quoted = await createUser(em, userBody('q', { externalId: 'a"b\\c' }));
    const res = await call(em, 'GET', q('externalId eq "a\\"b\\\\c"'));
    expect(res.body.Resources.map((u: { id: string }) => u.id)).toEqual([quoted.id]);
    const trailing = await createUser(em, userBody('t', { externalId: 'ends\\' }));
    expect((await call(em, 'GET', q('externalId eq "ends\\\\"'))).body.Resources[0]?.id).toBe(trailing.id);
  });

  it('decodes percent-encoding, including +, & and = inside the value', async () => {
    const plus = await createUser(em, userBody('p', { userName: 'first+tag@example.com', externalId: 'a&b=c' }));
    expect((await call(em, 'GET', q('userName eq "first+tag@example.com"'))).body.Resources[0]?.id).toBe(plus.id);
    expect((await call(em, 'GET', q('externalId eq "a&b=c"'))).body.Resources[0]?.id).toBe(plus.id);
    // A space written as '+' in a query string is a space.
    const res = await call(em, 'GET', '/Users?filter=externalId+eq+%22E1%22');
    expect(res.body.Resources[0]?.id).toBe(ids[0]);
  });

  it('pages a filtered result like any other', async () => {
    const res = await call(em, 'GET', `${q('externalId eq "E1"')}&count=0`);
    expect(res.body).toMatchObject({ totalResults: 1, itemsPerPage: 0 });
  });

  it.each([
    ['another attribute', 'displayName eq "x"'],
    ['another operator', 'userName co "employee"'],
    ['a presence test', 'userName pr'],
    ['a logical expression', 'userName eq "a" and externalId eq "b"'],
    ['a value that is not a string', 'externalId eq 12'],
    ['a value path', 'emails[type eq "work"]'],
  ])('answers 400 invalidFilter for %s', async (_label, filter) => {
    expectScimError(await call(em, 'GET', q(filter)), 400, 'invalidFilter');
  });

  it.each([
    ['userName eq'],
    ['userName eq "unterminated'],
    ['(userName eq "x"'],
    ['userName eq "bad \\q escape"'],
    [''],
  ])('answers 400 invalidFilter for the unparsable %j', async (filter) => {
    expectScimError(await call(em, 'GET', q(filter)), 400, 'invalidFilter');
  });
});

describe('POST /Users/.search', () => {
  it('runs the same query from a SearchRequest body', async () => {
    const res = await call(em, 'POST', '/Users/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'externalId eq "E2"',
      attributes: ['userName'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 1, Resources: [{ id: ids[1], userName: 'employee2@example.com' }] });
    expect(res.body.Resources[0].name).toBeUndefined();
  });

  it('answers 400 invalidSyntax without the SearchRequest schema', async () => {
    expectScimError(await call(em, 'POST', '/Users/.search', { filter: 'externalId eq "E2"' }), 400, 'invalidSyntax');
  });
});
