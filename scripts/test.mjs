#!/usr/bin/env node
/**
 * `npm test`: lint, typecheck, build, then every test suite, and one closing
 * line that counts real test results: "N passed, N failed, N skipped".
 *
 * A suite whose system prerequisite is missing says which package installs it
 * and is skipped (counted as skipped, never passed); with CI=true that is a
 * failure instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const OUT = '.test-output';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PREREQUISITES = {
  keychain: [
    { name: 'dbus-run-session', present: () => onPath('dbus-run-session'), install: 'sudo apt-get install dbus-x11' },
    { name: 'gnome-keyring-daemon', present: () => onPath('gnome-keyring-daemon'), install: 'sudo apt-get install gnome-keyring' },
    { name: 'gdbus', present: () => onPath('gdbus'), install: 'sudo apt-get install libglib2.0-bin' },
  ],
  chromium: [{ name: CHROMIUM, present: () => existsSync(CHROMIUM), install: 'sudo apt-get install chromium' }],
};

function missing(...groups) {
  return groups.flatMap((group) => PREREQUISITES[group]).filter((p) => !p.present()).map((p) => `${p.name} (install: ${p.install})`);
}

function step(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(title, command, args) {
  if (step(title, command, args)) return true;
  totals.failed += 1;
  notes.push(`${title} failed`);
  return false;
}

function readReport(file, kind) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (kind === 'vitest') {
    return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  return { passed: expected, failed: unexpected + flaky, skipped };
}

function count(title, counts, ok) {
  if (!counts) {
    totals.failed += 1;
    notes.push(`${title} did not report results`);
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (!ok && counts.failed === 0) {
    totals.failed += 1;
    notes.push(`${title} exited with an error`);
  }
  console.log(`--- ${title}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

/** Counts a suite that could not run for want of a system package. */
function cannotRun(title, absent) {
  const message = `${title} needs ${absent.join(', ')}`;
  if (CI) {
    totals.failed += 1;
    notes.push(`FAILED (CI=true, nothing may be skipped): ${message}`);
  } else {
    totals.skipped += 1;
    notes.push(`SKIPPED: ${message}`);
  }
  console.log(`\n!!! ${CI ? 'FAILED' : 'SKIPPED'}: ${message}`);
}

if (!existsSync('node_modules/.bin/vitest')) {
  console.error('node_modules is missing or incomplete: run "npm ci" (or "npm install") first.');
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
// The GitHub Actions workflows, offline: a typo fails here, not on GitHub.
check('workflow lint', 'node', ['scripts/lint-workflows.mjs']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const built = check('build', 'npx', ['electron-vite', 'build']);
// Electron's security checklist, statically (electronegativity, installed outside the project).
check('security scan', 'bash', ['scripts/security-scan.sh']);

const withKeychain = (command) => ['scripts/with-keychain.sh', ...command];

/** One Playwright project: in Chromium, inside the private keychain when it needs one, counted from its JSON report. */
function playwrightSuite({ title, project, keychain = false, env = {}, needs = keychain ? ['chromium', 'keychain'] : ['chromium'] }) {
  return {
    title,
    needs,
    run() {
      const file = join(OUT, `e2e-${project}.json`);
      const playwright = ['npx', 'playwright', 'test', '--project', project];
      const [command, ...args] = keychain ? withKeychain(playwright) : playwright;
      const ok = step(title, command, args, { ...env, E2E_JSON_REPORT: file });
      count(`e2e ${project}`, readReport(file, 'playwright'), ok);
    },
  };
}

/** One vitest run, inside the private keychain (or, for a `partial` suite, without it when there is none). */
function vitestSuite({ title, name, config = null, partial = false }) {
  return {
    title,
    needs: ['keychain'],
    partial,
    run(absentKeychain) {
      const file = join(OUT, `${name}.json`);
      const vitest = ['npx', 'vitest', 'run', ...(config ? ['--config', config] : []), '--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
      const [command, ...args] = absentKeychain ? vitest : withKeychain(vitest);
      const ok = step(title, command, args);
      count(name, readReport(file, 'vitest'), ok);
    },
  };
}

const suites = [
  // Without a keychain the keychain tests skip themselves (never pass); the rest still run.
  vitestSuite({ title: 'unit and integration tests (vitest)', name: 'vitest', partial: true }),
  // It stops its keyring with SIGSTOP, so it has a keychain session of its own.
  vitestSuite({ title: 'a stopped keyring stalls nothing else (vitest, real gnome-keyring)', name: 'keychain-stall', config: 'vitest.stall.config.mts' }),
  playwrightSuite({
    title: 'end-to-end tests of the UI (Playwright, Chromium, real keychain)',
    project: 'renderer',
    keychain: true,
  }),
  playwrightSuite({
    title: 'end-to-end tests of the built app: out/main and out/preload with an Electron double (Playwright, Chromium, real keychain)',
    project: 'built',
    keychain: true,
  }),
  ...['no-keychain', 'built-no-keychain'].map((project) =>
    playwrightSuite({
      title: `end-to-end tests of the UI without a reachable keychain (${project})`,
      project,
      env: { ADAPTY_E2E_NO_KEYCHAIN: '1', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/adapty-inspector-bus', DISPLAY: '' },
    }),
  ),
  playwrightSuite({
    title: 'end-to-end test of the Electron app (needs the Electron binary)',
    project: 'electron',
    needs: [],
  }),
];

for (const suite of suites) {
  if (!built) {
    notes.push(`${suite.title}: not run because the build failed`);
    continue;
  }
  const absent = missing(...suite.needs);
  if (absent.length === 0) suite.run(false);
  else if (suite.partial) {
    cannotRun(`${suite.title}: the keychain part`, absent);
    suite.run(true);
  } else cannotRun(suite.title, absent);
}

console.log('');
for (const note of notes) console.log(`* ${note}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
