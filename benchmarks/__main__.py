"""`python -m benchmarks generate|run|search|flat|serve|fuzz`: the synthetic corpus and cuaderno's benchmarks."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpus import generate_corpus
from benchmarks.fuzz import run as run_fuzz
from benchmarks.fuzz_shapes import SHAPES
from benchmarks.run import RunOptions, run

QUICK_SIZES = (100, 1_000)
FULL_SIZES = (1_000, 10_000)
FUZZ_SIZES = (16_000, 32_000, 64_000, 128_000)
REALNOTES = Path(__file__).resolve().parents[2] / "shared" / "realnotes"


def _generate(args: argparse.Namespace) -> int:
    plans = generate_corpus(Path(args.out_dir), args.notes, args.seed)
    formats = Counter(plan.format for plan in plans)
    languages = Counter(plan.lang for plan in plans)
    print(f"{len(plans)} notes in {args.out_dir}: {dict(formats)}, {dict(languages)}")
    return 0


def _run(args: argparse.Namespace) -> int:
    sizes = tuple(args.sizes) if args.sizes else QUICK_SIZES if args.quick else FULL_SIZES
    options = RunOptions(
        sizes=(sizes[0], sizes[1]),
        repeat=args.repeat,
        seed=args.seed,
        work_dir=Path(args.work_dir),
        explorer_sessions=args.explorer_sessions,
        profile=args.profile,
        keep=args.keep,
    )
    figures = run(options)
    return 0 if all(figure.passed for figure in figures) else 1


def _fuzz(args: argparse.Namespace) -> int:
    return run_fuzz(sorted(args.sizes), list(args.shapes), args.timeout)


def _search(args: argparse.Namespace) -> int:
    from benchmarks.search import run as run_search

    figures = run_search(list(args.corpora), Path(args.work_dir), Path(args.realnotes), args.seed)
    return 0 if all(figure.passed for figure in figures) else 1


def _flat(args: argparse.Namespace) -> int:
    from benchmarks.flat import run as run_flat

    figures = run_flat((args.sizes[0], args.sizes[1]), Path(args.work_dir), args.seed, args.repeat, args.keep)
    return 0 if all(figure.passed for figure in figures) else 1


def _serve(args: argparse.Namespace) -> int:
    from benchmarks.serve import run as run_serve

    figures = run_serve(list(args.corpora), Path(args.work_dir), Path(args.realnotes), args.seed, args.edits)
    return 0 if all(figure.passed for figure in figures) else 1


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate", help="write a synthetic corpus of notes")
    generate.add_argument("out_dir", help="folder to write the notes to (emptied first)")
    generate.add_argument("--notes", type=int, default=100, help="how many notes (default 100)")
    generate.add_argument("--seed", type=int, default=0, help="the same seed gives the same notes (default 0)")
    generate.set_defaults(handler=_generate)

    bench = commands.add_parser("run", help="measure every figure and print it next to its target")
    bench.add_argument("--quick", action="store_true", help=f"small sizes {QUICK_SIZES} for a smoke run")
    bench.add_argument("--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"), help=f"default {FULL_SIZES}")
    bench.add_argument("--repeat", type=int, default=1, help="builds per size and edits; medians are shown")
    bench.add_argument("--seed", type=int, default=0)
    bench.add_argument(
        "--work-dir", default=str(Path(tempfile.gettempdir()) / "cuaderno-benchmark"), help="where corpora and sites go"
    )
    bench.add_argument("--explorer-sessions", type=int, default=3, help="Chromium sessions (median shown)")
    bench.add_argument("--profile", action="store_true", help="profile one more rebuild and print cuaderno's top")
    bench.add_argument("--keep", action="store_true", help="keep the built sites in the work folder")
    bench.set_defaults(handler=_run)

    search = commands.add_parser("search", help="search box and explorer on big sites, in Chromium (issue 21)")
    search.add_argument(
        "--corpora", nargs="+", default=["DevOps", "1000", "10000"], help="realnotes collections or note counts"
    )
    search.add_argument("--realnotes", default=str(REALNOTES), help="where the real collections are")
    search.add_argument("--seed", type=int, default=0)
    search.add_argument(
        "--work-dir", default=str(Path(tempfile.gettempdir()) / "cuaderno-search-benchmark"), help="corpora and sites"
    )
    search.set_defaults(handler=_search)

    flat = commands.add_parser("flat", help="every note in one folder at two sizes: the site grows with the notes")
    flat.add_argument("--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"), default=[250, 1_000])
    flat.add_argument("--repeat", type=int, default=1, help="builds per size; medians are shown")
    flat.add_argument("--seed", type=int, default=0)
    flat.add_argument(
        "--work-dir", default=str(Path(tempfile.gettempdir()) / "cuaderno-flat-benchmark"), help="notes and sites"
    )
    flat.add_argument("--keep", action="store_true", help="keep the notes and the built sites")
    flat.set_defaults(handler=_flat)

    serve = commands.add_parser("serve", help="cuaderno serve: from saving an edit to the page served with it")
    serve.add_argument("--corpora", nargs="+", default=["DevOps", "1000"], help="realnotes collections or note counts")
    serve.add_argument("--realnotes", default=str(REALNOTES), help="where the real collections are")
    serve.add_argument("--edits", type=int, default=3, help="edits per corpus; the median is shown")
    serve.add_argument("--seed", type=int, default=0)
    serve.add_argument(
        "--work-dir", default=str(Path(tempfile.gettempdir()) / "cuaderno-serve-benchmark"), help="notes and sites"
    )
    serve.set_defaults(handler=_serve)

    fuzz = commands.add_parser("fuzz", help="pathological inputs at growing sizes: time, memory, growth exponent")
    fuzz.add_argument("--sizes", type=int, nargs="+", default=list(FUZZ_SIZES), help=f"default {FUZZ_SIZES}")
    fuzz.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=sorted(SHAPES), help="default: all")
    fuzz.add_argument("--timeout", type=float, default=60.0, help="seconds before a child is stopped (default 60)")
    fuzz.set_defaults(handler=_fuzz)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
