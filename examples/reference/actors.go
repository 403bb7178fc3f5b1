package reference

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/rest"
)

// Actor is an actor of the pydantic-dynamo example.
type Actor struct {
	ID     string `json:"id" readOnly:"true" format:"uuid" dynamodbav:"-"`
	Name   string `json:"name" minLength:"1" maxLength:"200" dynamodbav:"name"`
	Review string `json:"review,omitempty" maxLength:"10000" dynamodbav:"review,omitempty"`
}

// Review is a review of an actor. Reviews live in their actor's partition,
// sorted by Created.
type Review struct {
	ID      string `json:"id" readOnly:"true" format:"uuid" dynamodbav:"id"`
	ActorID string `json:"actor_id" readOnly:"true" format:"uuid" dynamodbav:"-"`
	Review  string `json:"review" minLength:"1" maxLength:"10000" dynamodbav:"review"`
	Created string `json:"created" format:"date-time" doc:"UTC, with microseconds: the order of the reviews." dynamodbav:"created"`
}

// NewReview is the body of POST /actors/{id}/reviews.
type NewReview struct {
	Review  string     `json:"review" minLength:"1" maxLength:"10000"`
	Created *time.Time `json:"created,omitempty" doc:"When it was written, in ISO 8601 (RFC 3339); default now."`
}

// createdLayout writes every time with the same width, in UTC, so that the
// order of the strings (the sort key) is the order of the times.
const createdLayout = "2006-01-02T15:04:05.000000Z"

type actors struct {
	actors  *repo.Repository[Actor]
	reviews *repo.Repository[Review]
	opts    Options
}

func registerActors(ctx context.Context, api huma.API, db repo.API, opts Options) error {
	// One table, pydantic-dynamo's single-table design: partition
	// "actor#<id>" holds the actor (sort key "actor#") and its reviews
	// (sort key "review#<created>#<review id>").
	cfg := repo.Config{Table: "actors", PartitionName: "actor"}
	cfg.ContentType = "actor"
	ar, err := repository[Actor](ctx, db, cfg, opts, nil)
	if err != nil {
		return err
	}
	cfg.ContentType = "review"
	rr, err := repository[Review](ctx, db, cfg, opts, nil)
	if err != nil {
		return err
	}
	a := &actors{actors: ar, reviews: rr, opts: opts}
	err = rest.Register(api, rest.Resource[Actor]{
		Name: "actor", Path: "/actors", Repo: ar, Logger: opts.Logger, IDFormat: "uuid",
		// An actor is not replaced or deleted: its reviews depend on it.
		Operations: rest.List | rest.Get | rest.Create | rest.Patch,
		// Only the actors, not their reviews, in GET /actors.
		List:  repo.Query{Scan: true},
		Key:   actorKey,
		ID:    func(c repo.Content[Actor]) string { return c.PartitionIDs[0] },
		SetID: func(a *Actor, id string) { a.ID = id },
		NewID: func(*Actor) (string, error) { return newUUID(), nil },
	})
	if err != nil {
		return err
	}
	tags := []string{"review"}
	huma.Register(api, huma.Operation{OperationID: "create-review", Method: http.MethodPost, Path: "/actors/{id}/reviews",
		Summary: "Review an actor", Tags: tags, DefaultStatus: http.StatusCreated, MaxBodyBytes: 64 << 10,
		Errors: []int{400, 404, 413, 422}}, a.createReview)
	huma.Register(api, huma.Operation{OperationID: "list-review", Method: http.MethodGet, Path: "/actors/{id}/reviews",
		Summary: "List an actor's reviews by time", Tags: tags, Errors: []int{400, 404, 422},
		Description: "Oldest first, or newest first with ?order=desc; ?prefix=2023 keeps the reviews created in 2023, " +
			"?from=2023-01&to=2023-04 those from January to April 2023 (both ends are prefixes, so April is included)."},
		a.listReviews)
	return nil
}

func actorKey(id string) repo.Key { return repo.Key{PartitionIDs: []string{id}} }

