// Real suite global setup: say once, plainly, when the suite cannot run (every file then reports one
// skipped test naming the reason); otherwise unpack helm and kubectl before any file needs them.
import { findAssets } from './assets.js';
import { extractClients } from './clients.js';

export default function setup(): void {
  const assets = findAssets();
  if (!assets.ok) {
    console.warn(`\nreal API server suite SKIPPED: ${assets.reason}\n`);
    return;
  }
  extractClients();
}
