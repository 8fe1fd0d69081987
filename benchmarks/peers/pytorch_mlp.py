#!/usr/bin/python3
"""PyTorch peer of the Handwriting trainer, for the end-to-end benchmark.

It trains the network of the Keras seed notebook (Handwriting_Recognition_NNmodel.ipynb)
the way our .NET/ILGPU trainer does, so that the two can be timed side by side:

* Model: 784 -> Linear(128) -> ReLU -> Dropout(0.2) -> Linear(10). The softmax of the
  notebook's last layer is folded into the loss: nn.CrossEntropyLoss on the logits, mean
  over the batch (= Keras' sparse categorical cross-entropy on softmax outputs).
* Initialisation: Glorot-uniform weights (nn.init.xavier_uniform_) and zero biases, the
  Keras Dense defaults.
* Optimiser: torch.optim.Adam with the Keras defaults, lr 1e-3, betas (0.9, 0.999),
  eps 1e-7. One known difference: Keras (and our trainer) add eps to the uncorrected
  sqrt(v), PyTorch to the bias-corrected sqrt(v_hat), so the Keras eps is in effect
  eps * sqrt(1 - beta2^t), smaller in early steps. It matters only where sqrt(v) ~ eps.
* Data: the raw MNIST IDX files (optionally .gz), pixels / 255. Validation is the LAST 20%
  of the 60,000 training images, taken before any shuffling (Keras' validation_split=0.2):
  48,000 train / 12,000 validation. The training part is reshuffled every epoch from
  --seed; the validation set is evaluated after every epoch, the 10,000 test images once
  at the end.
* Defaults: batch 32, 5 epochs, seed 0, as many torch threads as CPUs, one BLAS thread, on
  the CPU. --device cuda (or auto, where torch sees a GPU) puts the model and every data set on
  the GPU once, before the clock starts, and calls torch.cuda.synchronize() before every clock
  read, so that the times include the GPU's work and not only its queueing; the JSON says so.
* The loop reads nothing back per step (--read-back epoch, PyTorch at its best): the epoch's
  loss and accuracy sums stay tensors and are read once per epoch. --read-back step reads
  both with .item() after every step, as a loop that prints per-step metrics does.

Progress goes to stderr, one Keras-like line per epoch; one JSON object with the timings
and the test metrics goes to stdout.

Run it with Debian's own interpreter (python3-torch is installed for it, the python3 first
on PATH may be another one):

    /usr/bin/python3 benchmarks/peers/pytorch_mlp.py --data data/mnist

Quick check:  ... --limit 6000 --epochs 1     Options: --help.
"""

import time

PROCESS_START = time.perf_counter()  # process_seconds counts from here, before the imports

import argparse
import gzip
import json
import os
import struct
import sys
from pathlib import Path