type createReviewInput struct {
	ID   string `path:"id" format:"uuid" doc:"The actor's id."`
	Body NewReview
}

func (a *actors) createReview(ctx context.Context, in *createReviewInput) (*rest.ItemOutput[Review], error) {
	created := a.opts.Now()
	if in.Body.Created != nil {
		created = *in.Body.Created
	}
	review := Review{ID: newUUID(), ActorID: in.ID, Review: in.Body.Review, Created: created.UTC().Format(createdLayout)}
	// The review is written only if its actor exists, atomically.
	check, err := a.actors.CheckTx(actorKey(in.ID))
	if err != nil {
		return nil, rest.Problem(ctx, a.opts.Logger, a.what(in.ID), err)
	}
	put, err := a.reviews.PutTx(repo.Content[Review]{PartitionIDs: []string{in.ID}, ContentIDs: []string{review.Created, review.ID}, Item: review}, repo.IfAbsent())
	if err != nil {
		return nil, rest.Problem(ctx, a.opts.Logger, a.what(in.ID), err)
	}
	if err := repo.Transact(ctx, a.actors.API(), check, put); err != nil {
		return nil, rest.Problem(ctx, a.opts.Logger, a.what(in.ID), err)
	}
	return &rest.ItemOutput[Review]{Status: http.StatusCreated, ETag: rest.ETag(1), Body: review}, nil
}

func (a *actors) what(id string) string { return fmt.Sprintf("actor %q", id) }

type listReviewsInput struct {
	ID     string `path:"id" format:"uuid" doc:"The actor's id."`
	Prefix string `query:"prefix" maxLength:"30" doc:"Only reviews whose created time begins with this (2023, 2023-05)."`
	From   string `query:"from" maxLength:"30" doc:"Only reviews created at or after the time that begins with this."`
	To     string `query:"to" maxLength:"30" doc:"Only reviews created at or before any time that begins with this."`
	Order  string `query:"order" enum:"asc,desc" default:"asc" doc:"asc: oldest first; desc: newest first."`
	rest.PageParams
}

func (a *actors) listReviews(ctx context.Context, in *listReviewsInput) (*rest.ListOutput[Review], error) {
	q := repo.Query{PartitionIDs: []string{in.ID}, Descending: in.Order == "desc"}
	query := url.Values{"order": {in.Order}}
	switch {
	case in.Prefix != "" && (in.From != "" || in.To != ""):
		return nil, huma.Error422UnprocessableEntity("validation failed", &huma.ErrorDetail{Location: "query.prefix", Value: in.Prefix,
			Message: "prefix selects by itself; give either prefix or from and to"})
	case in.Prefix != "":
		q.Prefix = []string{in.Prefix}
		query.Set("prefix", in.Prefix)
	case in.From != "" || in.To != "":
		q.Range = &repo.ContentRange{}
		if in.From != "" {
			q.Range.From = []string{in.From}
			query.Set("from", in.From)
		}
		if in.To != "" {
			q.Range.To = []string{in.To}
			query.Set("to", in.To)
		}
		if in.From != "" && in.To != "" && in.From > in.To {
			return nil, huma.Error422UnprocessableEntity("validation failed", &huma.ErrorDetail{Location: "query.to", Value: in.To,
				Message: fmt.Sprintf("to (%q) comes before from (%q)", in.To, in.From)})
		}
	}
	// An unknown actor is a 404, not an empty list.
	if _, err := a.actors.Get(ctx, actorKey(in.ID)); err != nil {
		return nil, rest.Problem(ctx, a.opts.Logger, a.what(in.ID), err)
	}
	page, err := a.reviews.Page(ctx, q, in.Limit, in.Cursor)
	if err != nil {
		return nil, rest.Problem(ctx, a.opts.Logger, a.what(in.ID)+" reviews", err)
	}
	review := func(c repo.Content[Review]) Review {
		c.Item.ActorID = in.ID
		return c.Item
	}
	return rest.PageOutput(page, review, "/actors/"+in.ID+"/reviews", query, in.Limit), nil
}
