"""The collector is set once per process after the first article (nlp/heap.py); outputs do not depend on it."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_the_first_article_freezes_what_is_loaded_and_raises_the_young_threshold() -> None:
    # a fresh interpreter: the setting is the process's own, and this test process may have made it already
    script = textwrap.dedent(
        """
        import gc
        from fieldbrief.nlp.heap import YOUNG_THRESHOLD
        from fieldbrief.pipeline import analyze
        default = gc.get_threshold()
        assert gc.get_freeze_count() == 0
        first = list(analyze(["Fictional: the mayor of Lakeview said on Monday that two bridges were closed."]))
        frozen, after = gc.get_freeze_count(), gc.get_threshold()
        assert frozen > 10_000, frozen
        assert after == (YOUNG_THRESHOLD, default[1], default[2]), after
        again = list(analyze(["Fictional: the mayor of Lakeview said on Monday that two bridges were closed."]))
        assert gc.get_freeze_count() <= frozen  # not frozen again (frozen objects can still be freed)
        assert [a.to_json() for a in again] == [a.to_json() for a in first]
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
