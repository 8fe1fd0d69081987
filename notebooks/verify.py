#!/usr/bin/env python3
"""Checks an executed copy of notebooks/seed.ipynb (notebooks/run.sh writes it).

Usage: verify.py EXECUTED.ipynb [MIN_ACCURACY]

Passes when every code cell ran (it has outputs or an execution time) without an error output,
a cell printed `test_accuracy: 0.XXXX` at MIN_ACCURACY (default 0.975) or more, and every cell
that shows an image (its source calls display(...), which the notebook uses for images only)
has an image/png output for each call, at least three in all (accuracy, loss, first test image). Prints one line per fault, the failing cell's error included, and exits 1.
"""
import json
import re
import sys

ACCURACY = re.compile(r"test_accuracy: (\d+\.\d{4})")


def text_of(value):
    return "".join(value) if isinstance(value, list) else str(value)


def faults(notebook, min_accuracy):
    found = []
    accuracies = []
    total_images = 0
    code_cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    if not code_cells:
        return ["the notebook has no code cells"]
    for number, cell in enumerate(code_cells, start=1):
        source = text_of(cell.get("source", ""))
        first_line = source.strip().splitlines()[0] if source.strip() else "(empty)"
        where = f"code cell {number} ({first_line[:60]})"
        outputs = cell.get("outputs", [])
        ran = outputs or "dotnet_repl_cellExecutionEndTime" in cell.get("metadata", {})
        if not ran:
            found.append(f"{where}: did not run")
        for output in outputs:
            kind = output.get("output_type")
            if kind == "error":
                message = [line for line in text_of(output.get("evalue", "")).strip().splitlines() if not line.startswith(("   at ", "--- End of"))]
                found.append(f"{where}: {output.get('ename', 'Error')}: {' '.join(message)}")
            elif kind == "stream":
                accuracies += [float(a) for a in ACCURACY.findall(text_of(output.get("text", "")))]
        shown = source.count("display(")
        images = sum("image/png" in o.get("data", {}) for o in outputs)
        total_images += images
        if images < shown:
            found.append(f"{where}: displays {shown} images but has {images} image/png outputs")
    if total_images < 3:
        found.append(f"{total_images} image/png outputs; the accuracy and loss plots and the first test image make at least 3")
    if not accuracies:
        found.append("no cell printed 'test_accuracy: 0.XXXX'")
    elif accuracies[-1] < min_accuracy:
        found.append(f"test_accuracy {accuracies[-1]:.4f} is below {min_accuracy:.4f}")
    return found


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = argv[1]
    min_accuracy = float(argv[2]) if len(argv) == 3 else 0.975
    try:
        with open(path, encoding="utf-8") as file:
            notebook = json.load(file)
    except (OSError, ValueError) as error:
        print(f"{path}: cannot read the executed notebook: {error}", file=sys.stderr)
        return 1
    problems = faults(notebook, min_accuracy)
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{path}: every cell ran without error, the images are image/png outputs, test_accuracy at least {min_accuracy:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
