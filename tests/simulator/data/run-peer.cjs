#!/usr/bin/env node
// run-peer.cjs: runs one ASL definition with aws-local-stepfunctions 3 (the peer), every Task
// stubbed to return its input, for TestPeerAgreement (record-peer-runs.sh calls it). It behaves
// like ../shared/peers/run-asl.js except in the two places where that harness, not either
// interpreter, made the peer differ from Flowcast:
//  - Wait: only a Wait whose time is written in the definition (Seconds, Timestamp) is overridden
//    to 1 ms. SecondsPath / TimestampPath are read and checked by the library as AWS would (on
//    input {} they fail); when a path does resolve to a valid value, the sleep the library then
//    starts is shortened to 1 ms.
//  - Context Object: the library stamps $$.Execution.StartTime with the wall clock even when a
//    Context Object is given, so the given StartTime is made the clock it reads for that stamp.
//
// usage: node run-peer.cjs DEFINITION.(json|yaml) INPUT.json [--context FILE] [--timeout-ms N]
// Prints the final output as JSON on stdout. Exit codes: 0 succeeded, 1 usage or parse error,
// 2 failed or timed out (an outcome of the execution), 3 definition rejected by the library's
// validation, 4 the library threw something other than an execution error, 124 stopped after
// --timeout-ms (default 15000).
// The library is loaded from $FLOWCAST_PEERS_DIR (default ~/.cache/flowcast-peers), where
// ../shared/peers/peer installs it on first use.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

// The library declares node >= 22 and calls Promise.withResolvers; Node 20 lacks only that.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

function usage(message) {
  if (message) console.error('error: ' + message);
  console.error('usage: node run-peer.cjs DEFINITION INPUT.json [--context FILE] [--timeout-ms N]');
  process.exit(1);
}

const args = process.argv.slice(2);
const positional = [];
let contextFile = null;
let timeoutMs = 15000;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--context') contextFile = args[++i];
  else if (args[i] === '--timeout-ms') timeoutMs = Number(args[++i]);
  else if (args[i].startsWith('--')) usage('unknown option ' + args[i]);
  else positional.push(args[i]);
}
if (positional.length !== 2) usage('need DEFINITION and INPUT');
if (!(timeoutMs > 0)) usage('--timeout-ms needs a positive number');

const peersDir =
  process.env.FLOWCAST_PEERS_DIR || path.join(os.homedir(), '.cache', 'flowcast-peers');
const requirePeer = createRequire(path.join(peersDir, 'package.json'));
let library;
try {
  library = requirePeer('aws-local-stepfunctions');
} catch (e) {
  usage(`aws-local-stepfunctions not found in ${peersDir} (run ../shared/peers/peer once)`);
}
const { StateMachine, ExecutionError, ExecutionTimeoutError, ExecutionAbortedError } = library;

function readDocument(file) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    if (/\.ya?ml$/i.test(file)) return requirePeer('yaml').parse(text);
    throw new Error(`${file}: ${e.message}`);
  }
}

let definition, input, context;
try {
  definition = readDocument(positional[0]);
  input = readDocument(positional[1]);
  if (contextFile) context = readDocument(contextFile);
} catch (e) {
  usage(e.message);
}

// Task, Wait and Retry states by name at any depth (the library keys its overrides by name alone).
const tasks = new Set();
const literalWaits = new Set();
const pathWaits = new Set();
const retries = new Set();
(function collect(machine) {
  if (!machine || typeof machine !== 'object' || !machine.States) return;
  for (const [name, state] of Object.entries(machine.States)) {
    if (!state || typeof state !== 'object') continue;
    if (state.Type === 'Task') tasks.add(name);
    if (state.Type === 'Wait') {
      if ('SecondsPath' in state || 'TimestampPath' in state) pathWaits.add(name);
      else literalWaits.add(name);
    }
    if (Array.isArray(state.Retry)) retries.add(name);
    for (const branch of state.Branches || []) collect(branch);
    collect(state.Iterator);
    collect(state.ItemProcessor);
  }
})(definition);

// A path Wait gets no override, so the library reads and checks its path. Between reading the
// override and starting its sleep's timer the library runs synchronously (no await), so the first
// timer started in that same synchronous run is that sleep: shorten it. The flag is dropped at the
// next microtask, so a path that fails (no timer) leaves no flag behind.
const realSetTimeout = globalThis.setTimeout;
let shortenNextTimer = false;
globalThis.setTimeout = function setTimeout(callback, ms, ...rest) {
  if (shortenNextTimer) {
    shortenNextTimer = false;
    ms = 1;
  }
  return realSetTimeout.call(this, callback, ms, ...rest);
};
const waitTimeOverrides = new Proxy(
  {},
  {
    get(target, name) {
      if (pathWaits.has(name)) {
        shortenNextTimer = true;
        queueMicrotask(() => (shortenNextTimer = false));
        return undefined;
      }
      // 1 ms, not 0: with 0 a polling loop never yields to timers, so the time limit could not
      // stop it.
      return literalWaits.has(name) ? 1 : undefined;
    },
  }
);
const overrides = { taskResourceLocalHandlers: {}, waitTimeOverrides, retryIntervalOverrides: {} };
for (const name of tasks) {
  overrides.taskResourceLocalHandlers[name] = async (taskInput) => taskInput;
}
for (const name of retries) overrides.retryIntervalOverrides[name] = 0;

// The library builds each execution's Context Object (nested Parallel and Map runs too) in the
// synchronous start of StateMachine.prototype.execute, with StartTime = new Date(). While that
// start runs, a Date built without arguments is the given StartTime; Date.now() and dates built
// from a value (Wait Timestamp, Choice Timestamp rules) stay untouched.
const startTime = context?.Execution?.StartTime;
if (startTime !== undefined) {
  const WallDate = Date;
  if (Number.isNaN(new WallDate(startTime).getTime())) usage('Execution.StartTime is not a date');
  class StartDate extends WallDate {
    constructor(...values) {
      super(...(values.length ? values : [startTime]));
    }
  }
  const execute = StateMachine.prototype.execute;
  StateMachine.prototype.execute = function executeAtStartTime(...values) {
    const previous = globalThis.Date;
    globalThis.Date = StartDate;
    try {
      return execute.apply(this, values);
    } finally {
      globalThis.Date = previous;
    }
  };
}

let machine;
try {
  machine = new StateMachine(definition, {
    validationOptions: { checkArn: true, checkPaths: true },
  });
} catch (e) {
  console.error('definition rejected: ' + e.message);
  process.exit(3);
}

(async () => {
  const execution = machine.run(input, context ? { overrides, context } : { overrides });
  const timer = realSetTimeout(() => execution.abort(), timeoutMs);
  try {
    const result = await execution.result;
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    process.exit(0);
  } catch (e) {
    clearTimeout(timer);
    const cause = e.cause ? ` (cause: ${e.cause.name || ''} ${e.cause.message || e.cause})` : '';
    if (e instanceof ExecutionAbortedError) {
      console.error(`stopped after ${timeoutMs} ms (--timeout-ms)`);
      process.exit(124);
    }
    const kind = e instanceof ExecutionTimeoutError ? 'timed out' : 'failed';
    console.error(`execution ${kind}: ${e.name}: ${e.message}${cause}`);
    process.exit(e instanceof ExecutionError || e instanceof ExecutionTimeoutError ? 2 : 4);
  }
})();
