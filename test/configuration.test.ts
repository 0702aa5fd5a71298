import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allVariables, CONFIG_SCHEMAS } from '../config/registry';

const ROOT = join(__dirname, '..');
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** `NAME=value` lines of .env.example, and the names of its commented `# NAME=` lines. */
const assigned = new Map([...envExample.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!] as const));
const commented = new Set([...envExample.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));

describe('configuration documentation', () => {
  it('.env.example lists every variable Tenure reads, and nothing else', () => {
    const listed = [...assigned.keys(), ...commented].sort();
    expect(listed).toEqual([...allVariables()].sort());
  });

  it('.env.example gives each variable its default value', () => {
    for (const { schema } of CONFIG_SCHEMAS) {
      const defaults = schema.parse({});
      for (const [key, value] of assigned) {
        if (!(key in schema.shape)) continue;
        const parsed = schema.parse({ [key]: value });
        expect({ key, value: parsed[key] }).toEqual({ key, value: defaults[key] });
      }
    }
  });

  it('the README configuration table documents every variable', () => {
    const table = readme.slice(readme.indexOf('## Configuration'));
    for (const name of allVariables()) {
      expect({ name, documented: table.includes(`\`${name}\``) }).toEqual({ name, documented: true });
    }
  });
});
