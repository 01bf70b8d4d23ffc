// Executions per second of aws-local-stepfunctions 3 on one definition, every Task stubbed with the
// Return / Throw entries of a Step Functions Local mock file (the same file Flowcast's benchmark
// reads), every Wait and Retry pause 0 ms. Run by BenchLocalStepFunctions with NODE_PATH at the
// peers' node_modules; prints one JSON line.
//
// usage: node local-sfn-throughput.js DEFINITION MOCKFILE MACHINE TESTCASE INPUT_JSON
//            [--executions N] [--concurrency K] [--repeat R] [--execution-name NAME]
//
// The state machine is built (and validated by the library) once, outside the timings. One
// execution is first run with its event log read, to report its status, output or error and its
// state transitions (StateEntered + StateRetried, as AWS bills them) for comparison with Flowcast.
// Then a warm-up, then N executions one after another, then N executions with K in flight
// (Promise-based: the library awaits between states, so executions interleave on one thread).
// Each timing is the best of R rounds (by wall time), the least disturbed by other processes.
'use strict';
// aws-local-stepfunctions 3 calls Promise.withResolvers (Node 22+); this machine has Node 20.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
const fs = require('fs');
const path = require('path');
const { StateMachine, ExecutionError } = require('aws-local-stepfunctions');

function usage(msg) {
  console.error(`error: ${msg}\nusage: node local-sfn-throughput.js DEFINITION MOCKFILE MACHINE TESTCASE INPUT_JSON [--executions N] [--concurrency K] [--repeat R] [--execution-name NAME]`);
  process.exit(1);
}

const pos = [];
const opt = { executions: 5000, concurrency: 16, repeat: 1, executionName: 'bench-execution' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--executions') opt.executions = Number(process.argv[++i]);
  else if (a === '--concurrency') opt.concurrency = Number(process.argv[++i]);
  else if (a === '--repeat') opt.repeat = Math.max(1, Number(process.argv[++i]));
  else if (a === '--execution-name') opt.executionName = process.argv[++i];
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else pos.push(a);
}
if (pos.length !== 5) usage('need DEFINITION MOCKFILE MACHINE TESTCASE INPUT_JSON');
const [defFile, mockFile, machineName, testCase, inputText] = pos;
const definition = JSON.parse(fs.readFileSync(defFile, 'utf8'));
const mocks = JSON.parse(fs.readFileSync(mockFile, 'utf8'));
const input = JSON.parse(inputText);

// A function returning a fresh copy of a constant JSON value: the library may modify what a Task
// returns (ResultPath), so executions must not share it. Compiled once, as cheap as a literal.
function factoryOf(value) {
  return new Function(`return ${JSON.stringify(value)};`);
}

// Mocked responses as Step Functions Local reads them: keys "0" or "1-2" (0-based invocations of
// the state within one execution, retries included); no entry for an invocation fails the
// execution; a state the test case does not mock returns its input.
const responses = new Map();
for (const [state, responseName] of Object.entries(mocks.StateMachines[machineName].TestCases[testCase])) {
  const entries = Object.entries(mocks.MockedResponses[responseName]).map(([key, outcome]) => {
    const [first, last = first] = key.split('-').map(Number);
    return outcome.Throw
      ? { first, last, error: outcome.Throw.Error, cause: outcome.Throw.Cause ?? '' }
      : { first, last, make: factoryOf(outcome.Return) };
  });
  responses.set(state, entries);
}
const taskStates = [];
const waitStates = [];
const retryStates = [];
(function collect(machine) {
  for (const [name, state] of Object.entries(machine.States)) {
    if (state.Type === 'Task') taskStates.push(name);
    if (state.Type === 'Wait') waitStates.push(name);
    if (Array.isArray(state.Retry)) retryStates.push(name);
    for (const branch of state.Branches || []) collect(branch);
    if (state.Iterator) collect(state.Iterator);
    if (state.ItemProcessor) collect(state.ItemProcessor);
  }
})(definition);

function taskError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

