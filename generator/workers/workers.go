// Package workers spreads independent pieces of work over the machine's cores.
package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for every i in [0, n) on GOMAXPROCS goroutines and waits
// for all of them. Calls may run in any order; fn must only write state of
// its own index.
func Each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				fn(k)
			}
		})
	}
	wg.Wait()
}
