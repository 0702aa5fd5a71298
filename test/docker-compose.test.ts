import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { allVariables } from '../config/registry';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions';

/**
 * No Docker engine runs where the tests run, so docker-compose.yml and the Dockerfile are checked
 * statically: the services, their images, ports, health checks and start order, and that every
 * variable given to a Tenure service is one Tenure reads.
 */

const ROOT = join(__dirname, '..');

interface Service {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const TENURE_SERVICES = ['api', 'worker', 'workplace-emulator', 'tenure-setup'];

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, the official Temporal server and UI images, Tenure and an SMTP catcher', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['postgresql', 'temporal-schema', 'temporal', 'temporal-setup', 'temporal-ui', 'mail', ...TENURE_SERVICES].sort(),
    );
    expect(services.postgresql!.image).toMatch(/^postgres:/);
    expect(services.temporal!.image).toMatch(/^temporalio\/server:/);
    expect(services['temporal-schema']!.image).toMatch(/^temporalio\/admin-tools:/);
    expect(services['temporal-setup']!.image).toMatch(/^temporalio\/admin-tools:/);
    expect(services['temporal-ui']!.image).toMatch(/^temporalio\/ui:/);
    expect(services.mail!.image).toMatch(/^axllent\/mailpit:/);
  });

  it('builds every Tenure service from the project Dockerfile, each running a compiled entry point that exists', () => {
    for (const name of TENURE_SERVICES) {
      const service = services[name]!;
      expect(service.build).toBe('.');
      const [node, entry] = service.command!;
      expect(node).toBe('node');
      const source = entry!.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect(existsSync(join(ROOT, source))).toBe(true);
    }
  });

  it('gives Tenure services only variables Tenure reads, and points them at the other services', () => {
    const known = new Set(allVariables());
    for (const name of TENURE_SERVICES) {
      for (const key of Object.keys(services[name]!.environment ?? {})) {
        expect({ service: name, key, known: known.has(key) }).toEqual({ service: name, key, known: true });
      }
    }
    expect(services.worker!.environment).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      WORKPLACE_SCIM_URL: '${WORKPLACE_SCIM_URL:-http://workplace-emulator:4100}',
      SMTP_HOST: 'mail',
      SMTP_PORT: '1025',
    });
    expect(services.api!.environment).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      API_HOST: '0.0.0.0',
      API_PORT: '3000',
    });
    expect(services.api!.environment!.API_TOKENS).toMatch(/^\$\{API_TOKENS:\?/);
    expect(services['workplace-emulator']!.environment).toMatchObject({
      EMULATOR_HOST: '0.0.0.0',
      EMULATOR_PORT: '4100',
    });
  });

  it('gives the worker, the API and the setup the Tenure store on PostgreSQL and the required master keys', () => {
    for (const name of ['worker', 'api', 'tenure-setup']) {
      const environment = services[name]!.environment!;
      expect({ name, url: environment.TENURE_DATABASE_URL }).toEqual({
        name,
        url: expect.stringMatching(/^postgres:\/\/[^@]+@postgresql:5432\/tenure$/),
      });
      expect({ name, keys: environment.TENURE_MASTER_KEYS }).toEqual({
        name,
        keys: expect.stringMatching(/^\$\{TENURE_MASTER_KEYS:\?/),
      });
    }
    expect(services.postgresql!.volumes).toContain('./docker/postgres-init:/docker-entrypoint-initdb.d:ro');
    expect(readFileSync(join(ROOT, 'docker/postgres-init/tenure.sql'), 'utf8')).toMatch(/CREATE DATABASE tenure;/);
  });

  it("points the Temporal UI at the API's codec, sending the operator's session cookie, and lets that origin call it", () => {
    expect(services['temporal-ui']!.environment).toMatchObject({
      TEMPORAL_CODEC_ENDPOINT: 'http://localhost:3000/codec',
      TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true',
    });
    expect(services.api!.environment!.API_CODEC_ORIGINS).toBe('http://localhost:8233');
  });

  it('publishes the documented ports', () => {
    expect(services.temporal!.ports).toEqual(['7233:7233']);
    expect(services['temporal-ui']!.ports).toEqual(['8233:8080']);
    expect(services.api!.ports).toEqual(['3000:3000']);
    expect(services['workplace-emulator']!.ports).toEqual(['4100:4100']);
    expect(services.mail!.ports).toEqual(['8025:8025']);
  });

  it('has health checks on the long-running services and starts each one after what it needs', () => {
    for (const name of ['postgresql', 'temporal', 'api', 'workplace-emulator', 'mail']) {
      expect({ name, healthcheck: Boolean(services[name]!.healthcheck?.test.length) }).toEqual({
        name,
        healthcheck: true,
      });
    }
    expect(services['temporal-schema']!.depends_on).toEqual({ postgresql: { condition: 'service_healthy' } });
    expect(services.temporal!.depends_on).toEqual({
      'temporal-schema': { condition: 'service_completed_successfully' },
    });
    expect(services['temporal-setup']!.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(services['temporal-ui']!.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(services.worker!.depends_on).toEqual({
      'temporal-setup': { condition: 'service_completed_successfully' },
      'workplace-emulator': { condition: 'service_healthy' },
      mail: { condition: 'service_healthy' },
    });
    expect(services.api!.depends_on).toEqual({ 'temporal-setup': { condition: 'service_completed_successfully' } });
    expect(services['tenure-setup']!.depends_on).toEqual({
      'temporal-setup': { condition: 'service_completed_successfully' },
    });
  });

  it('registers exactly the search attributes the workflows upsert', () => {
    const declared = services['temporal-setup']!.environment!.TENURE_SEARCH_ATTRIBUTES!.split(/\s+/).filter(Boolean);
    const cliType = {
      KEYWORD: 'Keyword',
      BOOL: 'Bool',
      DATETIME: 'Datetime',
      TEXT: 'Text',
      INT: 'Int',
      DOUBLE: 'Double',
      KEYWORD_LIST: 'KeywordList',
    };
    expect(declared.sort()).toEqual(SEARCH_ATTRIBUTES.map((k) => `${k.name}=${cliType[k.type]}`).sort());
  });

  it('mounts the setup scripts and volumes it names', () => {
    expect(existsSync(join(ROOT, 'docker/temporal-schema.sh'))).toBe(true);
    expect(existsSync(join(ROOT, 'docker/temporal-setup.sh'))).toBe(true);
    expect(existsSync(join(ROOT, 'docker/dynamicconfig/development-sql.yaml'))).toBe(true);
    expect(Object.keys(compose.volumes).sort()).toEqual(['emulator-data', 'postgresql-data']);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('installs with the lockfile, builds, drops dev dependencies and runs as an unprivileged user', () => {
    expect(dockerfile).toMatch(/^FROM node:20[^\n]* AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --ignore-scripts$/m);
    expect(dockerfile).toMatch(/^RUN npm run build && npm prune --omit=dev --ignore-scripts$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
  });
});
