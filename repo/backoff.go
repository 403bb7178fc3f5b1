package repo

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff paces the retries of items a batch call returned unprocessed:
// exponential with full jitter (each wait is random in [0, ceiling), the
// ceiling doubling from Base up to Max), as AWS recommends for
// UnprocessedItems and UnprocessedKeys.
type Backoff struct {
	// Attempts is how many calls are made for one chunk in all before its
	// leftovers are reported (default 10).
	Attempts int
	// Base is the first ceiling (default 20ms); Max caps it (default 2s).
	Base, Max time.Duration
}

func (b Backoff) withDefaults() Backoff {
	if b.Attempts <= 0 {
		b.Attempts = 10
	}
	if b.Base <= 0 {
		b.Base = 20 * time.Millisecond
	}
	if b.Max <= 0 {
		b.Max = 2 * time.Second
	}
	return b
}

// wait sleeps before retry number retry (1 for the first), or returns the
// context's error if it ends first.
func (b Backoff) wait(ctx context.Context, retry int) error {
	ceiling := b.Base << min(retry-1, 30)
	if ceiling > b.Max || ceiling <= 0 {
		ceiling = b.Max
	}
	t := time.NewTimer(rand.N(ceiling) + 1)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// untilProcessed calls send, which makes one batch call and says how many
// requests came back unprocessed, until none do, waiting between calls. It
// returns the cause when it gives up: the context's end, send's error, or
// ErrRetriesExhausted after Attempts calls.
func (b Backoff) untilProcessed(ctx context.Context, send func() (unprocessed int, err error)) error {
	for attempt := 1; ; attempt++ {
		left, err := send()
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			return err
		case left == 0:
			return nil
		case attempt == b.Attempts:
			return ErrRetriesExhausted
		}
		if err := b.wait(ctx, attempt); err != nil {
			return err
		}
	}
}
