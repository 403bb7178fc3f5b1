package repo

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/smithy-go"
)

// Errors a repository returns, to be matched with errors.Is.
var (
	// ErrNotFound: the item does not exist (Get, Update, Delete, and Put or
	// Delete with an expected version when the item is gone).
	ErrNotFound = errors.New("repo: item not found")
	// ErrConditionFailed: a write's condition did not hold (Put with
	// IfAbsent on an existing item, a caller's own condition). A
	// *VersionConflictError matches it too.
	ErrConditionFailed = errors.New("repo: condition failed")
	// ErrVersionConflict: the item's version is not the one the write
	// expected. The error is a *VersionConflictError carrying the item as
	// it is now.
	ErrVersionConflict = errors.New("repo: version conflict")
	// ErrInvalid: the request cannot be sent (a path or value that does not
	// fit T, an empty key, a bad cursor). Nothing was written.
	ErrInvalid = errors.New("repo: invalid request")
	// ErrBadCursor: a page cursor was not issued by this repository for
	// this query, or was altered. It also matches ErrInvalid.
	ErrBadCursor = fmt.Errorf("%w: bad cursor", ErrInvalid)
)

// invalid returns an ErrInvalid error with a message saying what is wrong.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// VersionConflictError is returned when a write expected a version the item
// no longer has. Current is the item as it is now, read atomically with the
// failed write (DynamoDB's ReturnValuesOnConditionCheckFailure).
type VersionConflictError[T any] struct {
	Key      Key
	Expected int64
	Current  Content[T]
}

func (e *VersionConflictError[T]) Error() string {
	return fmt.Sprintf("repo: version conflict on %v: expected version %d, item is at version %d", e.Key, e.Expected, e.Current.Version)
}

// Is makes the error match ErrVersionConflict and ErrConditionFailed.
func (e *VersionConflictError[T]) Is(target error) bool {
	return target == ErrVersionConflict || target == ErrConditionFailed
}

// BatchError is returned by PutBatch and GetBatch when some items could not
// be written or read: DynamoDB kept returning them as unprocessed until the
// retries ran out, or the context ended. Everything not listed in Keys was
// processed. Err is the cause (context.Canceled, ErrRetriesExhausted, or the
// error of a failed call) and is matched by errors.Is.
type BatchError struct {
	Op   string // "PutBatch" or "GetBatch"
	Keys []Key  // what was not processed, in request order
	Err  error
}

// ErrRetriesExhausted is the cause in a BatchError when DynamoDB still
// returned unprocessed items after every retry.
var ErrRetriesExhausted = errors.New("repo: retries exhausted")

func (e *BatchError) Error() string {
	keys := make([]string, 0, min(len(e.Keys), 5))
	for i, k := range e.Keys {
		if i == 5 {
			keys = append(keys, "...")
			break
		}
		keys = append(keys, k.String())
	}
	return fmt.Sprintf("repo: %s: %d items not processed (%s): %v", e.Op, len(e.Keys), strings.Join(keys, ", "), e.Err)
}

func (e *BatchError) Unwrap() error { return e.Err }

// callError wraps the error of a DynamoDB call made for op. DynamoDB's
// ValidationException means the request could not be carried out as asked
// (a nested path whose parent is missing, an item over 400 KB), so it also
// matches ErrInvalid; the SDK error stays in the chain for errors.As.
func callError(op string, err error) error {
	var api smithy.APIError
	return &opError{op: op, err: err, invalid: errors.As(err, &api) && api.ErrorCode() == "ValidationException"}
}

type opError struct {
	op      string
	err     error
	invalid bool
}

func (e *opError) Error() string { return "repo: " + e.op + ": " + e.err.Error() }

func (e *opError) Unwrap() []error {
	if e.invalid {
		return []error{ErrInvalid, e.err}
	}
	return []error{e.err}
}
