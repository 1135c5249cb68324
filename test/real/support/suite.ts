// One real API server per test file: started in beforeAll (a start failure fails every test of the file,
// never passes them), stopped in afterAll. Without KUBEBUILDER_ASSETS the file registers one skipped test
// whose name says why, so a run without the binaries is visibly "skipped", not silently green.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { findAssets } from './assets.js';
import { Envtest, type EnvtestOptions } from './envtest.js';

export function realSuite(title: string, options: EnvtestOptions, body: (env: () => Envtest) => void): void {
  const assets = findAssets();
  if (!assets.ok) {
    describe(title, () => {
      it.skip(`skipped: no real API server — ${assets.reason}`, () => {});
    });
    return;
  }
  describe(title, () => {
    let env: Envtest | undefined;
    let failure: unknown;
    beforeAll(async () => {
      try {
        env = await Envtest.start(assets, options);
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    afterAll(async () => {
      await env?.stop();
    });
    body(() => {
      if (!env) {
        throw new Error(
          `the real API server did not start: ${failure instanceof Error ? failure.message : String(failure)}`,
        );
      }
      return env;
    });
  });
}
