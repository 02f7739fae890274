#!/usr/bin/env node
/**
 * The verdict of the static security scan (scripts/security-scan.sh runs the
 * scanner and hands its output here). Reads electronegativity's findings table
 * and the section "Accepted scanner findings" of SECURITY.md, the one list of
 * findings the project accepts, each with its reason.
 *
 *   - a HIGH finding fails, always (no entry in SECURITY.md can accept one);
 *     NODE_INTEGRATION_JS_CHECK counts as HIGH whatever the scanner says (it
 *     rates an explicit `nodeIntegration: true` INFORMATIONAL);
 *   - a MEDIUM finding fails unless SECURITY.md accepts its check ID in its
 *     file; each entry accepts one finding, so a second one of the same check
 *     in the same file fails until it is reviewed and listed too;
 *   - a file the scanner could not parse fails: it was not scanned;
 *   - LOW and INFORMATIONAL findings are shown, never gating.
 *
 * The serious findings are counted straight from the table's severity lines and
 * must match the rows parsed from it, so a parsing slip stops the gate rather
 * than passing it.
 *
 * Usage: node scripts/security-scan-gate.mjs <scanner output> <SECURITY.md> <scanned folder, as given to --input>
 * Exit: 0 passed, 1 failed (each finding named), 2 cannot judge (output or SECURITY.md not understood).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, posix, relative } from 'node:path';

const SECTION = 'Accepted scanner findings';
const GATING = new Set(['HIGH', 'MEDIUM']);
const SEVERITY_LINE = /^(HIGH|MEDIUM|LOW|INFORMATIONAL) \| (\w+)$/;
/** Checks this project treats as HIGH at any severity: Node.js in a renderer is never acceptable (checklist item 2). */
const ALWAYS_HIGH = new Set(['NODE_INTEGRATION_JS_CHECK']);

function cannotJudge(message) {
  console.log(`security scan: cannot judge: ${message}`);
  process.exit(2);
}

const [rawFile, policyFile, scanned] = process.argv.slice(2);
if (!rawFile || !policyFile || !scanned) cannotJudge('usage: security-scan-gate.mjs <scanner output> <SECURITY.md> <scanned folder>');

// eslint-disable-next-line no-control-regex -- the scanner colours its output
const output = readFileSync(rawFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
const lines = output.split(/\r?\n/);

/** The file as SECURITY.md names it: relative to the repository, e.g. src/main/electron/window.ts ("N/A" for a global check). */
const inRepo = (file) => (file === 'N/A' ? file : posix.normalize(posix.join(scanned, file)));

/** Every finding in the table: { id, file, location, severity, confidence }. */
function readTable() {
  const start = lines.findIndex((line) => line.startsWith('┌'));
  if (start === -1) return null;
  const end = lines.findIndex((line, i) => i > start && line.startsWith('└'));
  if (end === -1) cannotJudge('the findings table has no end');
  const table = lines.slice(start, end + 1);

  const blocks = [];
  let block = null;
  for (const line of table) {
    if (/^[┌├└]/.test(line)) {
      if (block) blocks.push(block);
      block = [];
    } else if (line.startsWith('│')) {
      block?.push(line.split('│').slice(1, -1).map((cell) => cell.trim()));
    } else if (line.trim() !== '') {
      cannotJudge(`a line inside the findings table is not part of it: "${line}"`);
    }
  }
  // The first block is the header row (Check ID, Affected File, Location, Issue Description).
  const findings = blocks.slice(1).map((rows) => {
    const [first, ...rest] = rows;
    if (!first || first.length < 3 || !/^[A-Z0-9_]+$/.test(first[0])) cannotJudge(`a row of the findings table is not understood: ${JSON.stringify(rows)}`);
    const severities = rest.map((cells) => SEVERITY_LINE.exec(cells[0])).filter(Boolean);
    if (severities.length !== 1) cannotJudge(`the finding ${first[0]} in ${first[1]} has ${severities.length} severity lines instead of one`);
    return { id: first[0], file: inRepo(first[1]), location: first[2], severity: severities[0][1], confidence: severities[0][2] };
  });

  // Counted independently of the parse above: every severity line in the table.
  const counted = table.filter((line) => /\b(HIGH|MEDIUM) \|/.test(line)).length;
  const parsed = findings.filter((finding) => GATING.has(finding.severity)).length;
  if (counted !== parsed) cannotJudge(`the table has ${counted} HIGH/MEDIUM lines but ${parsed} were read from its rows`);
  return findings;
}

/** The entries of SECURITY.md's "Accepted scanner findings" table: { id, file, line }. */
function readAccepted() {
  let text;
  try {
    text = readFileSync(policyFile, 'utf8');
  } catch (error) {
    cannotJudge(`${policyFile} cannot be read (${error.code ?? error.message}); it lists the accepted findings`);
  }
  const policy = text.split(/\r?\n/);
  const heading = policy.findIndex((line) => new RegExp(`^#{2,3} ${SECTION}\\s*$`).test(line));
  if (heading === -1) cannotJudge(`${policyFile} has no "## ${SECTION}" section`);
  const level = /^#+/.exec(policy[heading])[0].length;
  const entries = [];
  let header = true;
  for (let i = heading + 1; i < policy.length; i++) {
    const line = policy[i];
    const next = /^(#+) /.exec(line);
    if (next && next[1].length <= level) break;
    if (!line.startsWith('|')) continue;
    if (/^\|[\s:|-]+\|\s*$/.test(line)) continue; // the separator under the header
    if (header) {
      header = false; // the header row: | Check | File | Why it is accepted |
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const id = /^`([A-Z0-9_]+)`$/.exec(cells[0] ?? '');
    const file = /^`([^`]+)`$/.exec(cells[1] ?? '');
    if (!id || !file || !(cells[2] ?? '').trim()) {
      cannotJudge(`${policyFile}:${i + 1}: an accepted finding must read | \`CHECK_ID\` | \`src/path/file.ts\` | reason |`);
    }
    entries.push({ id: id[1], file: posix.normalize(file[1]), line: i + 1, used: false });
  }
  return entries;
}

