// Bench-only: put in front of entrypoints/background.ts by modules/bench-hooks.ts (`wxt build --mode bench`).
// The measurements load after the worker started, as they always did, and wait on globalThis for run.ts.
void Promise.all([import('./storage-hooks'), import('./pack-hooks')]).then(([{ storageBench }, { packBench }]) =>
  Object.assign(globalThis, { dmsStorageBench: storageBench, dmsPackBench: packBench }),
);
