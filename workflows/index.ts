// The only path the worker bundles.
export { directoryKeepAliveWorkflow } from './directory-keep-alive-workflow';
export { employeeLifecycleWorkflow } from './employee-lifecycle-workflow';
export { reconcileDirectoryWorkflow } from './reconcile-directory-workflow';
