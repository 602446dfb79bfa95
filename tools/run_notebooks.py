#!/usr/bin/python3
"""Execute memgrpo's notebooks headless on the Deno kernel and check their outputs.

Built on nbclient. Differences from `jupyter nbconvert --execute`:

* After each cell reports idle, the runner keeps reading IOPub for a short grace period
  (default 0.2 s) and keeps the cell's late outputs: the Deno kernel sometimes publishes
  display data a few milliseconds after its idle status, and stock nbclient drops them.
* Each notebook runs with its own folder as working directory (the kernel resolves relative
  imports against it), and the project's kernelspec (notebooks/jupyter) is put on JUPYTER_PATH.
* Each notebook declares the display outputs it must produce in its metadata
  (`"memgrpo": {"expect": {"image/svg+xml": 2, "text/html": 3}}`: at least that many outputs of
  each MIME type); a code cell may also declare `"memgrpo": {"expect": ["image/svg+xml"]}`.
  A notebook without expectations, a missing output, or any cell error fails the run.
* Prints the wall time of every notebook and its slowest cell (cells numbered from 1, markdown
  included); exits 1 if any notebook failed.

Run with Debian's Python: `/usr/bin/python3 tools/run_notebooks.py [--write-executed] [NB...]`.
"""

import argparse
import asyncio
import inspect
import os
import sys
import time
from collections import Counter
from pathlib import Path
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError, DeadKernelError
from traitlets import Float

ROOT = Path(__file__).resolve().parent.parent
KERNELS_DIR = ROOT / "notebooks" / "jupyter"
DEFAULT_KERNEL = "memgrpo-deno"


class LateOutputClient(NotebookClient):
    """A NotebookClient that keeps reading a cell's outputs briefly after its idle status."""

    grace_seconds = Float(0.2, help="Seconds to keep reading IOPub after a cell's idle.").tag(
        config=True
    )

    def __init__(self, nb, **kw):
        super().__init__(nb, **kw)
        self.late_messages = 0
        self.cell_seconds = {}
        self._cell_started = 0.0
        self.on_cell_execute = self._start_clock
        self.on_cell_executed = self._stop_clock

    def _start_clock(self, cell, cell_index):
        self._cell_started = time.monotonic()

    def _stop_clock(self, cell, cell_index, execute_reply):
        self.cell_seconds[cell_index + 1] = time.monotonic() - self._cell_started

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        # Read until the cell's idle status, exactly as nbclient does ...
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        # ... then keep reading for the grace period and keep the cell's late outputs.
        deadline = time.monotonic() + self.grace_seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                msg = self.kc.iopub_channel.get_msg(timeout=remaining)
                if inspect.isawaitable(msg):
                    msg = await msg
            except Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            if msg["msg_type"] not in ("status", "execute_input"):
                self.late_messages += 1
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass


def mime_counts(outputs):
    """How many display outputs of each MIME type a list of cell outputs holds."""
    counts = Counter()
    for out in outputs:
        if out.get("output_type") in ("display_data", "execute_result"):
            counts.update(out.get("data", {}).keys())
    return counts


def expectation_problems(nb):
    """What the executed notebook lacks compared with its declared expected outputs."""
    problems = []
    expect = nb.metadata.get("memgrpo", {}).get("expect")
    if not isinstance(expect, dict) or not expect:
        return ['no expected outputs declared (notebook metadata "memgrpo": {"expect": {...}})']
    total = Counter()
    for cell in nb.cells:
        if cell.cell_type == "code":
            total.update(mime_counts(cell.get("outputs", [])))
    for mime, minimum in expect.items():
        if total[mime] < minimum:
            problems.append(f"expected at least {minimum} {mime} output(s), got {total[mime]}")
    for index, cell in enumerate(nb.cells):
        wanted = cell.metadata.get("memgrpo", {}).get("expect", [])
        have = mime_counts(cell.get("outputs", []))
        for mime in wanted:
            if have[mime] == 0:
                problems.append(f"cell {index + 1} expected a {mime} output, got {sorted(have) or 'none'}")
    return problems


def error_text(err):
    """The useful part of a cell error: the ename/evalue lines, without ANSI codes."""
    text = str(err)
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join("    " + line for line in lines[-12:])


def run_notebook(path, args):
    """Executes one notebook; returns (ok, seconds, summary)."""
    nb = nbformat.read(path, as_version=4)
    kernel = args.kernel or nb.metadata.get("kernelspec", {}).get("name") or DEFAULT_KERNEL
    client = LateOutputClient(
        nb,
        timeout=args.timeout,
        kernel_name=kernel,
        grace_seconds=args.grace,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.monotonic()
    problems = []
    try:
        client.execute()
    except CellExecutionError as err:
        problems.append("a cell raised an error:\n" + error_text(err))
    except (DeadKernelError, TimeoutError, RuntimeError) as err:
        problems.append(f"{type(err).__name__}: {err}")
    seconds = time.monotonic() - started
    if not problems:
        problems.extend(expectation_problems(nb))
    if args.write_executed:
        out = path.with_name(path.stem + ".out.ipynb")
        tmp = out.with_name(out.name + ".tmp")
        nbformat.write(nb, str(tmp))
        os.replace(tmp, out)
    counts = Counter()
    for cell in nb.cells:
        if cell.cell_type == "code":
            counts.update(mime_counts(cell.get("outputs", [])))
    slowest = max(client.cell_seconds.items(), key=lambda kv: kv[1], default=(None, 0.0))
    summary = (
        f"{len(client.cell_seconds)} cells, slowest cell {slowest[0]} {slowest[1]:.1f} s, "
        f"late outputs kept {client.late_messages}, outputs "
        + ", ".join(f"{mime}×{n}" for mime, n in sorted(counts.items()))
    )
    return problems, seconds, summary


def default_notebooks():
    """Every committed notebook under notebooks/ (not executed copies)."""
    found = sorted((ROOT / "notebooks").glob("*.ipynb"))
    return [p for p in found if not p.name.endswith((".out.ipynb", ".nbconvert.ipynb"))]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    parser.add_argument("--grace", type=float, default=0.2,
                        help="seconds to keep reading outputs after each cell's idle (default 0.2)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds a notebook should take; slower ones are flagged (default 60)")
    parser.add_argument("--kernel", default=None, help="kernel name (default: the notebook's)")
    parser.add_argument("--write-executed", action="store_true",
                        help="write each executed notebook as <name>.out.ipynb beside it")
    args = parser.parse_args(argv)

    paths = [p.resolve() for p in args.notebooks] or default_notebooks()
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    jupyter_path = os.environ.get("JUPYTER_PATH", "")
    if str(KERNELS_DIR) not in jupyter_path.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(KERNELS_DIR), jupyter_path) if p)
    locomo = os.environ.get("LOCOMO_PATH")
    if locomo and not os.path.isabs(locomo):
        # Notebooks run in their own folder: make a relative LOCOMO_PATH absolute first.
        os.environ["LOCOMO_PATH"] = os.path.abspath(locomo)

    failed = 0
    for path in paths:
        problems, seconds, summary = run_notebook(path, args)
        over = f" (over the {args.budget:.0f} s budget)" if seconds > args.budget else ""
        status = "FAIL" if problems else "ok"
        print(f"{status} {path.name} {seconds:.1f} s{over} — {summary}", flush=True)
        for problem in problems:
            print(f"  {problem}", flush=True)
        failed += bool(problems)
    print(f"notebooks: {len(paths) - failed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
