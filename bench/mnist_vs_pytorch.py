#!/usr/bin/python3
"""One epoch of the MNIST sample (8,000 digits, batch 10, plus the test pass) against PyTorch, interleaved.

Each round runs, one after the other: the sample (`samples/Mnist`, Release, on one core: DOTNET_PROCESSOR_COUNT=1),
bench/mnist_pytorch.py with Debian's OpenBLAS choosing its kernel, and bench/mnist_pytorch.py with
OPENBLAS_CORETYPE=Cooperlake. Each process trains --epochs epochs; its figure is the median of its epochs after the
first (which pays for JIT compilation and warm-up). The table gives the medians over the rounds, and the median of
the per-round ratios SourceAD / PyTorch.

    dotnet build -c Release samples/Mnist
    /usr/bin/python3 bench/mnist_vs_pytorch.py --rounds 7 --epochs 5 [--baseline OTHER/Mnist.dll]

PyTorch needs Debian's python3-torch and, for its matrix products, OpenBLAS as the system BLAS (libopenblas0-pthread):
with only the reference libblas3 installed, PyTorch's products run 5-10x slower.
"""
import argparse
import os
import re
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "samples", "Mnist", "bin", "Release", "net10.0", "Mnist.dll")


def epochs(command, env, pattern):
    output = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout
    times = [float(m) for m in re.findall(pattern, output)]
    accuracy = re.findall(r"(?:test accuracy|accuracy) ([0-9.]+)", output)[-1]
    return statistics.median(times[1:]), accuracy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--baseline", help="another build of the sample's Mnist.dll (an earlier commit) to time in the same rounds")
    args = parser.parse_args()
    n = str(args.epochs)
    sample_times = r"test accuracy [0-9.]+ %\s+([0-9.]+)s"
    runs = {
        "SourceAD": (["dotnet", SAMPLE, "--epochs", n, "--plot", os.devnull], {"DOTNET_PROCESSOR_COUNT": "1"}, sample_times),
        "PyTorch": (["/usr/bin/python3", os.path.join(HERE, "mnist_pytorch.py"), "--epochs", n], {}, r": ([0-9.]+) s,"),
        "PyTorch Cooperlake": (["/usr/bin/python3", os.path.join(HERE, "mnist_pytorch.py"), "--epochs", n], {"OPENBLAS_CORETYPE": "Cooperlake"}, r": ([0-9.]+) s,"),
    }
    if args.baseline:
        runs["SourceAD baseline"] = (["dotnet", args.baseline, "--epochs", n, "--plot", os.devnull], {"DOTNET_PROCESSOR_COUNT": "1"}, sample_times)
    results = {name: [] for name in runs}
    for r in range(args.rounds):
        for name, (command, env, pattern) in runs.items():
            seconds, accuracy = epochs(command, env, pattern)
            results[name].append(seconds)
            print(f"round {r + 1}: {name:20} {seconds:.4f} s per epoch (last accuracy {accuracy})", flush=True)
    print()
    print("| run | median epoch (s) | SourceAD / it (median of per-round ratios) |")
    print("| --- | ---: | ---: |")
    for name, times in results.items():
        ratios = [s / t for s, t in zip(results["SourceAD"], times)]
        print(f"| {name} | {statistics.median(times):.4f} | {statistics.median(ratios):.3f} |")


if __name__ == "__main__":
    main()
