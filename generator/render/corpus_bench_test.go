//go:build corpus

package render_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"playbook/generator/build"
	"playbook/generator/render"
	"playbook/generator/theme"
)

// BenchmarkRenderCorpus renders a playbook on disk, built once, named by
// PLAYBOOK_BENCH_DIR (e.g. a generated 10,000-page corpus); skipped without
// it. The build tag keeps generator/build (which imports render) out of
// render's ordinary test builds:
//
//	PLAYBOOK_BENCH_DIR=/tmp/playbook-bench/c10000 go test -tags corpus -run '^$' -bench RenderCorpus ./generator/render/
func BenchmarkRenderCorpus(b *testing.B) {
	dir := os.Getenv("PLAYBOOK_BENCH_DIR")
	if dir == "" {
		b.Skip("PLAYBOOK_BENCH_DIR not set")
	}
	res, err := build.New().Build(context.Background(), build.Input{Dir: dir, NoHistory: true, Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	th, err := theme.Load(os.DirFS(dir), res.Config.Theme)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var ru0 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	var files, bytes int
	for b.Loop() {
		out, err := render.Render(res.Site, th)
		if err != nil {
			b.Fatal(err)
		}
		files, bytes = len(out), 0
		for _, f := range out {
			bytes += len(f.Data)
		}
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	// CPU time per render, all threads: steadier than wall time on a shared machine.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(bytes)/1e6, "MB")
}
