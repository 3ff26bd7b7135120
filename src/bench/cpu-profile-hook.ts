/**
 * Loaded with `--require` into an API process that `bench:api --profile` starts: samples its CPU
 * from the start (every 200 µs) and writes the V8 profile to `BENCH_CPU_PROFILE` when the process
 * is told to stop (SIGTERM), before the application's own shutdown.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const file = process.env.BENCH_CPU_PROFILE;
if (file) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  // The in-process session answers synchronously: the profile is written before the listeners
  // that follow close the application.
  process.prependListener('SIGTERM', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
