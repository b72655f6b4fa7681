// '@immunotrial/sim/workers': the non-pure part of sim (worker threads, the worker bundle on disk).
export { type PoolOptions, simulateDesignParallel } from './pool.js';
export { WorkerBundleError, workerBundle } from './bundle-worker.js';
// the patient-level twin on worker threads
export { type TwinPoolOptions, simulateTwinParallel } from './twin-pool.js';
export { bundleOf } from './bundle-worker.js';
