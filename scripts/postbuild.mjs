// Make the compiled entry point executable: `npm pack` keeps the mode, and the bin must run without tsx.
import { chmodSync, existsSync } from 'node:fs';

for (const file of ['dist/cli.js', 'dist/sim/helm/main.js']) {
  if (existsSync(file)) chmodSync(file, 0o755);
}
