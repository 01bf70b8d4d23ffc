#!/usr/bin/env python3
"""SimFaaS's warm-pool model in SimPy, for BenchWarmPool (issue 3, section 7).

Poisson arrivals (0.9/s); a request takes the most recently freed idle instance and runs for
Exp(1.991 s), or starts a new instance whose whole service time is Exp(2.244 s) (SimFaaS's cold
start); an instance idle for 600 s expires. Written the usual SimPy way: one generator process
per request, a list of idle instances, and one expiry process per idle period (it retires the
instance only if nobody took it meanwhile).

Prints one JSON line: wall and CPU seconds of the run (start-up excluded), events, time-weighted average
instances and running instances, P(cold). Needs SimPy 3 or 4 (Debian: python3-simpy3).
"""
import argparse
import json
import random
import time

import simpy


class Instance:
    __slots__ = ("idle_since",)

    def __init__(self):
        self.idle_since = None


class WarmPool:
    def __init__(self, env, rng, warm_mean, cold_mean, keep_alive):
        self.env = env
        self.rng = rng
        self.warm_rate = 1.0 / warm_mean
        self.cold_rate = 1.0 / cold_mean
        self.keep_alive = keep_alive
        self.idle = []  # newest at the end
        self.instances = 0
        self.running = 0
        self.requests = 0
        self.colds = 0
        self.instance_area = 0.0
        self.running_area = 0.0
        self.last = 0.0

    def _advance(self):
        now = self.env.now
        self.instance_area += self.instances * (now - self.last)
        self.running_area += self.running * (now - self.last)
        self.last = now

    def request(self):
        self._advance()
        self.requests += 1
        if self.idle:
            instance = self.idle.pop()
            instance.idle_since = None
            service = self.rng.expovariate(self.warm_rate)
        else:
            self.colds += 1
            instance = Instance()
            self.instances += 1
            service = self.rng.expovariate(self.cold_rate)
        self.running += 1
        yield self.env.timeout(service)
        self._advance()
        self.running -= 1
        instance.idle_since = self.env.now
        self.idle.append(instance)
        self.env.process(self.expire(instance, self.env.now))

    def expire(self, instance, idle_since):
        yield self.env.timeout(self.keep_alive)
        if instance.idle_since == idle_since:  # still idle since then: it expires
            self._advance()
            self.idle.remove(instance)
            self.instances -= 1


def source(env, pool, rng, rate):
    while True:
        yield env.timeout(rng.expovariate(rate))
        env.process(pool.request())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--horizon", type=float, default=1e6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    env = simpy.Environment()
    pool = WarmPool(env, rng, warm_mean=1.991, cold_mean=2.244, keep_alive=600.0)
    env.process(source(env, pool, rng, 0.9))
    start = time.perf_counter()
    cpu_start = time.process_time()
    env.run(until=args.horizon)
    cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - start
    pool._advance()
    # SimPy numbers every event it schedules (Environment._eid); those still pending at the
    # horizon are few.
    events = next(env._eid) if hasattr(env, "_eid") else None
    print(json.dumps({
        "simpy": simpy.__version__,
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "events": events,
        "requests": pool.requests,
        "average_instances": pool.instance_area / args.horizon,
        "average_running": pool.running_area / args.horizon,
        "p_cold": pool.colds / pool.requests,
    }))


if __name__ == "__main__":
    main()
