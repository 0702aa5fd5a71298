import fc from 'fast-check';
import { parse } from 'scim2-parse-filter';
import { eqFilter } from '../../../activities/scim/filter';

/** The comparison value of `attr eq <value>`, read back as the JSON string RFC 7644 says it is. */
function valueOf(filter: string): unknown {
  const literal = filter.slice(filter.indexOf(' eq ') + 4);
  return JSON.parse(literal);
}

describe('eqFilter', () => {
  it('quotes a plain value', () => {
    expect(eqFilter('userName', 'ada@example.com')).toBe('userName eq "ada@example.com"');
  });

  it('escapes double quotes and backslashes as JSON does', () => {
    expect(eqFilter('externalId', 'a"b\\c')).toBe('externalId eq "a\\"b\\\\c"');
  });

  it('escapes control characters so the filter stays on one line', () => {
    expect(eqFilter('externalId', 'a\nb\tc')).toBe('externalId eq "a\\nb\\tc"');
  });

  it('keeps any string value intact through quoting', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(valueOf(eqFilter('externalId', value))).toBe(value);
      }),
    );
  });

  it('writes a filter a SCIM filter parser reads as an eq comparison of that attribute', () => {
    expect(parse(eqFilter('userName', 'o"neil@example.com'))).toEqual({
      op: 'eq',
      attrPath: 'userName',
      compValue: 'o"neil@example.com',
    });
  });

  it('accepts sub-attributes and URN-qualified attribute paths', () => {
    expect(eqFilter('name.familyName', 'x')).toBe('name.familyName eq "x"');
    expect(eqFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', '7')).toBe(
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"',
    );
  });

  it.each(['', 'user name', 'userName) or (id', '1abc', 'a"b'])('refuses the attribute path %j', (path) => {
    expect(() => eqFilter(path, 'x')).toThrow(TypeError);
  });
});
