#!/usr/bin/env node
/**
 * `npm run lint:workflows`: validates every file in .github/workflows with
 * action-validator (@action-validator/cli, offline: the GitHub workflow schema
 * compiled to WebAssembly), one line per file, then the validator's own report
 * for each file that fails. Exits 1 on any invalid file, and also when there
 * are no workflow files or the validator is not installed: nothing passes by
 * having nothing to check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

function fail(message) {
  console.error(`lint:workflows: ${message}`);
  process.exit(1);
}

let validator;
try {
  validator = createRequire(import.meta.url).resolve('@action-validator/cli/cli.mjs');
} catch {
  fail('@action-validator/cli is not installed: run "npm ci"');
}

const files = existsSync(WORKFLOWS)
  ? readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(WORKFLOWS, name))
  : [];
if (files.length === 0) fail(`no workflow files (*.yml, *.yaml) in ${relative(ROOT, WORKFLOWS)}`);

/** The innermost errors of action-validator's report (its one_of errors nest one report per alternative). */
function leafErrors(errors) {
  return errors.flatMap((error) =>
    error.states ? error.states.flatMap((state) => leafErrors(state.errors)) : [`${error.path || '/'}: ${error.detail ?? error.title}`],
  );
}

/** One line about a failed run: the distinct errors, or what the validator printed when it is not a report. */
function summary(result) {
  try {
    const report = JSON.parse(result.stderr);
    const leaves = [...new Set(leafErrors(report.errors))];
    return `${leaves.length} error(s): ${leaves.slice(0, 3).join('; ')}${leaves.length > 3 ? '; …' : ''}`;
  } catch {
    return `validator exited with ${result.status ?? result.signal}: ${(result.stderr || result.stdout || '').trim().split('\n')[0]}`;
  }
}

const failed = [];
for (const file of files) {
  const name = relative(ROOT, file);
  const result = spawnSync(process.execPath, [validator, file], { encoding: 'utf8' });
  if (result.error) fail(`cannot run action-validator: ${result.error.message}`);
  if (result.status === 0) {
    console.log(`ok    ${name}`);
  } else {
    console.log(`FAIL  ${name}: ${summary(result)}`);
    failed.push({ name, output: (result.stderr || result.stdout).trim() });
  }
}

for (const { name, output } of failed) console.error(`\n--- action-validator ${name}\n${output}`);
console.log(`${files.length} workflow file(s): ${files.length - failed.length} valid, ${failed.length} invalid`);
process.exitCode = failed.length > 0 ? 1 : 0;