// Overrides for one execution: invocation counters are per execution, as in the mock file.
function overridesForOneExecution() {
  const taskResourceLocalHandlers = {};
  for (const state of taskStates) {
    const entries = responses.get(state);
    if (!entries) {
      taskResourceLocalHandlers[state] = async (taskInput) => taskInput;
      continue;
    }
    let invocation = 0;
    taskResourceLocalHandlers[state] = async () => {
      const k = invocation++;
      const entry = entries.find((e) => e.first <= k && k <= e.last);
      if (!entry) throw taskError('States.Runtime', `No mocked response for invocation ${k} of state '${state}'`);
      if (entry.make) return entry.make();
      throw taskError(entry.error, entry.cause);
    };
  }
  return { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides };
}
const waitTimeOverrides = Object.fromEntries(waitStates.map((s) => [s, 0]));
const retryIntervalOverrides = Object.fromEntries(retryStates.map((s) => [s, 0]));

// The Context Object Flowcast builds (the library fills in Execution.Input and StartTime itself).
// The library keeps no $$.State: without one, the definition's first "$$.State.EnteredTime" fails
// the execution with States.Runtime. A constant State stands in; the states that read it discard
// their result (ResultPath null), so the outputs compared with Flowcast's do not depend on it.
const account = 'arn:aws:states:us-east-1:123456789012:';
const context = {
  Execution: {
    Id: `${account}execution:${machineName}:${opt.executionName}`,
    Name: opt.executionName,
    RoleArn: 'arn:aws:iam::123456789012:role/flowcast-simulated',
  },
  State: { EnteredTime: new Date().toISOString(), Name: definition.StartAt, RetryCount: 0 },
  StateMachine: { Id: `${account}stateMachine:${machineName}`, Name: machineName },
};

const machine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });

function runOne() {
  return machine.run(input, { overrides: overridesForOneExecution(), context });
}

// The execution's end as AWS names it: SUCCEEDED, or FAILED for an ExecutionError.
async function settle(execution) {
  try {
    await execution.result;
    return 'SUCCEEDED';
  } catch (e) {
    if (e instanceof ExecutionError) return 'FAILED';
    throw e;
  }
}

async function verify() {
  const execution = runOne();
  let transitions = 0;
  const log = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered' || event.type === 'StateRetried') ++transitions;
      if (['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimeout'].includes(event.type)) break;
    }
  })();
  const out = { transitions: 0 };
  try {
    out.output = await execution.result;
    out.status = 'SUCCEEDED';
  } catch (e) {
    out.status = e instanceof ExecutionError ? 'FAILED' : 'CRASHED';
    out.error = e.cause ? e.cause.name : e.name;
    out.cause = e.cause ? e.cause.message : e.message;
  }
  await log;
  out.transitions = transitions;
  return out;
}

// CPU time of the whole process (user + system), V8's compiler and GC threads included.
function cpuSince(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function sequential(n) {
  const counts = {};
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const status = await settle(runOne());
    counts[status] = (counts[status] || 0) + 1;
  }
  return { executions: n, seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: cpuSince(cpu), statuses: counts };
}

async function concurrent(n, inFlight) {
  const counts = {};
  let next = 0;
  async function worker() {
    while (next < n) {
      ++next;
      const status = await settle(runOne());
      counts[status] = (counts[status] || 0) + 1;
    }
  }
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(inFlight, n) }, worker));
  return { executions: n, concurrency: inFlight, seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: cpuSince(cpu), statuses: counts };
}

async function best(round) {
  let fastest = null;
  for (let r = 0; r < opt.repeat; r++) {
    const timing = await round();
    if (!fastest || timing.seconds < fastest.seconds) fastest = timing;
  }
  return fastest;
}

function libraryVersion() {
  // The package's "exports" hide package.json: read it next to the resolved entry point.
  const main = require.resolve('aws-local-stepfunctions');
  return JSON.parse(fs.readFileSync(path.join(path.dirname(main), '..', 'package.json'), 'utf8')).version;
}

(async () => {
  const result = { node: process.version, library: libraryVersion() };
  result.verify = await verify();
  await sequential(Math.max(200, Math.floor(opt.executions / 5))); // warm-up: let V8 optimise
  result.sequential = await best(() => sequential(opt.executions));
  result.concurrent = await best(() => concurrent(opt.executions, opt.concurrency));
  process.stdout.write(`${JSON.stringify(result)}\n`);
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(2);
});
