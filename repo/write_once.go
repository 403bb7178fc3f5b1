package repo

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// writeOnceWorkers bounds the conditional writes WriteOnce has in flight.
const writeOnceWorkers = 8

// WriteOnce writes each content whose attributes (or expiry) differ from
// what is stored, and returns those it wrote, as stored, in input order.
// Each item is one conditional UpdateItem comparing a hash of its content
// with the stored hash, so an unchanged item costs no read and keeps its
// version and timestamp. Items a failed call could not write are named by
// a *BatchError; the rest were handled.
func (r *Repository[T]) WriteOnce(ctx context.Context, contents []Content[T]) ([]Content[T], error) {
	type result struct {
		written bool
		stored  Content[T]
		err     error
	}
	results := make([]result, len(contents))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(writeOnceWorkers, len(contents)) {
		wg.Go(func() {
			for i := range next {
				results[i].stored, results[i].written, results[i].err = r.writeIfChanged(ctx, contents[i])
			}
		})
	}
	for i := range contents {
		next <- i
	}
	close(next)
	wg.Wait()
	var written []Content[T]
	var failed []Key
	var firstErr error
	for i, res := range results {
		switch {
		case res.err != nil:
			failed = append(failed, contents[i].Key())
			if firstErr == nil {
				firstErr = res.err
			}
		case res.written:
			written = append(written, res.stored)
		}
	}
	if failed != nil {
		return written, &BatchError{Op: "WriteOnce", Keys: failed, Err: firstErr}
	}
	return written, nil
}

// writeIfChanged is WriteOnce for one item.
func (r *Repository[T]) writeIfChanged(ctx context.Context, c Content[T]) (Content[T], bool, error) {
	in, now, err := r.putInput(c, writeConditions{changed: true})
	if err != nil {
		return c, false, err
	}
	out, err := r.api.UpdateItem(ctx, in)
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return c, false, nil // stored as it is
	}
	if err != nil {
		return c, false, callError("WriteOnce", err)
	}
	stored := c
	stored.Timestamp = now
	if stored.Version, err = versionOf(out.Attributes); err != nil {
		return stored, true, err
	}
	return stored, true, nil
}
