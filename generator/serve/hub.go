package serve

import "sync"

// Event is one server-sent event. Data is a single line (JSON).
type Event struct {
	Name string
	Data string
}

// Hub fans events out to subscribers. Each has a small buffer; a subscriber
// whose buffer is full is dropped (its channel closed) instead of slowing
// the others down. A dropped browser reconnects and catches up through the
// "hello" event.
type Hub struct {
	mu     sync.Mutex
	subs   map[*Sub]struct{}
	buffer int
}

// Sub is one subscriber.
type Sub struct {
	hub *Hub
	ch  chan Event
}

// NewHub makes a hub whose subscribers buffer up to buffer events.
func NewHub(buffer int) *Hub {
	return &Hub{subs: make(map[*Sub]struct{}), buffer: max(buffer, 1)}
}

// Subscribe adds a subscriber. Call Close when done.
func (h *Hub) Subscribe() *Sub {
	s := &Sub{hub: h, ch: make(chan Event, h.buffer)}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Events delivers the events; it is closed when the subscriber is dropped
// or closed.
func (s *Sub) Events() <-chan Event { return s.ch }

// Close unsubscribes. It is safe to call more than once and after a drop.
func (s *Sub) Close() {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	if _, ok := s.hub.subs[s]; ok {
		delete(s.hub.subs, s)
		close(s.ch)
	}
}

// Broadcast sends e to every subscriber without blocking and returns how
// many slow subscribers it dropped.
func (h *Hub) Broadcast(e Event) (dropped int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		select {
		case s.ch <- e:
		default:
			delete(h.subs, s)
			close(s.ch)
			dropped++
		}
	}
	return dropped
}

// Len is the number of subscribers.
func (h *Hub) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
