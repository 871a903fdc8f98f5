// Installs the web client's npm dependencies for the Maven build: `npm ci` from the committed
// package-lock.json (or `npm install` where there is no lock yet). `npm ci` wipes node_modules
// and reinstalls, which costs tens of seconds on a small machine, so it is skipped when
// node_modules was installed from this exact lock file by an earlier build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.sluice-lock-sha256');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(lock)) {
  console.log('[web] no package-lock.json: npm install');
  execFileSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  process.exit(0);
}
const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('[web] node_modules matches package-lock.json: skipping npm ci');
  process.exit(0);
}
console.log('[web] npm ci');
execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
writeFileSync(stamp, hash + '\n');
