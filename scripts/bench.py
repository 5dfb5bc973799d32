#!/usr/bin/env python3
"""Whole-build benchmark: generates benchmark corpora with ../shared/bench/gencorpus.py
(cached under /tmp/playbook-bench), runs `playbook build` several times with the output
on /dev/shm (so the slow disk does not drown the CPU figure) and prints the median wall
time, CPU time and peak RSS of each corpus size."""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

def run(cmd):
    # stderr goes to a file: a pipe would fill up with warnings and stall the build.
    with tempfile.TemporaryFile() as errf:
        start = time.monotonic()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - start
        errf.seek(0)
        err = errf.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="./playbook")
    ap.add_argument("--pages", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cache", default="/tmp/playbook-bench")
    ap.add_argument("--out", default="/dev/shm/playbook-bench-out" if os.path.isdir("/dev/shm") else "/tmp/playbook-bench-out")
    ap.add_argument("--cmd", default="build", help="build or check")
    a = ap.parse_args()
    gen = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench", "gencorpus.py")
    binp = os.path.abspath(a.bin)
    print(f"machine: {os.cpu_count()} cores; output on {a.out}; median of {a.runs} runs")
    for n in [int(x) for x in a.pages.split(",")]:
        corpus = os.path.join(a.cache, f"c{n}")
        if not os.path.exists(os.path.join(corpus, "playbook.toml")):
            if not os.path.exists(gen):
                sys.exit(f"corpus generator not found at {gen}")
            subprocess.run([sys.executable, gen, "--pages", str(n), "--out", corpus, "--force"], check=True, stdout=subprocess.DEVNULL)
        walls, cpus, rss = [], [], []
        for i in range(a.runs):
            shutil.rmtree(a.out, ignore_errors=True)
            cmd = [binp, a.cmd, corpus, "-q"] + (["-o", a.out] if a.cmd == "build" else [])
            w, c, m = run(cmd)
            walls.append(w); cpus.append(c); rss.append(m)
        print(f"{a.cmd} {n:>6} pages: wall {statistics.median(walls):.2f} s, cpu {statistics.median(cpus):.2f} s, peak RSS {statistics.median(rss):.0f} MiB  (walls: {', '.join(f'{x:.2f}' for x in walls)})")
    shutil.rmtree(a.out, ignore_errors=True)

if __name__ == "__main__":
    main()
