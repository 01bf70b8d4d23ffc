// Times asl-validator and statelint in-process on the same files, each tool separately, so the
// figures exclude Node's start-up. Run by BenchValidateCorpus with NODE_PATH pointing at the
// peers' node_modules. Prints "tool<TAB>ms per definition" lines.
'use strict';
const fs = require('fs');
const YAML = require('yaml');
const aslValidator = require('asl-validator');
const statelint = require('@wmfs/statelint');
const files = process.argv.slice(2);
const docs = [];
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  try { docs.push(JSON.parse(text)); } catch (e) { try { docs.push(YAML.parse(text)); } catch (e2) { /* unparsable: skipped by both */ } }
}
function time(name, fn, rounds) {
  // The first pass runs cold (nothing compiled yet): what one `peer validate` run pays.
  const cold = process.hrtime.bigint();
  for (const d of docs) { try { fn(JSON.parse(JSON.stringify(d))); } catch (e) { /* counted */ } }
  const coldMs = Number(process.hrtime.bigint() - cold) / 1e6;
  console.log(`${name} (first pass)\t${(coldMs / docs.length).toFixed(3)}\t${docs.length}`);
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const d of docs) { try { fn(JSON.parse(JSON.stringify(d))); } catch (e) { /* counted */ } }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${name} (warm, ${rounds} more passes)\t${(ms / (rounds * docs.length)).toFixed(3)}\t${docs.length}`);
}
time('asl-validator', (d) => aslValidator(d, { checkArn: true, checkPaths: true }), 3);
// As `peer validate` runs it (the figure the issue quotes, 3-4 ms): a new linter for every file.
time('statelint as peer validate calls it', (d) => statelint().validate(d), 3);
// The strictest baseline: one linter reused for every file, warmed up by the JIT.
const linter = statelint();
time('statelint, one reused linter', (d) => linter.validate(d), 3);
