#!/usr/bin/env node
// Entry point: argument parsing and wiring. Filled in as the console lands.
console.log('fluxdeck: not yet wired');
