// The only path the worker bundles.
export { employeeLifecycleWorkflow } from './employee-lifecycle-workflow';
export { placeholderWorkflow } from './placeholder-workflow';
