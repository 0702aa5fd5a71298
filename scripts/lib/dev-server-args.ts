import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeDefinition } from './search-attribute-types';

const CLI_TYPE: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** `--search-attribute Name=Type` flags of `temporal server start-dev` for the given keys. */
export function searchAttributeFlags(keys: readonly SearchAttributeDefinition[]): string[] {
  return keys.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE[key.type]}`]);
}

export interface DevServerOptions {
  ip: string;
  port: number;
  uiPort: number;
  /** the SQLite file that persists the server; in memory without one */
  dbFilename?: string;
  /** without the Web UI */
  headless?: boolean;
  namespace: string;
  searchAttributes: readonly SearchAttributeDefinition[];
  /** the codec server the Web UI decodes payloads through (Tenure's API `/codec`) */
  uiCodecEndpoint?: string;
}

/** Arguments for a persistent dev server with the Web UI and Tenure's search attributes. */
export function devServerArgs(o: DevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    o.ip,
    '--port',
    String(o.port),
    '--ui-port',
    String(o.uiPort),
    ...(o.dbFilename ? ['--db-filename', o.dbFilename] : []),
    ...(o.headless ? ['--headless'] : []),
    '--namespace',
    o.namespace,
    // The dev server logs every poll interruption at WARN on shutdown; errors are what matter here.
    '--log-level',
    'error',
    ...searchAttributeFlags(o.searchAttributes),
    ...(o.uiCodecEndpoint ? ['--ui-codec-endpoint', o.uiCodecEndpoint] : []),
  ];
}
