// The only path the worker bundles.
export { placeholderWorkflow } from './placeholder-workflow';
