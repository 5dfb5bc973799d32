package build

import (
	"context"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"playbook/generator/render"
	"playbook/generator/theme"
	"playbook/generator/versions"
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
	b := New()
	res, err := b.Build(ctx, Input{Dir: dir, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	th, _ := theme.Load(os.DirFS(dir), res.Config.Theme)
	s := res.Site
	saved := map[string][]*versions.Version{}
	urls := map[*versions.Version]string{}
	for _, p := range s.Pages {
		saved[p.URL] = p.Versions
		for _, v := range p.Versions {
			urls[v] = v.URL
		}
	}
	set := func(mode int) {
		for _, p := range s.Pages {
			p.Versions = saved[p.URL]
			p.Current = nil
			if n := len(p.Versions); n > 0 {
				p.Current = p.Versions[n-1]
			}
			for _, v := range p.Versions {
				v.URL = urls[v]
				if mode == 1 {
					v.URL = ""
				}
			}
			if mode == 0 {
				p.Versions, p.Current = nil, nil
			}
		}
	}
	var d [3]time.Duration
	for round := 0; round < 5; round++ {
		for mode := 0; mode < 3; mode++ {
			set(mode)
			runtime.GC()
			st := cpu()
			render.Render(s, th)
			x := cpu() - st
			if round == 0 || x < d[mode] {
				d[mode] = x
			}
		}
	}
	t.Logf("render none %v, sections only +%v, with version pages +%v", d[0], d[1]-d[0], d[2]-d[0])
}
