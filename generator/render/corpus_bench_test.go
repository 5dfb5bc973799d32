package render_test

import (
	"context"
	"os"
	"testing"
	"time"

	"playbook/generator/build"
	"playbook/generator/render"
	"playbook/generator/theme"
)

// BenchmarkRenderCorpus renders a playbook on disk, built once, named by
// PLAYBOOK_BENCH_DIR (e.g. a generated 10,000-page corpus); skipped without it.
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
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(bytes)/1e6, "MB")
}
