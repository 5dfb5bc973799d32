package serve

import (
	"context"
	"time"

	"playbook/generator/output"
	"playbook/generator/watch"
)

// Rebuild builds the site again after the given changes. It returns the new
// files, or an error whose text (one problem a line, as diag.List prints)
// goes to the browsers' error overlay while the last good site stays up.
type Rebuild func(ctx context.Context, changes []watch.Change) ([]output.File, error)

// Follow rebuilds on every batch from a watcher and publishes the result,
// until ctx is canceled or batches is closed. Batches that arrive during a
// build are merged by the watcher, so builds never queue up.
func (s *Server) Follow(ctx context.Context, batches <-chan []watch.Change, rebuild Rebuild) error {
	for {
		var batch []watch.Change
		var ok bool
		select {
		case <-ctx.Done():
			return nil
		case batch, ok = <-batches:
			if !ok {
				return nil
			}
		}
		start := time.Now()
		files, err := rebuild(ctx, batch)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			s.SetError(err.Error())
			s.log.Error("build failed; still serving the last good build", "changes", len(batch), "err", err)
			continue
		}
		c := s.Publish(files)
		s.log.Info("rebuilt", "changes", len(batch), "files", len(files),
			"pages_changed", len(c.Pages), "css_changed", len(c.CSS), "took", time.Since(start).Round(time.Millisecond))
	}
}
