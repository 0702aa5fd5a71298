import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log at WARN and above: the suite's output shows failures, not worker chatter.
Runtime.install({ logger: new DefaultLogger('WARN') });
