import { z } from 'zod';

/** The answer of `GET /v1/ledger/verify`. */
export const ledgerVerificationSchema = z
  .object({
    ok: z.boolean().meta({ description: 'Every link of the hash chain checks out' }),
    rows: z.number().int().meta({ description: 'Rows checked before the first broken link (all rows when ok)' }),
    head: z
      .object({ seq: z.number().int(), hash: z.string() })
      .nullable()
      .meta({
        description:
          'The last row that checked out. Keep it: a later head with a smaller seq, or another hash at that seq, ' +
          'means rows were cut off the end, which no chain can show by itself',
      }),
    firstBroken: z
      .object({
        seq: z.number().int(),
        problem: z.enum(['content-changed', 'previous-hash-mismatch', 'rows-missing']),
        detail: z.string(),
      })
      .optional(),
  })
  .meta({
    examples: [
      { ok: true, rows: 1204, head: { seq: 1204, hash: '9f2c…' } },
      {
        ok: false,
        rows: 2,
        head: { seq: 2, hash: '41ab…' },
        firstBroken: {
          seq: 3,
          problem: 'content-changed',
          detail: "row 3's content hashes to 5d0e…, not the stored 77c1…",
        },
      },
    ],
  });
