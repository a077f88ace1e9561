// How the benchmarks start `rcm ingest` in a process of its own: as users run it, with the Node flags of
// bin/rcm.cjs's shebang (and `npm run rcm`) and the one-thread pool bin/rcm.cjs gives an ingest.

/** Node's flags for `rcm`. */
export const RCM_NODE_FLAGS = ['--max-semi-space-size=4'];

/** The environment of an ingest: libuv's pool of one thread (bin/rcm.cjs sets it before anything loads). */
export const INGEST_ENV: NodeJS.ProcessEnv = { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '1' };
