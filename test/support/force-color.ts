// Imported first by tests that assert on colour: chalk (under Ink) decides its colour level when it is
// first loaded, and a test worker's stdout is not a terminal.
process.env['FORCE_COLOR'] = '1';
