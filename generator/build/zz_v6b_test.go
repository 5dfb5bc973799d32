package build

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
)

func TestV6Pprof(t *testing.T) {
	dir := "/tmp/v6-bench-git"
	ctx := context.Background()
	for _, mode := range []string{"no", "yes"} {
		runtime.GC()
		f, _ := os.Create("/tmp/v6/p-" + mode + ".out")
		pprof.StartCPUProfile(f)
		for i := 0; i < 2; i++ {
			if _, err := New().Build(ctx, Input{Dir: dir, Now: fixedNow, NoHistory: mode == "no"}); err != nil {
				t.Fatal(err)
			}
		}
		pprof.StopCPUProfile()
		f.Close()
	}
}
