package reference

import (
	"context"
	"net/http"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/danielgtaylor/huma/v2"

	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/rest"
)

// Product is a product of the FastAPI + DynamoDB tutorial, in its table as
// the tutorial declares it: product-table, keyed by id, with the global
// index product-name-index (name, updated_at) and the TTL attribute
// TimeToExist (declared, not enabled).
type Product struct {
	ID          string  `json:"id" readOnly:"true" format:"uuid" dynamodbav:"-"`
	Name        string  `json:"name" minLength:"1" maxLength:"200" dynamodbav:"name"`
	Description string  `json:"description" required:"false" maxLength:"10000" dynamodbav:"description,omitempty"`
	CreatedAt   float64 `json:"created_at" readOnly:"true" doc:"Seconds since 1970 (UTC), with microseconds." dynamodbav:"created_at"`
	UpdatedAt   float64 `json:"updated_at" readOnly:"true" doc:"Seconds since 1970 (UTC), with microseconds; set by every write." dynamodbav:"updated_at"`
}

// The product table's names, as the tutorial has them.
const (
	ProductTable     = "product-table"
	ProductNameIndex = "product-name-index"
	ProductTTL       = "TimeToExist"
)

type products struct {
	res  rest.Resource[Product]
	opts Options
}

func registerProducts(ctx context.Context, api huma.API, db repo.API, opts Options) error {
	r, err := repository[Product](ctx, db, repo.Config{Table: ProductTable, PartitionKey: "id", NoSortKey: true}, opts,
		func(spec *repo.TableSpec) {
			spec.GlobalIndexes = []repo.IndexSpec{{
				Name:         ProductNameIndex,
				PartitionKey: repo.KeyAttribute{Name: "name", Type: types.ScalarAttributeTypeS},
				SortKey:      repo.KeyAttribute{Name: "updated_at", Type: types.ScalarAttributeTypeN},
			}}
			spec.TTL = repo.TTLSpec{Attribute: ProductTTL, Enabled: false}
		})
	if err != nil {
		return err
	}
	p := &products{opts: opts}
	p.res = rest.Resource[Product]{
		Name: "product", Path: "/products", Repo: r, Logger: opts.Logger, IDFormat: "uuid",
		// GET /products is the custom list below.
		Operations:  rest.Create | rest.Get | rest.Patch | rest.Delete,
		Key:         func(id string) repo.Key { return repo.Key{PartitionIDs: []string{id}} },
		ID:          func(c repo.Content[Product]) string { return c.PartitionIDs[0] },
		SetID:       func(p *Product, id string) { p.ID = id },
		NewID:       func(*Product) (string, error) { return newUUID(), nil },
		BeforeWrite: p.stamp,
	}
	if err := rest.Register(api, p.res); err != nil {
		return err
	}
	huma.Register(api, huma.Operation{OperationID: "list-product", Method: http.MethodGet, Path: "/products",
		Summary: "List products", Tags: []string{"product"}, Errors: []int{400, 422},
		Description: "With ?name=, the products of that name, most recently updated first (a query of product-name-index); without, every product."},
		p.list)
	return nil
}

// stamp sets the times: created_at once, updated_at on every write.
func (p *products) stamp(item *Product, previous *Product) error {
	now := float64(p.opts.Now().UnixMicro()) / 1e6
	item.CreatedAt, item.UpdatedAt = now, now
	if previous != nil {
		item.CreatedAt = previous.CreatedAt
		// Strictly later, so the index order follows the writes even
		// within one microsecond.
		if now <= previous.UpdatedAt {
			item.UpdatedAt = previous.UpdatedAt + 1e-6
		}
	}
	return nil
}

type listProductsInput struct {
	Name string `query:"name" maxLength:"200" doc:"Only products of this name, newest first."`
	rest.PageParams
}

func (p *products) list(ctx context.Context, in *listProductsInput) (*rest.ListOutput[Product], error) {
	q := repo.Query{Scan: true}
	var query url.Values
	if in.Name != "" {
		q = repo.Query{
			Index:      ProductNameIndex,
			IndexKey:   expression.Key("name").Equal(expression.Value(in.Name)),
			Descending: true,
		}
		query = url.Values{"name": {in.Name}}
	}
	page, err := p.res.Repo.Page(ctx, q, in.Limit, in.Cursor)
	if err != nil {
		return nil, rest.Problem(ctx, p.opts.Logger, "products", err)
	}
	return rest.PageOutput(page, p.res.Item, "/products", query, in.Limit), nil
}
