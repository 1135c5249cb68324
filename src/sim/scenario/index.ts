// Seeds a simulated cluster: the Flux controllers' workloads always, then the named scenario, then N extra
// healthy objects for scale.

import type { ScenarioName, SimContext } from '../types.js';
import { seedBigInventory } from './big-inventory.js';
import { DAY, HOUR } from './builders.js';
import { seedFluxSystem } from './flux-system.js';
import { seedOperatorScenario } from './operator.js';
import { seedRunbook } from './runbook.js';
import { seedScale } from './scale.js';
import { seedEmptyLogs } from './seed-history.js';

export { seedMalformedObjects } from './malformed.js';

export function seedScenario(
  ctx: SimContext,
  options: { scenario: ScenarioName; objects: number; inventory?: number },
): void {
  if (options.scenario === 'runbook') {
    seedRunbook(ctx);
  } else if (options.scenario === 'operator') {
    seedOperatorScenario(ctx);
  } else {
    const installedAt = ctx.clock.now() - 2 * HOUR;
    seedFluxSystem(ctx, { installedAt });
    seedEmptyLogs(ctx, installedAt);
  }
  if (options.objects > 0) seedScale(ctx, { count: options.objects, since: ctx.clock.now() - 30 * DAY });
  if ((options.inventory ?? 0) > 0) seedBigInventory(ctx, options.inventory ?? 0);
}
