#!/usr/bin/env python3
"""Time from writing a content file to a running dev server answering with
the change, for any server (playbook serve, hugo server): the same method
for both, polled over HTTP every millisecond.

  scripts/edit_latency.py --file DIR/content/objections/x.md --url http://127.0.0.1:1313/objections/x/ [--edits 30]

Each edit appends a unique marker paragraph to the file (the original is
restored at the end) and waits for the page to contain it; between edits it
pauses, as an author would, so each edit meets an idle server.
"""
import argparse
import statistics
import sys
import time
import urllib.request


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between edits")
    a = ap.parse_args()
    orig = open(a.file, encoding="utf-8").read()
    lat = []
    try:
        for i in range(a.edits):
            marker = "Bearbeitung%dX%d" % (i, int(time.time()))
            with open(a.file, "w", encoding="utf-8") as f:
                f.write(orig + "\n\n" + marker + "\n")
            start = time.perf_counter()
            while marker not in fetch(a.url):
                if time.perf_counter() - start > 30:
                    sys.exit("edit %d never showed at %s" % (i, a.url))
                time.sleep(0.001)
            lat.append((time.perf_counter() - start) * 1000)
            time.sleep(a.pause)
    finally:
        with open(a.file, "w", encoding="utf-8") as f:
            f.write(orig)
    lat.sort()
    print("edits %d: median %.1f ms, min %.1f, max %.1f" % (len(lat), statistics.median(lat), lat[0], lat[-1]))


main()
