import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces moved into an encoded payload, so that the codec encrypts
 * them like any other payload (a message may quote a name or an address). Loaded by path
 * (`failureConverterPath`) by workers, clients and the workflow bundle alike: it must stay free of
 * Node imports, as it runs in the workflow sandbox.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
