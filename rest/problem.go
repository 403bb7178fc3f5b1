package rest

import (
	"context"
	"errors"
	"log/slog"

	"github.com/danielgtaylor/huma/v2"

	"github.com/dynabase/dynabase/repo"
)

// Problem is the answer for a repository error in a custom operation, with
// the conventions of the generated ones: ErrNotFound is 404, a failed
// condition or a concurrent change 409, a bad cursor 400, an invalid
// request 422, and only a failure of the store itself 500 (logged to log).
// what names the item in the message ("company \"acme\"").
func Problem(ctx context.Context, log *slog.Logger, what string, err error) error {
	return problem(ctx, log, what, err, false)
}

// ConditionalProblem is Problem for a write that carried If-Match or
// If-None-Match: a failed condition, or a missing item, is 412
// Precondition Failed.
func ConditionalProblem(ctx context.Context, log *slog.Logger, what string, err error) error {
	return problem(ctx, log, what, err, true)
}

// problem turns a repository error into the HTTP answer: an RFC 9457
// problem document (huma's ErrorModel) with a precise 4xx status, or a 500
// for a failure of the store itself, which is logged. conditional says
// whether the request carried If-Match / If-None-Match, which makes a
// failed condition a 412 rather than a 409.
func problem(ctx context.Context, log *slog.Logger, what string, err error, conditional bool) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, repo.ErrNotFound) && conditional:
		return huma.Error412PreconditionFailed(what + " does not exist")
	case errors.Is(err, repo.ErrNotFound):
		return huma.Error404NotFound(what + " not found")
	case errors.Is(err, repo.ErrConditionFailed) && conditional:
		return huma.Error412PreconditionFailed(what + " has changed: its ETag no longer matches")
	case errors.Is(err, repo.ErrVersionConflict), errors.Is(err, repo.ErrTxConflict):
		return huma.Error409Conflict(what + " was changed concurrently; retry")
	case errors.Is(err, repo.ErrConditionFailed):
		return huma.Error409Conflict(what + " already exists")
	case errors.Is(err, repo.ErrBadCursor):
		return huma.Error400BadRequest("invalid cursor: it was not issued for this listing, or was altered", &huma.ErrorDetail{Location: "query.cursor"})
	case errors.Is(err, repo.ErrInvalid):
		return huma.Error422UnprocessableEntity(err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return huma.NewError(503, "the request was cancelled or timed out")
	}
	log.ErrorContext(ctx, "store failure", "what", what, "err", err)
	return huma.Error500InternalServerError("the store failed; the request may be retried")
}
