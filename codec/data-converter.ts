import type { DataConverter, PayloadCodec } from '@temporalio/common';

/** The module every worker, client and workflow bundle loads its failure converter from. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter of every Temporal client and worker of Tenure: payloads through the codec,
 * failure messages encoded too. Workflow bundles made ahead (`bundleWorkflowCode`) need the same
 * `failureConverterPath`.
 */
export function tenureDataConverter(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}
