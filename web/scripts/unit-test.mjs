// Compiles lib/ and test/ with tsc (CommonJS, into .test-build/) and runs them with node's
// built-in test runner: no test framework to install, a few seconds on a small machine.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.test-build');
rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.test.json')], { stdio: 'inherit' });
const tests = readdirSync(join(outDir, 'test')).filter((f) => f.endsWith('.test.js')).map((f) => join(outDir, 'test', f));
execFileSync(process.execPath, ['--test', '--test-reporter=spec', ...tests], { stdio: 'inherit' });
