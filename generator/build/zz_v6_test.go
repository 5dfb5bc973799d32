package build

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"
)

func cpu() time.Duration {
	var r syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	var c syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c)
	return time.Duration(r.Utime.Nano() + r.Stime.Nano() + c.Utime.Nano() + c.Stime.Nano())
}

func TestV6Profile(t *testing.T) {
	dir := "/tmp/v6-bench-git"
	ctx := context.Background()
	var c, w [2]time.Duration
	var hist time.Duration
	for round := 0; round < 4; round++ {
		for mode := 0; mode < 2; mode++ {
			runtime.GC()
			st, wt := cpu(), time.Now()
			res, err := New().Build(ctx, Input{Dir: dir, Now: fixedNow, NoHistory: mode == 0})
			if err != nil {
				t.Fatal(err)
			}
			x, y := cpu()-st, time.Since(wt)
			if round == 0 || x < c[mode] {
				c[mode] = x
			}
			if round == 0 || y < w[mode] {
				w[mode] = y
			}
			if mode == 1 && (round == 0 || res.Stats.History < hist) {
				hist = res.Stats.History
			}
		}
	}
	t.Logf("cpu: without %v, with %v (+%v); wall min: without %v, with %v (+%v); history stage wall %v", c[0], c[1], c[1]-c[0], w[0], w[1], w[1]-w[0], hist)
}
