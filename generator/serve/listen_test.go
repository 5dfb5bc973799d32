package serve

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	err = ListenAndServe(t.Context(), ln.Addr().String(), http.NotFoundHandler(), nil)
	want := fmt.Sprintf("port %d is in use: try --port %d", port, port+1)
	if err == nil || err.Error() != want {
		t.Fatalf("ListenAndServe = %v, want %q", err, want)
	}
}

func TestGracefulShutdownEndsEventStreams(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	s := New(Options{})
	s.Publish(testSite())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- ListenAndServe(ctx, addr, s.Handler(), nil) }()

	var resp *http.Response
	for deadline := time.Now().Add(5 * time.Second); ; {
		resp, err = http.Get("http://" + addr + eventsPath)
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	if !strings.HasPrefix(line, "retry:") {
		t.Fatalf("first line %q", line)
	}

	start := time.Now()
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("ListenAndServe = %v", err)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("shutdown waits for the open event stream")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("shutdown took %v", d)
	}
}

func TestCheckBind(t *testing.T) {
	for addr, warn := range map[string]bool{
		"127.0.0.1:1313": false,
		"localhost:1313": false,
		"[::1]:1313":     false,
		"127.0.0.2:80":   false,
		":1313":          true,
		"0.0.0.0:1313":   true,
		"[::]:1313":      true,
		"192.168.1.5:80": true,
		"example.com:80": true,
	} {
		if got := CheckBind(addr); (got != "") != warn {
			t.Errorf("CheckBind(%q) = %q, want warning %v", addr, got, warn)
		}
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		in   string
		want []Problem
	}{
		{"content/a.md:12:3: error: bad key", []Problem{{File: "content/a.md", Line: 12, Col: 3, Severity: "error", Msg: "bad key"}}},
		{"content/a.md:12: warning: slow", []Problem{{File: "content/a.md", Line: 12, Severity: "warning", Msg: "slow"}}},
		{"playbook.toml: error: x: y", []Problem{{File: "playbook.toml", Severity: "error", Msg: "x: y"}}},
		{"error: no file", []Problem{{Severity: "error", Msg: "no file"}}},
		{"something broke: badly", []Problem{{Severity: "error", Msg: "something broke: badly"}}},
		{"a.md:1:1: x\r\n\n b.md:2: y", []Problem{{File: "a.md", Line: 1, Col: 1, Severity: "error", Msg: "x"}, {Severity: "error", Msg: " b.md:2: y"}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := ParseProblems(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("ParseProblems(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("x.md:1: error: e\n", 500)
	if got := ParseProblems(long); len(got) != maxProblems+1 || !strings.Contains(got[maxProblems].Msg, "400 more") {
		t.Errorf("long input: %d problems, last %+v", len(got), got[len(got)-1])
	}
}

func FuzzParseProblems(f *testing.F) {
	f.Add("content/a.md:12:3: error: bad key\nerror: x")
	f.Add("a:b:c:1:2: warning: ")
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range ParseProblems(s) {
			if p.Line < 0 || p.Col < 0 || (p.Severity != "error" && p.Severity != "warning") {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}
