import { ERROR_SCHEMA } from './schemas';

/** The `scimType` error codes of RFC 7644 §3.12. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** The RFC 7644 §3.12 error body; `status` is a string, as the RFC's examples show. */
export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** A failure the SCIM routes answer with an RFC 7644 §3.12 error body. */
export class ScimError extends Error {
  override name = 'ScimError';

  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
  ) {
    super(detail);
  }

  /** The response body for this error. */
  toBody(): ScimErrorBody {
    return scimErrorBody(this.status, this.detail, this.scimType);
  }
}

/** Builds an RFC 7644 §3.12 error body. */
export function scimErrorBody(status: number, detail: string, scimType?: ScimType): ScimErrorBody {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** 400 with a `scimType`: the most common rejection. */
export const badRequest = (scimType: ScimType, detail: string) => new ScimError(400, scimType, detail);

/** 404 for a resource that does not exist. */
export const notFound = (detail: string) => new ScimError(404, undefined, detail);
