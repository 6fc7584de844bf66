#!/usr/bin/python3
"""The MNIST sample's training in PyTorch, for bench/README.md: the same network, data and settings.

Nielsen's [784, 30, 10] network, sigmoid layers, quadratic cost C = (1/2m)·Σ‖y − a‖², plain SGD (η = 3.0, batch 10),
on the first 8,000 of samples/data/mnist-10k's digits, then the test pass (argmax over the last 2,000). Weights and
biases uniform on ±1/√fan_in, as in the sample. One thread. Prints one line per epoch: "epoch N: T s, loss L, accuracy A"
(T covers the epoch's 800 steps and the test pass, as the sample's epoch time does).

    /usr/bin/python3 bench/mnist_pytorch.py --epochs 4 [--seed 1]
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "data", "mnist-10k")


def read_idx(name):
    with gzip.open(os.path.join(ROOT, name), "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)

    images = torch.from_numpy(read_idx("images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255.0)
    labels = torch.from_numpy(read_idx("labels-idx1-ubyte.gz").astype(np.int64))
    train_x, train_labels = images[:8000], labels[:8000]
    test_x, test_labels = images[8000:], labels[8000:]
    train_y = torch.nn.functional.one_hot(train_labels, 10).float()

    def uniform(bound, *shape):
        return ((torch.rand(*shape) * 2 - 1) * bound).requires_grad_()

    b, c = 1 / 784 ** 0.5, 1 / 30 ** 0.5
    w1, b1, w2, b2 = uniform(b, 784, 30), uniform(b, 30), uniform(c, 30, 10), uniform(c, 10)
    parameters = [w1, b1, w2, b2]
    optimizer = torch.optim.SGD(parameters, lr=3.0)
    batch = 10

    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(8000)
        total = 0.0
        for k in range(0, 8000, batch):
            index = order[k:k + batch]
            x, y = train_x[index], train_y[index]
            hidden = torch.sigmoid(x @ w1 + b1)
            output = torch.sigmoid(hidden @ w2 + b2)
            loss = 0.5 * ((output - y) ** 2).sum() / batch
            optimizer.zero_grad(set_to_none=False)
            loss.backward()
            optimizer.step()
            total += loss.item()
        with torch.no_grad():
            scores = torch.sigmoid(test_x @ w1 + b1) @ w2 + b2
            accuracy = (scores.argmax(dim=1) == test_labels).float().mean().item()
        elapsed = time.perf_counter() - start
        print(f"epoch {epoch}: {elapsed:.4f} s, loss {total / 800:.4f}, accuracy {accuracy:.4f}", flush=True)


if __name__ == "__main__":
    main()