const unparsed = lines
  .map((line) => /^Error parsing (.+) - (.*)$/.exec(line))
  .filter(Boolean)
  .map((match) => ({ file: isAbsolute(match[1]) ? relative(process.cwd(), match[1]) : match[1], message: match[2] }));

const findings = readTable();
if (findings === null && !lines.some((line) => line.includes('No issues were found.'))) {
  cannotJudge('the output has neither a findings table nor "No issues were found."');
}
const accepted = readAccepted();

for (const finding of findings ?? []) {
  if (ALWAYS_HIGH.has(finding.id) && finding.severity !== 'HIGH') {
    console.log(`${finding.id} in ${finding.file}:${finding.location} is ${finding.severity} to the scanner and HIGH to this gate`);
    finding.severity = 'HIGH';
  }
}

const failures = [];
for (const finding of findings ?? []) {
  if (!GATING.has(finding.severity)) continue;
  const where = `${finding.file}:${finding.location}`;
  const what = `${finding.id} (${finding.severity}) in ${where}`;
  if (finding.severity === 'HIGH') {
    failures.push(`${what}: HIGH findings are never accepted; fix it`);
    continue;
  }
  const entry = accepted.find((candidate) => !candidate.used && candidate.id === finding.id && candidate.file === finding.file);
  if (entry) {
    entry.used = true;
    console.log(`accepted (${policyFile}:${entry.line}): ${what}`);
  } else {
    failures.push(`${what}: not explained in ${policyFile} ("${SECTION}"); fix it, or add it there with the reason`);
  }
}
for (const { file, message } of unparsed) failures.push(`${file} could not be parsed, so it was not scanned: ${message}`);
for (const entry of accepted.filter((candidate) => !candidate.used)) {
  console.log(`note: ${policyFile}:${entry.line} accepts ${entry.id} in ${entry.file}, which this scan did not report: remove the entry if it is gone for good`);
}

if (failures.length > 0) {
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(`security scan: FAILED, ${failures.length} problem(s) above`);
  process.exit(1);
}
const used = accepted.filter((entry) => entry.used).length;
console.log(`security scan: passed, no HIGH finding and no MEDIUM finding beyond the ${used} accepted in ${policyFile}`);
