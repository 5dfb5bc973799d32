package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// DefaultAddr is where the dev server listens unless told otherwise: the
// loopback interface only, since a playbook is often internal.
const DefaultAddr = "127.0.0.1:1313"

// ListenAndServe serves h on addr until ctx is canceled (see Serve). A port
// already in use gives an error suggesting the next one.
func ListenAndServe(ctx context.Context, addr string, h http.Handler, logger *slog.Logger) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return listenError(addr, err)
	}
	return Serve(ctx, ln, h, logger)
}

// Serve serves h on ln until ctx is canceled, then shuts down gracefully:
// open event streams end at once, other requests get a few seconds. It
// returns nil after a clean shutdown. Tests can pass a listener on port 0.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	// Request contexts derive from base; canceling it at shutdown ends the
	// never-finishing event streams, which would otherwise hold Shutdown.
	base, cancelBase := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelBase()
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelDebug),
	}
	srv.RegisterOnShutdown(cancelBase)
	logger.Info("serving", "url", "http://"+displayAddr(ln.Addr()))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		srv.Close()
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// listenError explains the usual failure: the port is taken.
func listenError(addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		_, port, _ := net.SplitHostPort(addr)
		if n, perr := strconv.Atoi(port); perr == nil && n > 0 && n < 65535 {
			return fmt.Errorf("port %d is in use: try --port %d", n, n+1)
		}
		return fmt.Errorf("address %s is in use: choose another port", addr)
	}
	return fmt.Errorf("serve: listen on %s: %w", addr, err)
}

// displayAddr turns a listener address into something a browser opens.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// CheckBind returns a warning when addr makes the server reachable from
// other machines, or "" for a loopback address.
func CheckBind(addr string) (warning string) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return ""
	}
	ip := net.ParseIP(host)
	switch {
	case ip != nil && ip.IsLoopback():
		return ""
	case host == "" || (ip != nil && ip.IsUnspecified()):
		return fmt.Sprintf("listening on all network interfaces (%s): anyone who can reach this machine can read the playbook; use 127.0.0.1 unless you mean to share it", addr)
	}
	return fmt.Sprintf("listening on %s, which other machines may reach: they can read the playbook; use 127.0.0.1 unless you mean to share it", addr)
}