# benchmarks/peers/pytorch_mlp.py -> repository root -> data/mnist
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "data" / "mnist"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="PyTorch peer of the Handwriting MNIST trainer.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"directory with the four MNIST IDX files, raw or .gz (default: {DEFAULT_DATA})")
    parser.add_argument("--epochs", type=int, default=5, help="training epochs (default 5)")
    parser.add_argument("--batch-size", type=int, default=32, help="mini-batch size (default 32)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seeds the initialisation, dropout and the per-epoch shuffles (default 0)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="torch intra-op and inter-op threads (default: os.cpu_count())")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="OpenBLAS threads, when OpenBLAS is the system BLAS (default 1: see the README)")
    parser.add_argument("--limit", type=int, default=None,
                        help="train on the first N images of the 48,000-image training part only "
                             "(the 12,000 validation images stay the same)")
    parser.add_argument("--device", choices=("cpu", "cuda", "auto"), default="cpu",
                        help="where the model and the data live: cpu (default), cuda, or auto (cuda when "
                             "torch sees a GPU, else cpu)")
    parser.add_argument("--read-back", choices=("epoch", "step"), default="epoch",
                        help="when the training loop reads its loss and accuracy sums back to Python: epoch "
                             "(default, PyTorch at its best: they stay tensors and are read once per epoch) or "
                             "step (loss.item() and an argmax .item() after every step, as a loop that "
                             "prints per-step metrics does)")
    parser.add_argument("--inference-passes", type=int, default=5,
                        help="timed inference passes over the test set; the median is reported (default 5)")
    args = parser.parse_args()
    for name in ("epochs", "batch_size", "threads", "blas_threads", "inference_passes"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


if __name__ == "__main__":
    # Parsed before numpy and torch load: Debian's torch does its matmuls in the system
    # BLAS, and OpenBLAS reads its thread count once, at load time; torch.set_num_threads
    # does not reach it. One BLAS thread by default: with these small matrices (32 x 784 x
    # 128) OpenBLAS' thread hand-off costs far more than it gains (on the 2-core build
    # machine, batch 32: 1.0-1.4 s per epoch with 1 BLAS thread, 6-30 s with 2).
    ARGS = parse_args()
    os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.blas_threads)

import numpy as np  # noqa: E402  (after the environment is set, on purpose)
import torch  # noqa: E402
from torch import nn  # noqa: E402

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
VALIDATION_FRACTION = 0.2


# --------------------------------------------------------------------------------------
# IDX reading
# --------------------------------------------------------------------------------------

def read_idx_bytes(directory: Path, name: str) -> tuple[Path, bytes]:
    """Returns the bytes of `name` in `directory`, falling back to `name.gz` (gunzipped)."""
    raw = directory / name
    if raw.is_file():
        return raw, raw.read_bytes()
    packed = directory / (name + ".gz")
    if packed.is_file():
        return packed, gzip.decompress(packed.read_bytes())
    raise FileNotFoundError(f"neither {raw} nor {packed} exists")


def read_images(directory: Path, name: str) -> np.ndarray:
    """IDX3 images -> float32 array (count, rows * cols), pixels scaled to [0, 1]."""
    path, data = read_idx_bytes(directory, name)
    if len(data) < 16:
        raise ValueError(f"{path}: {len(data)} bytes, too short for an IDX image header")
    magic, count, rows, cols = struct.unpack(">iiii", data[:16])  # big-endian header
    if magic != IMAGE_MAGIC:
        raise ValueError(f"{path}: magic {magic}, expected {IMAGE_MAGIC} (images)")
    expected = 16 + count * rows * cols
    if len(data) != expected:
        raise ValueError(f"{path}: {len(data)} bytes, header says {expected}")
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return pixels.astype(np.float32) / np.float32(255.0)


def read_labels(directory: Path, name: str) -> np.ndarray:
    """IDX1 labels -> int64 array (count,), each 0..9."""
    path, data = read_idx_bytes(directory, name)
    if len(data) < 8:
        raise ValueError(f"{path}: {len(data)} bytes, too short for an IDX label header")
    magic, count = struct.unpack(">ii", data[:8])
    if magic != LABEL_MAGIC:
        raise ValueError(f"{path}: magic {magic}, expected {LABEL_MAGIC} (labels)")
    if len(data) != 8 + count:
        raise ValueError(f"{path}: {len(data)} bytes, header says {8 + count}")
    labels = np.frombuffer(data, dtype=np.uint8, offset=8).astype(np.int64)
    if labels.size and labels.max() > 9:
        raise ValueError(f"{path}: label {labels.max()} out of range 0..9")
    return labels


def load_pair(directory: Path, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    images = read_images(directory, f"{prefix}-images-idx3-ubyte")
    labels = read_labels(directory, f"{prefix}-labels-idx1-ubyte")
    if len(images) != len(labels):
        raise ValueError(f"{prefix}: {len(images)} images but {len(labels)} labels")
    return images, labels


# --------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------

def build_model() -> nn.Sequential:
    """The seed network with the Keras initialisation (Glorot-uniform weights, zero biases)."""
    model = nn.Sequential(
        nn.Linear(784, 128),
        nn.ReLU(),
        nn.Dropout(0.2),
        nn.Linear(128, 10),  # logits; softmax lives in the loss
    )
    for layer in model:
        if isinstance(layer, nn.Linear):
            # Glorot bound sqrt(6 / (fan_in + fan_out)) is symmetric in the two fans, so
            # PyTorch's (out, in) weight layout draws from the same distribution as Keras' (in, out).
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return model


@torch.no_grad()
def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor, batch: int = 1000) -> tuple[float, float]:
    """Mean cross-entropy and accuracy over (x, y) in eval mode (dropout off); the sums stay tensors and are read once."""
    model.eval()
    loss_sum = torch.zeros((), dtype=torch.float64, device=x.device)
    correct = torch.zeros((), dtype=torch.int64, device=x.device)
    for start in range(0, len(x), batch):
        logits = model(x[start:start + batch])
        target = y[start:start + batch]
        loss_sum += nn.functional.cross_entropy(logits, target, reduction="sum")
        correct += (logits.argmax(dim=1) == target).sum()
    return float(loss_sum) / len(x), int(correct) / len(x)


def loaded_blas() -> tuple[str, list[str]]:
    """Which BLAS library torch's matmuls went to, read from this process's memory map.

    Debian's torch calls whatever libblas.so.3 the alternatives system points at: the
    reference (netlib) BLAS of libblas3 is an order of magnitude slower than OpenBLAS
    for this model, so the benchmark records which one it ran on."""
    torch.ones(2, 2) @ torch.ones(2, 2)  # make sure the library is loaded
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if line.rstrip().endswith(".so") or ".so." in line}
    except OSError:
        return "unknown", []
    names = ("libblas", "libopenblas", "libblis", "libmkl", "libatlas", "libsatlas", "libtatlas")
    libraries = sorted(p for p in paths if os.path.basename(p).startswith(names))
    joined = " ".join(libraries)
    if "openblas" in joined:
        kind = "openblas"
    elif "mkl" in joined:
        kind = "mkl"
    elif "blis" in joined:
        kind = "blis"
    elif "atlas" in joined:
        kind = "atlas"
    elif "/blas/libblas.so" in joined:
        kind = "reference"
    else:
        kind = "unknown"
    return kind, libraries


