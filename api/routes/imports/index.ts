import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseMapping, type ColumnMapping } from '../../../imports/mapping';
import { silentProgress } from '../../../imports/progress';
import { runImport } from '../../../imports/run-import';
import { ApiError } from '../../errors';
import { errorResponses } from '../../schemas/errors';
import { importBodySchema, importQuerySchema, importResponse, SHIPPED_MAPPINGS } from '../../schemas/imports';
import { injectPort } from './inject-port';

const CSV = 'text/csv';
const JSON_LINES = ['application/x-ndjson', 'application/jsonl'];

/** The shipped mappings, read once (examples/<name>/mapping.json beside the code, as the repository lays it out). */
function shippedMappings(): Map<string, ColumnMapping> {
  const root = join(__dirname, '..', '..', '..', 'examples');
  const mappings = new Map<string, ColumnMapping>();
  for (const name of SHIPPED_MAPPINGS) {
    try {
      mappings.set(name, parseMapping(readFileSync(join(root, name, 'mapping.json'), 'utf8')));
    } catch {
      // Not shipped with this build (a dist without examples/): a request naming it is a 400.
    }
  }
  return mappings;
}

/** The export's media type: CSV or JSON lines; anything else is a 415. */
function mediaTypeOf(request: FastifyRequest): string {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== CSV && !JSON_LINES.includes(type)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the export as text/csv or application/x-ndjson');
  }
  return type;
}

/** `POST /v1/imports`: an HR export diffed and applied (or dry-run) as API requests, in-process. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { batchDeadlineMs, temporalTimeoutMs, batchBodyLimit, batchConcurrency } = app.apiConfig;
  const mappings = shippedMappings();
  app.addContentTypeParser([CSV, ...JSON_LINES], { parseAs: 'string', bodyLimit: batchBodyLimit }, (_r, body, done) =>
    done(null, body),
  );
  app.post(
    '/imports',
    {
      config: { roles: ['hr'], timeoutMs: batchDeadlineMs + temporalTimeoutMs },
      // Before the body is validated: a JSON body is the wrong kind of file, not an invalid one.
      // Without any body, validation answers (400: the body is required).
      preValidation: async (request) => {
        if (request.headers['content-type'] !== undefined || request.body !== undefined) mediaTypeOf(request);
      },
      bodyLimit: batchBodyLimit,
      schema: {
        tags: ['imports'],
        security: [{ bearerAuth: [] }],
        summary: 'Import an HR export',
        description:
          'The body is the export itself: CSV (text/csv, RFC 4180, UTF-8 with or without a BOM) or JSON lines ' +
          '(application/x-ndjson). Each row is diffed against Tenure (joiner, mover, leave set/moved/removed, ' +
          'rehire, unchanged, conflict, invalid, each with its line) and applied with the same request an HR system ' +
          'would send (POST /v1/employees, PATCH, …/rehire), under the caller’s token and an Idempotency-Key from ' +
          'the file’s hash and the line: the same file again changes nothing. With mode=snapshot the active ' +
          'employees missing from the file leave (held by the brake like any bulk leave). Invalid or conflicting ' +
          'rows hold the whole file back (422) unless skipInvalid=true. Rows not started by the deadline ' +
          '(API_BATCH_DEADLINE_MS) answer not-started: send the file again. Large files: use `npx tenure import`.',
        consumes: [CSV, ...JSON_LINES],
        querystring: importQuerySchema,
        body: importBodySchema,
        response: {
          200: importResponse.meta({ description: 'Every row with its outcome, and the summary' }),
          ...errorResponses(400, 401, 403, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const type = mediaTypeOf(request);
      const { mapping: name, mode, dryRun, skipInvalid, leaveDate, leaveAt } = request.query;
      const mapping = name ? mappings.get(name) : undefined;
      if (name && !mapping)
        throw new ApiError('VALIDATION_FAILED', `the ${name} mapping is not installed with this build`);
      const deadline = Date.now() + batchDeadlineMs;
      const report = await runImport(injectPort(app, request), request.body, {
        format: type === CSV ? 'csv' : 'jsonl',
        ...(mapping ? { mapping } : {}),
        mode,
        dryRun,
        skipInvalid,
        ...(leaveDate ? { snapshotLeave: { leaveDate } } : leaveAt ? { snapshotLeave: { leaveAt } } : {}),
        concurrency: batchConcurrency,
        progress: silentProgress,
        shouldStop: () => Date.now() >= deadline,
      });
      if (report.fileProblems.length > 0) {
        throw new ApiError(
          'VALIDATION_FAILED',
          'the file is malformed: nothing was imported',
          report.fileProblems.map((p) => ({ path: `line ${p.line}`, message: p.message })),
        );
      }
      if (report.summary.stopped === 'invalid-rows') {
        const details = report.rows.flatMap((row) =>
          row.kind === 'invalid'
            ? (row.problems ?? []).map((message) => ({ path: `line ${row.line}`, message }))
            : row.kind === 'conflict'
              ? [
                  {
                    path: row.line !== undefined ? `line ${row.line}` : `employee ${row.employeeId}`,
                    message: row.note ?? 'conflict',
                  },
                ]
              : [],
        );
        throw new ApiError(
          'IMPORT_REFUSED',
          'the file has invalid or conflicting rows: nothing was applied (fix them, or skipInvalid=true)',
          details,
        );
      }
      return reply.code(200).send(report);
    },
  );
};
