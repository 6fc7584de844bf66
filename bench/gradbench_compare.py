#!/usr/bin/env python3
"""Times two GradBench tools on the same workloads and writes a Markdown table of their mean `evaluate` times.

The script plays GradBench's intermediary: it starts one of GradBench's own Python evals (from a GradBench checkout)
and both tools, forwards every message of the eval to both tools, and answers the eval with the first tool's
responses (so the eval's own validation, if any, judges tool A). Each `evaluate` message is sent `--rounds` times to
each tool, the order alternating (A B, B A, ...) so that the machine's drift hits both alike. Per response it takes
the mean of the `evaluate` timings (as GradBench's scorer does), per workload and tool the median of those means.

The first function the eval sends for a workload (its `description`) is reported as the primal, the second as the
derivative. Per eval, the last row gives the geometric mean of the ratios B / A.

Example (GradBench's manual C++ tool as A, SourceAD as B; run from anywhere):

  PYTHONPATH=/path/to/pydantic-v2-or-shim python3 bench/gradbench_compare.py --gradbench /tmp/gradbench --eval gmm \
      --tool-a "manual=python3 python/gradbench/gradbench/cpp.py manual" \
      --tool-b "sourcead=dotnet $PWD/bench/SourceAD.GradBench/bin/Release/net10.0/SourceAD.GradBench.dll" \
      --rounds 3 -- -d 2 10 -k 5 25 --min-seconds 0.5

Tools run with the GradBench checkout as their working directory (cpp.py needs it). Standard library only.
"""
import argparse
import json
import math
import os
import shlex
import statistics
import subprocess
import sys
from collections import OrderedDict


class Tool:
    """A tool process speaking GradBench's protocol: one JSON line in, one JSON line out."""

    def __init__(self, spec, cwd):
        name, sep, command = spec.partition("=")
        if not sep or not name or not command:
            raise SystemExit(f"a tool is NAME=COMMAND, not {spec!r}")
        self.name = name
        self.process = subprocess.Popen(shlex.split(command), cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def send(self, message):
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"{self.name} closed its output")
        response = json.loads(line)
        if response.get("id") != message.get("id"):
            raise SystemExit(f"{self.name} answered id {response.get('id')} to message {message.get('id')}")
        return response

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def mean_evaluate_ns(response):
    """The mean of a successful response's `evaluate` timings, or None."""
    if not response.get("success"):
        return None
    times = [t["nanoseconds"] for t in response.get("timings") or [] if t.get("name") == "evaluate"]
    return sum(times) / len(times) if times else None


def run(args):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [os.path.join(args.gradbench, "python", "gradbench"), env.get("PYTHONPATH")] if p)
    eval_process = subprocess.Popen([args.python, "-m", f"gradbench.evals.{args.eval}.run", *args.eval_args],
                                    cwd=args.gradbench, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    tools = [Tool(args.tool_a, args.gradbench), Tool(args.tool_b, args.gradbench)]
    # workload -> function -> tool name -> list of per-response means (None: the tool failed)
    results = OrderedDict()
    order = 0
    while True:
        line = eval_process.stdout.readline()
        if not line:
            break
        if not line.strip():
            continue
        message = json.loads(line)
        kind = message.get("kind")
        if kind == "evaluate":
            workload = results.setdefault(message.get("description") or "", OrderedDict())
            samples = workload.setdefault(message["function"], {t.name: [] for t in tools})
            first = None
            for _ in range(args.rounds):
                for tool in (tools if order % 2 == 0 else list(reversed(tools))):
                    response = tool.send(message)
                    samples[tool.name].append(mean_evaluate_ns(response))
                    if tool is tools[0] and first is None:
                        first = response
                order += 1
            reply = first
            print(f"{args.eval} {message['function']:<10} {message.get('description') or '':<24} "
                  + "  ".join(f"{t.name} {format_ns(median(samples[t.name]))}" for t in tools), file=sys.stderr, flush=True)
        elif kind == "analysis":
            reply = tools[0].send(message)
            if not message.get("valid"):
                print(f"{args.eval}: {tools[0].name}'s answer to {message.get('of')} was judged invalid", file=sys.stderr)
        else:
            replies = [tool.send(message) for tool in tools]
            if kind == "define" and not all(r.get("success") for r in replies):
                print(f"{args.eval}: define failed: {replies}", file=sys.stderr)
            reply = replies[0]
        eval_process.stdin.write(json.dumps(reply) + "\n")
        eval_process.stdin.flush()
    for tool in tools:
        tool.close()
    eval_process.wait()
    return [t.name for t in tools], results


def median(samples):
    return None if not samples or any(s is None for s in samples) else statistics.median(samples)


def format_ns(ns):
    if ns is None:
        return "failed"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def table(eval_name, names, results):
    a, b = names
    lines = [f"| {eval_name} workload | {a} primal | {b} primal | ratio | {a} derivative | {b} derivative | ratio |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    ratios = {"primal": [], "derivative": []}
    for workload, functions in results.items():
        cells = []
        for role, function in zip(("primal", "derivative"), list(functions)[:2]):
            ta, tb = median(functions[function][a]), median(functions[function][b])
            ratio = tb / ta if ta and tb else None
            if ratio is not None:
                ratios[role].append(ratio)
            cells += [format_ns(ta), format_ns(tb), f"**{ratio:.2f}**" if ratio is not None else "–"]
        cells += ["", "", ""] * (2 - len(cells) // 3)
        lines.append(f"| {workload} | " + " | ".join(cells) + " |")
    geomean = {role: math.exp(sum(map(math.log, r)) / len(r)) if r else None for role, r in ratios.items()}
    lines.append(f"| **geometric mean** | | | **{fmt_ratio(geomean['primal'])}** | | | **{fmt_ratio(geomean['derivative'])}** |")
    return "\n".join(lines)


def fmt_ratio(ratio):
    return f"{ratio:.2f}" if ratio is not None else "–"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gradbench", required=True, help="a GradBench checkout (the evals run from its root)")
    parser.add_argument("--eval", required=True, help="the eval, e.g. gmm")
    parser.add_argument("--tool-a", required=True, help="NAME=COMMAND of the reference tool")
    parser.add_argument("--tool-b", required=True, help="NAME=COMMAND of the tool compared with it")
    parser.add_argument("--rounds", type=int, default=3, help="how often each tool answers each evaluate message")
    parser.add_argument("--python", default=sys.executable, help="the Python that runs the eval (needs numpy etc.)")
    parser.add_argument("--output", help="also write the table to this file")
    parser.add_argument("eval_args", nargs=argparse.REMAINDER, help="after --: the eval's own arguments")
    args = parser.parse_args()
    if args.eval_args[:1] == ["--"]:
        args.eval_args = args.eval_args[1:]
    names, results = run(args)
    text = table(args.eval, names, results)
    print(text)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
