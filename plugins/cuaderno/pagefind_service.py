"""The Pagefind binary in its service mode (`pagefind --service`), spoken to directly.

The `pagefind` package's own client sleeps 0.1 s before reading each answer,
which makes 20,000 records more than half an hour; this one writes the
requests while a thread reads the answers as they come. The binary is the
package's (`pagefind[bin]`), found by its `get_executable`. The protocol:
each message is base64 JSON followed by a comma, both ways.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

Answer = dict[str, Any]
SILENCE = 300.0  # seconds without an answer before the service is given up


def _message_id(answer: Answer) -> int | None:
    """The request an answer is for; a request the service could not read is named in its error's message."""
    if answer.get("message_id") is not None:
        return int(answer["message_id"])
    original = (answer.get("payload") or {}).get("original_message")
    try:
        sent = json.loads(original) if isinstance(original, str) else None
    except ValueError:
        return None
    return int(sent["message_id"]) if isinstance(sent, dict) and sent.get("message_id") is not None else None


class PagefindError(RuntimeError):
    """Pagefind is missing, stopped, or refused what it was given."""


class PagefindService:
    """One running Pagefind service; use it in a `with` block."""

    def __init__(self) -> None:
        try:
            from pagefind.service import get_executable
        except ImportError as error:
            raise PagefindError("Pagefind is not installed (pip install 'pagefind[bin]')") from error
        binary = get_executable()
        if binary is None:
            raise PagefindError("the Pagefind binary is missing (pip install 'pagefind[bin]')")
        self._process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._answers: dict[int, Answer] = {}
        self._waiting: set[int] = set()  # requests not answered yet
        self._arrived = threading.Condition()
        self._last_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the service."""
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
        except OSError:
            pass  # it stopped already (`kill`): nothing is left to flush to it
        self._process.terminate()
        self._process.wait()

    def kill(self) -> None:
        """Stop the service now, from any thread: a request waiting for its answers fails at once."""
        self._process.kill()

    def new_index(self) -> int:
        """A new, empty index; its id."""
        return int(self._ask([{"type": "NewIndex", "config": {}}])[0]["index_id"])

    def add(self, index_id: int, requests: Sequence[Mapping[str, Any]]) -> None:
        """Add records and pages to an index (`AddRecord` and `AddFile` payloads without their index)."""
        answers = self._ask([{**request, "index_id": index_id} for request in requests])
        refused = [answer for answer in answers if answer.get("type") == "Error"]
        if refused:
            reason = refused[0].get("message")
            raise PagefindError(f"Pagefind refused {len(refused)} of {len(answers)} records: {reason}")

    def write(self, index_id: int, folder: Path) -> None:
        """Write an index's bundle to `folder`, without Pagefind's own search interfaces, and forget it."""
        written = self._ask([{"type": "WriteFiles", "index_id": index_id, "output_path": str(folder)}])[0]
        if written.get("type") == "Error":
            raise PagefindError(f"Pagefind could not write {folder}: {written.get('message')}")
        self._ask([{"type": "DeleteIndex", "index_id": index_id}])
        for ui in (*folder.glob("pagefind-*ui.*"), folder / "pagefind-highlight.js"):
            ui.unlink(missing_ok=True)  # Pagefind's own interfaces: cuaderno's search box replaces them

    def _ask(self, payloads: Sequence[Mapping[str, Any]]) -> list[Answer]:
        """Send each request, then wait for every answer; answers in the order of the requests."""
        stdin = self._process.stdin
        assert stdin is not None
        ids: list[int] = []
        try:
            for payload in payloads:
                self._last_id += 1
                ids.append(self._last_id)
                message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
                stdin.write(base64.b64encode(message) + b",")
            stdin.flush()
        except OSError as error:
            raise PagefindError(f"the Pagefind service stopped ({error})") from error
        with self._arrived:
            # The reader crosses each answered request off `_waiting`: no scan of every request at each wake
            # (a cost that grew with the square of the records, taken from the build's time).
            self._waiting.update(number for number in ids if number not in self._answers)
            answered, last_answer = 0, time.monotonic()
            while self._waiting:
                if not self._reader.is_alive():
                    raise PagefindError("the Pagefind service stopped before answering")
                self._arrived.wait(timeout=1)
                now_answered = len(ids) - len(self._waiting)
                if now_answered > answered:
                    answered, last_answer = now_answered, time.monotonic()
                elif time.monotonic() - last_answer > SILENCE:
                    raise PagefindError(f"the Pagefind service gave no answer for {SILENCE:.0f} s")
            return [self._answers.pop(number) for number in ids]

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        pending = b""
        while chunk := os.read(stdout.fileno(), 1 << 20):
            *messages, pending = (pending + chunk).split(b",")
            with self._arrived:
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    if isinstance(answer, dict) and (number := _message_id(answer)) is not None:
                        self._answers[number] = answer["payload"]
                        self._waiting.discard(number)
                self._arrived.notify_all()
        with self._arrived:  # the service stopped: whoever waits for an answer learns it now
            self._arrived.notify_all()
