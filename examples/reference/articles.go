package reference

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/rest"
)

// Article is an article of the async-Postgres FastAPI tutorial, on
// DynamoDB. Its slug is unique.
type Article struct {
	ID        string    `json:"id" readOnly:"true" format:"uuid" dynamodbav:"-"`
	Title     string    `json:"title" minLength:"1" maxLength:"65" dynamodbav:"title"`
	Slug      string    `json:"slug" minLength:"1" maxLength:"65" dynamodbav:"slug"`
	Text      string    `json:"text" maxLength:"50000" dynamodbav:"text"`
	CreatedAt time.Time `json:"created_at" readOnly:"true" dynamodbav:"created_at"`
}

// slugClaim is the item that makes a slug unique: it is written with its
// article in one transaction, and only if no claim of the slug exists.
type slugClaim struct {
	ArticleID string `dynamodbav:"article_id"`
}

// ArticlesPath is where the articles are, as in the tutorial.
const ArticlesPath = "/api/v1/articles"

type articles struct {
	repo   *repo.Repository[Article]
	claims *repo.Repository[slugClaim]
	opts   Options
}

func registerArticles(ctx context.Context, api huma.API, db repo.API, opts Options) error {
	// Articles and slug claims share a table; their keys begin with
	// "article#" and "slug#".
	r, err := repository[Article](ctx, db, repo.Config{Table: "articles", PartitionName: "article", NoSortKey: true}, opts, nil)
	if err != nil {
		return err
	}
	claims, err := repository[slugClaim](ctx, db, repo.Config{Table: "articles", PartitionName: "slug", NoSortKey: true}, opts, nil)
	if err != nil {
		return err
	}
	a := &articles{repo: r, claims: claims, opts: opts}
	err = rest.Register(api, rest.Resource[Article]{
		Name: "article", Path: ArticlesPath, Repo: r, Logger: opts.Logger, IDFormat: "uuid",
		// POST is the custom create below; articles are not changed or
		// deleted in the tutorial.
		Operations: rest.List | rest.Get,
		Key:        articleKey,
		ID:         func(c repo.Content[Article]) string { return c.PartitionIDs[0] },
		SetID:      func(a *Article, id string) { a.ID = id },
	})
	if err != nil {
		return err
	}
	huma.Register(api, huma.Operation{OperationID: "create-article", Method: http.MethodPost, Path: ArticlesPath,
		Summary: "Create an article", Tags: []string{"article"}, DefaultStatus: http.StatusCreated, MaxBodyBytes: 64 << 10,
		Description: "409 when another article has the slug.",
		Errors:      []int{400, 409, 413, 422}}, a.create)
	return nil
}

func articleKey(id string) repo.Key { return repo.Key{PartitionIDs: []string{id}} }

func (a *articles) create(ctx context.Context, in *struct{ Body Article }) (*rest.ItemOutput[Article], error) {
	article := in.Body
	article.ID = newUUID()
	article.CreatedAt = a.opts.Now().UTC().Truncate(time.Microsecond)
	k := articleKey(article.ID)
	put, err := a.repo.PutTx(repo.Content[Article]{PartitionIDs: k.PartitionIDs, Item: article}, repo.IfAbsent())
	if err != nil {
		return nil, rest.Problem(ctx, a.opts.Logger, "article", err)
	}
	claim, err := a.claims.PutTx(repo.Content[slugClaim]{PartitionIDs: []string{article.Slug}, Item: slugClaim{ArticleID: article.ID}}, repo.IfAbsent())
	if err != nil {
		return nil, rest.Problem(ctx, a.opts.Logger, "article", err)
	}
	err = repo.Transact(ctx, a.repo.API(), put, claim)
	var txe *repo.TxError
	if errors.As(err, &txe) && txe.Index == 1 && errors.Is(err, repo.ErrConditionFailed) {
		return nil, huma.Error409Conflict(fmt.Sprintf("an article with slug %q exists", article.Slug),
			&huma.ErrorDetail{Location: "body.slug", Value: article.Slug, Message: "taken"})
	}
	if err != nil {
		return nil, rest.Problem(ctx, a.opts.Logger, fmt.Sprintf("article %q", article.ID), err)
	}
	return &rest.ItemOutput[Article]{Status: http.StatusCreated, ETag: rest.ETag(1), Location: ArticlesPath + "/" + article.ID, Body: article}, nil
}
