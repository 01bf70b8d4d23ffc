// Times jsonata-js on the cases BenchJsonataSuite picked from the JSONata suite, the way
// BenchJsonataSuite times Flowcast: every expression compiled once outside the timing, then
// every case evaluated (and awaited, as users call it) once per round, round after round until
// SECONDS have passed and at least MIN rounds ran, after one warm-up round. Run by
// BenchJsonataSuite with NODE_PATH at the peers' node_modules.
//
// usage: node jsonata-timing.js CASES.jsonl [--seconds S] [--min-rounds MIN] [--rounds R]
//   CASES.jsonl: one {"id", "expr", "input"?, "bindings"} object a line ("input" absent: no input)
// Prints "rounds<TAB>R", then "case<TAB>id<TAB>total ns<TAB>best round's ns" for each case
// timed, and "skip<TAB>id<TAB>reason" for a case jsonata-js cannot compile or evaluate.
'use strict';
const fs = require('fs');
const jsonata = require('jsonata');

async function main() {
  const args = process.argv.slice(2);
  let seconds = 1;
  let fixedRounds = 0;
  let minRounds = 5;
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--seconds') seconds = Number(args[++i]);
    else if (args[i] === '--rounds') fixedRounds = Number(args[++i]);
    else if (args[i] === '--min-rounds') minRounds = Number(args[++i]);
    else files.push(args[i]);
  }
  const lines = fs.readFileSync(files[0], 'utf8').split('\n').filter((l) => l.length > 0);
  const cases = [];
  for (const line of lines) {
    const c = JSON.parse(line);
    try {
      c.compiled = jsonata(c.expr);
    } catch (e) {
      console.log(`skip\t${c.id}\tcompile ${e.code || e.message}`);
      continue;
    }
    cases.push(c);
  }
  // Warm-up round, which also drops the cases jsonata-js 2.2.2 rejects.
  const timed = [];
  for (const c of cases) {
    try {
      await c.compiled.evaluate(c.input, c.bindings);
      c.ns = 0n;
      c.best = -1n;
      timed.push(c);
    } catch (e) {
      console.log(`skip\t${c.id}\tevaluate ${e.code || e.message}`);
    }
  }
  const budget = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let rounds = 0;
  for (;;) {
    for (const c of timed) {
      const t0 = process.hrtime.bigint();
      await c.compiled.evaluate(c.input, c.bindings);
      const ns = process.hrtime.bigint() - t0;
      c.ns += ns;
      if (c.best < 0n || ns < c.best) c.best = ns;
    }
    ++rounds;
    const done = fixedRounds > 0 ? rounds >= fixedRounds
      : rounds >= minRounds && process.hrtime.bigint() - start >= budget;
    if (done) break;
  }
  console.log(`rounds\t${rounds}`);
  for (const c of timed) console.log(`case\t${c.id}\t${c.ns}\t${c.best}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
