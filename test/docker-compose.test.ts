import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { allVariables } from '../config/registry';
import { DYNAMIC_CONFIG_FILE } from '../scripts/lib/cluster/temporal-server-process';
import { SCHEMA_SCRIPT } from '../scripts/lib/cluster/temporal-schema';
import { TEMPORAL_SERVER_VERSION } from '../scripts/lib/temporal-server-binaries';
import { SEARCH_ATTRIBUTES } from '../workflows/contract';
import { runtimePackages } from './helpers/import-graph';

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
const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');

/**
 * Compose's variable substitution: `${NAME:-default}`, `${NAME:?error}` (fails when unset or
 * empty), `${NAME}`. What `docker compose config` would make of a value, given `env`.
 */
function substitute(value: string, env: Record<string, string> = {}): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g, (_all, name: string, op?: string, arg?: string) => {
    const set = env[name];
    if (set) return set;
    if (op === ':?') throw new Error(`${name}: ${arg}`);
    return op === ':-' ? (arg ?? '') : '';
  });
}

/** The TypeScript source of a service's compiled entry point: `node [flags] dist/….js`. */
function sourceOf(command: string[]): string {
  const entry = command.slice(1).find((arg) => !arg.startsWith('-'))!;
  return entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

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
      expect(service.command![0]).toBe('node');
      const source = sourceOf(service.command!);
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

  it('publishes only the API and the Temporal UI, on 127.0.0.1 unless TENURE_PUBLISH_ADDRESS says otherwise', () => {
    const published = Object.entries(services)
      .filter(([, service]) => service.ports?.length)
      .map(([name]) => name)
      .sort();
    expect(published).toEqual(['api', 'temporal-ui']);
    expect(services.api!.ports!.map((p) => substitute(p))).toEqual(['127.0.0.1:3000:3000']);
    expect(services['temporal-ui']!.ports!.map((p) => substitute(p))).toEqual(['127.0.0.1:8233:8080']);
    expect(services.api!.ports!.map((p) => substitute(p, { TENURE_PUBLISH_ADDRESS: '10.0.0.5' }))).toEqual([
      '10.0.0.5:3000:3000',
    ]);
    // The Temporal frontend, the emulator and Mailpit are reached on the compose network only.
    for (const name of ['temporal', 'workplace-emulator', 'mail', 'postgresql'])
      expect(services[name]!.ports).toBeUndefined();
  });

  it("turns off the Temporal UI's write actions: operators act through the API", () => {
    expect(services['temporal-ui']!.environment!.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
  });

  it('has no default PostgreSQL password and no default SCIM token: compose stops without them', () => {
    const uses = [...composeText.matchAll(/\$\{(POSTGRES_PASSWORD|WORKPLACE_ACCESS_TOKEN)([^}]*)\}/g)];
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const [whole, , rule] of uses)
      expect({ whole, required: rule!.startsWith(':?') }).toEqual({ whole, required: true });
    expect(composeText).not.toMatch(/dev-token|POSTGRES_PASSWORD: temporal\b/);
    expect(() => substitute(services.postgresql!.environment!.POSTGRES_PASSWORD!)).toThrow('POSTGRES_PASSWORD: set');
    expect(() => substitute(services.worker!.environment!.WORKPLACE_ACCESS_TOKEN!)).toThrow('WORKPLACE_ACCESS_TOKEN');
    expect(() => substitute(services['workplace-emulator']!.environment!.EMULATOR_TOKENS!)).toThrow(
      'WORKPLACE_ACCESS_TOKEN',
    );
    expect(
      substitute(services.worker!.environment!.WORKPLACE_ACCESS_TOKEN!, { WORKPLACE_ACCESS_TOKEN: 's3cret' }),
    ).toBe('s3cret');
  });

  it('lets the worker reach only the emulator over plain http', () => {
    expect(services.worker!.environment!.WORKPLACE_SCIM_ALLOW_HTTP_HOSTS).toBe('workplace-emulator');
  });

  it('pins every image to an exact version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.image || service.build) continue;
      const tag = substitute(service.image).split(':')[1] ?? '';
      // PostgreSQL versions are major.minor; the others major.minor.patch.
      expect({ name, tag, exact: /^v?\d+\.\d+(\.\d+)?$/.test(tag) }).toEqual({ name, tag, exact: true });
    }
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

  it("bounds the worker's memory as the cluster bench measured it: a heap of 256 MiB and a sticky cache of 100", () => {
    const worker = services.worker!;
    const heap = worker.command!.find((arg) => arg.startsWith('--max-old-space-size='));
    expect(heap && substitute(heap)).toBe('--max-old-space-size=256');
    expect(substitute(worker.environment!.WORKER_MAX_CACHED_WORKFLOWS!)).toBe('100');
    // Both can be changed from .env, and the flag reaches only the worker.
    expect(heap && substitute(heap, { WORKER_HEAP_MIB: '512' })).toBe('--max-old-space-size=512');
    for (const name of TENURE_SERVICES.filter((n) => n !== 'worker')) {
      expect(services[name]!.command!.some((arg) => arg.startsWith('--max-old-space-size'))).toBe(false);
    }
  });

  it('has health checks on the long-running services and starts each one after what it needs', () => {
    for (const name of ['postgresql', 'temporal', 'api', 'worker', 'workplace-emulator', 'mail']) {
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

  it("checks the worker's health on the port it serves /healthz on, and the emulator's with its token", () => {
    const port = services.worker!.environment!.WORKER_HEALTH_PORT;
    expect(port).toMatch(/^\d+$/);
    expect(services.worker!.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}/healthz`);
    expect(services['workplace-emulator']!.healthcheck!.test.join(' ')).toContain(
      "authorization:'Bearer '+process.env.EMULATOR_TOKENS",
    );
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

  it('runs the Temporal server version that npm run test:cluster builds and tests', () => {
    const tag = (image: string) => /:\$\{[A-Z_]+:-([^}]+)\}$/.exec(image)?.[1];
    expect(tag(services.temporal!.image!)).toBe(TEMPORAL_SERVER_VERSION);
    expect(tag(services['temporal-schema']!.image!)).toBe(TEMPORAL_SERVER_VERSION);
    expect(tag(services['temporal-setup']!.image!)).toBe(TEMPORAL_SERVER_VERSION);
  });

  it('sets up the schema with the script and runs the server with the dynamic config that the cluster tests use', () => {
    expect(services['temporal-schema']!.volumes).toContain('./docker:/tenure:ro');
    expect(services['temporal-schema']!.entrypoint).toEqual([
      '/bin/sh',
      `/tenure/${relative(join(ROOT, 'docker'), SCHEMA_SCRIPT)}`,
    ]);
    // Inside admin-tools the script's defaults hold: its own temporal-sql-tool and schema folder.
    const script = readFileSync(SCHEMA_SCRIPT, 'utf8');
    expect(script).toContain('"${SQL_TOOL:=temporal-sql-tool}"');
    expect(script).toContain('"${SCHEMA_DIR:=/etc/temporal/schema/postgresql/v12}"');
    const dynamicConfig = services.temporal!.environment!.DYNAMIC_CONFIG_FILE_PATH!;
    expect(services.temporal!.volumes).toContain('./docker/dynamicconfig:/etc/temporal/config/dynamicconfig:ro');
    expect(dynamicConfig.replace(/^config\/dynamicconfig\//, 'docker/dynamicconfig/')).toBe(
      relative(ROOT, DYNAMIC_CONFIG_FILE),
    );
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
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('installs with the lockfile, builds, drops dev dependencies and runs as an unprivileged user', () => {
    expect(dockerfile).toMatch(/^RUN npm ci --ignore-scripts$/m);
    expect(dockerfile).toMatch(/^RUN npm run build && npm prune --omit=dev --ignore-scripts$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
  });

  it('bundles the workflows once at build time and points the worker at the bundle', () => {
    expect(dockerfile).toMatch(/^RUN node dist\/scripts\/bundle-workflows\.js dist\/workflow-bundle\.js$/m);
    expect(dockerfile).toMatch(/^ENV WORKER_WORKFLOW_BUNDLE=\/app\/dist\/workflow-bundle\.js$/m);
    expect(existsSync(join(ROOT, 'scripts/bundle-workflows.ts'))).toBe(true);
  });

  it('runs Node 24 LTS, an exact release, the same one .ci/run tests on', () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms).toEqual(['node:24.22.3-bookworm-slim', 'node:24.22.3-bookworm-slim']);
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toContain('NODE_24=24.22.3');
  });

  it('installs exactly the packages the entry points load at run time, the dev tools not among them', () => {
    const entries = TENURE_SERVICES.map((name) => sourceOf(services[name]!.command!));
    // The worker bundles the workflows when it starts (workflowsPath), which no import shows.
    const { packages } = runtimePackages(ROOT, [...entries, 'workflows/index.ts']);
    expect(Object.keys(pkg.dependencies).sort()).toEqual(packages);
    for (const tool of ['tsx', 'yauzl', 'smtp-server', 'mailparser']) expect(pkg.devDependencies[tool]).toBeDefined();
  });

  it('keeps .env (secrets) out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.env.*', 'node_modules', '.git']));
  });
});