def peak_resident_bytes() -> int | None:
    """This process's peak resident set so far: VmHWM of /proc/self/status (Linux), else None.

    Not getrusage's ru_maxrss: a process started from a large one (bench) inherits the parent's
    high-water mark there when it execs; VmHWM belongs to this program's own memory."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024  # "VmHWM:   123456 kB"
    except (OSError, ValueError, IndexError):
        pass
    return None


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

def choose_device(requested: str) -> torch.device:
    """The device the run uses; --device cuda without a GPU torch can use is an error, not a silent CPU run."""
    if requested == "cuda" and not torch.cuda.is_available():
        sys.exit("pytorch_mlp: --device cuda: this torch sees no CUDA GPU "
                 f"(torch {torch.__version__}, built with CUDA {torch.version.cuda})")
    if requested == "cuda" or (requested == "auto" and torch.cuda.is_available()):
        return torch.device("cuda")
    return torch.device("cpu")


def main(args: argparse.Namespace) -> None:

    # Threads first: set_num_interop_threads fails once any inter-op work has started.
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.threads)
    torch.manual_seed(args.seed)  # initialisation and dropout masks
    shuffler = np.random.default_rng(args.seed)  # per-epoch permutations
    blas, blas_libraries = loaded_blas()
    device = choose_device(args.device)
    on_gpu = device.type == "cuda"
    per_step_reads = args.read_back == "step"
    device_name = torch.cuda.get_device_name(device) if on_gpu else "cpu"

    def clock() -> float:
        """perf_counter after the GPU has finished everything queued: CUDA calls return before the work is done."""
        if on_gpu:
            torch.cuda.synchronize(device)
        return time.perf_counter()

    if on_gpu:
        print(f"pytorch_mlp: on {device_name}: model and data on the GPU, "
              "torch.cuda.synchronize() before every clock read", file=sys.stderr, flush=True)
    if blas == "reference":
        print("pytorch_mlp: warning: torch is running on the reference (netlib) BLAS, about 10x "
              "slower than OpenBLAS here; `apt-get install libopenblas0` switches the system BLAS",
              file=sys.stderr, flush=True)

    # ---- data ---------------------------------------------------------------------------
    try:
        x_all, y_all = load_pair(args.data, "train")
        x_test_np, y_test_np = load_pair(args.data, "t10k")
    except (OSError, ValueError) as error:  # one line, not a traceback
        sys.exit(f"pytorch_mlp: cannot read MNIST: {error}")
    # Keras validation_split: the last 20% of the arrays, before any shuffling.
    split = int(len(x_all) * (1.0 - VALIDATION_FRACTION))
    x_train_np, y_train_np = x_all[:split], y_all[:split]
    x_val_np, y_val_np = x_all[split:], y_all[split:]
    if args.limit is not None:
        x_train_np, y_train_np = x_train_np[:args.limit], y_train_np[:args.limit]

    x_train, y_train = torch.from_numpy(np.ascontiguousarray(x_train_np)), torch.from_numpy(y_train_np)
    x_val, y_val = torch.from_numpy(np.ascontiguousarray(x_val_np)), torch.from_numpy(y_val_np)
    x_test, y_test = torch.from_numpy(x_test_np), torch.from_numpy(y_test_np)
    # Everything moves to the device once, before any clock starts (a no-op on the CPU).
    x_train, y_train = x_train.to(device), y_train.to(device)
    x_val, y_val = x_val.to(device), y_val.to(device)
    x_test, y_test = x_test.to(device), y_test.to(device)
    n_train = len(x_train)
    steps = (n_train + args.batch_size - 1) // args.batch_size  # last batch may be partial, as in Keras

    # ---- model ---------------------------------------------------------------------------
    model = build_model().to(device)
    loss_fn = nn.CrossEntropyLoss()  # mean over the batch
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)

    # ---- training ------------------------------------------------------------------------
    epoch_seconds: list[float] = []        # whole epoch: shuffle + train steps + validation
    epoch_train_seconds: list[float] = []  # shuffle + train steps only
    epoch_train_cpu_seconds: list[float] = []  # CPU time of all threads over the same span
    history: list[dict] = []
    train_start = clock()
    for epoch in range(1, args.epochs + 1):
        epoch_start = clock()
        cpu_start = time.process_time()
        model.train()

        # One gather per epoch, then the batches are contiguous views of the shuffled copy.
        order = torch.from_numpy(shuffler.permutation(n_train)).to(device)
        xs, ys = x_train[order], y_train[order]

        # Keras reports the running mean over the epoch's samples, with dropout active. With
        # --read-back epoch the sums stay tensors and are read once, after the last step: a
        # .item() per step waits for the GPU on CUDA, and on the CPU it still costs (issue 23:
        # two per step took the 5 epochs from 6.3 s to 11.9 s on one thread).
        loss_sum = torch.zeros((), dtype=torch.float64, device=device)
        correct = torch.zeros((), dtype=torch.int64, device=device)
        loss_read, correct_read = 0.0, 0  # --read-back step: the sums, read after every step
        for step in range(steps):
            xb = xs[step * args.batch_size:(step + 1) * args.batch_size]
            yb = ys[step * args.batch_size:(step + 1) * args.batch_size]
            logits = model(xb)
            loss = loss_fn(logits, yb)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                if per_step_reads:
                    loss_read += loss.item() * len(yb)
                    correct_read += (logits.argmax(dim=1) == yb).sum().item()
                else:
                    loss_sum.add_(loss.detach(), alpha=len(yb))
                    correct.add_((logits.argmax(dim=1) == yb).sum())
        if per_step_reads:
            loss_sum, correct = loss_read, correct_read
        loss_sum, correct = float(loss_sum), int(correct)  # the epoch's one read back
        train_done = clock()
        cpu_done = time.process_time()

        val_loss, val_acc = evaluate(model, x_val, y_val)
        epoch_end = clock()

        epoch_train_seconds.append(train_done - epoch_start)
        epoch_train_cpu_seconds.append(cpu_done - cpu_start)
        epoch_seconds.append(epoch_end - epoch_start)
        record = {
            "epoch": epoch,
            "loss": loss_sum / n_train,
            "accuracy": correct / n_train,
            "val_loss": val_loss,
            "val_accuracy": val_acc,
        }
        history.append(record)
        print(f"Epoch {epoch}/{args.epochs} - {epoch_seconds[-1]:.1f}s"
              f" - loss: {record['loss']:.4f} - accuracy: {record['accuracy']:.4f}"
              f" - val_loss: {val_loss:.4f} - val_accuracy: {val_acc:.4f}",
              file=sys.stderr, flush=True)
    train_seconds = clock() - train_start

    # ---- test and inference --------------------------------------------------------------
    test_loss, test_acc = evaluate(model, x_test, y_test)  # also warms up the inference path
    print(f"test_loss: {test_loss:.4f} - test_accuracy: {test_acc:.4f}", file=sys.stderr, flush=True)

    # Our `train` does no such timing, so bench takes this span out of the peer's whole process.
    inference_start = time.perf_counter()
    inference_batch = 1000
    model.eval()
    pass_seconds = []
    with torch.no_grad():
        for _ in range(args.inference_passes):
            start = clock()
            for i in range(0, len(x_test), inference_batch):
                model(x_test[i:i + inference_batch]).argmax(dim=1)  # predictions, as a caller would want
            pass_seconds.append(clock() - start)
    inference_seconds = float(np.median(pass_seconds))
    inference_total_seconds = time.perf_counter() - inference_start

    result = {
        "peer": "pytorch",
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "python_version": sys.version.split()[0],
        "device": device.type,
        "device_name": device_name,
        "synchronized": on_gpu,  # torch.cuda.synchronize() before every clock read
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "blas": blas,
        "blas_libraries": blas_libraries,
        "blas_threads": args.blas_threads,  # meaningful for OpenBLAS; netlib BLAS is single-threaded
        "read_back": args.read_back,  # when the training loop read its sums back: every "epoch" or every "step"
        "seed": args.seed,
        "batch_size": args.batch_size,
        "epochs": args.epochs,
        "train_images": n_train,
        "validation_images": len(x_val),
        "test_images": len(x_test),
        "steps_per_epoch": steps,
        "train_seconds": train_seconds,
        "epoch_seconds": epoch_seconds,
        "epoch_train_seconds": epoch_train_seconds,
        # On a shared machine wall time includes waiting for a core; CPU time does not (but
        # it does include torch's worker threads spin-waiting between operations).
        "epoch_train_cpu_seconds": epoch_train_cpu_seconds,
        "train_images_per_second": n_train * args.epochs / sum(epoch_train_seconds),
        "inference_batch_size": inference_batch,
        "inference_passes": args.inference_passes,
        "inference_seconds": inference_seconds,
        "inference_images_per_second": len(x_test) / inference_seconds,
        "inference_total_seconds": inference_total_seconds,  # every timed pass: bench leaves it out of the whole process
        "peak_rss_bytes": peak_resident_bytes(),
        "history": history,
        "test_loss": test_loss,
        "test_accuracy": test_acc,
        "process_seconds": time.perf_counter() - PROCESS_START,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(ARGS)
