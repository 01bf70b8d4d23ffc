#!/usr/bin/env python3
"""Crossing error of even against adaptive sweep placement, at the same point budgets, against a
dense even reference (BENCHMARKS.md, "Adaptive against even placement").

usage: sweep_placement_accuracy.py CLI SCENARIO FROM:TO REFERENCE_POINTS N1,N2,... [compare options]
e.g.   sweep_placement_accuracy.py build/default/app/flowcast-cli \\
           samples/data-lake-etl/data-lake-etl.scenario.json 1:1000 40 6,10 --threads 1

Each run is `flowcast-cli compare --json --sweep FROM:TO:N --placement P`, timed with
/usr/bin/time. A crossing of the reference is matched with the found crossing of the same pair
of deployments nearest in log(rate); "missed" when the sweep finds none for that pair.
"""
import json
import math
import subprocess
import sys


def run(cli, scenario, rate_range, points, placement, extra):
    command = ["/usr/bin/time", "-f", "%e %U %M", cli, "compare", "--scenario", scenario,
               "--json", "--sweep", f"{rate_range}:{points}", "--placement", placement] + extra
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    wall, user, kb = done.stderr.strip().splitlines()[-1].split()
    sweep = json.loads(done.stdout)["sweep"]
    return sweep, float(wall), float(user), int(kb) / 1024


def crossings(sweep):
    return [(c["cheaperBelow"], c["cheaperAbove"], c["perDay"]) for c in sweep["crossings"]]


def main():
    cli, scenario, rate_range, reference_points, budgets = sys.argv[1:6]
    extra = sys.argv[6:]
    reference, wall, user, _ = run(cli, scenario, rate_range, reference_points, "even", extra)
    print(f"reference: even, {reference_points} points ({wall:.1f} s wall, {user:.1f} s user)")
    for below, above, rate in crossings(reference):
        print(f"  {above} cheaper than {below} above {rate:.2f} a day")
    for points in budgets.split(","):
        for placement in ("even", "adaptive"):
            sweep, wall, user, mb = run(cli, scenario, rate_range, points, placement, extra)
            found = crossings(sweep)
            errors = []
            for below, above, rate in crossings(reference):
                same = [c[2] for c in found if c[0] == below and c[1] == above]
                if not same:
                    errors.append("missed")
                    continue
                nearest = min(same, key=lambda r: abs(math.log(r / rate)))
                errors.append(f"{100 * abs(nearest - rate) / rate:.1f} %")
            predicted = [f"{p['perDay']:.4g}" for p in sweep.get("predictedCrossings", [])]
            print(f"  {placement:8} {points:>3} points: errors {', '.join(errors) or '-'}; "
                  f"found {', '.join(f'{c[2]:.4g}' for c in found) or 'none'}"
                  + (f"; predicted {', '.join(predicted) or 'none'}" if placement == "adaptive"
                     else "")
                  + f"; {wall:.1f} s wall, {user:.1f} s user, {mb:.1f} MB")


if __name__ == "__main__":
    main()
