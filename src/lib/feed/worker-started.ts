import { WORKER_STARTED, type WorkerStartedMessage } from '../protocol/worker-started';

// Imported first by feed.worker.ts, so this runs before any other module of the worker: the page
// waits for it before its first mount (client/feed-worker.ts).
const started: WorkerStartedMessage = { type: WORKER_STARTED };
self.postMessage(started);
