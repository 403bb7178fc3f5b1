package reference

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/rest"
)

// Company is a company of the FastAPI + DynamoDB tutorial. Its id is its
// name in lower case, so PUT /companies with a name creates the company or
// replaces the one of that name.
type Company struct {
	ID       string   `json:"id" readOnly:"true" dynamodbav:"-" doc:"The name in lower case."`
	Name     string   `json:"name" minLength:"1" maxLength:"200" pattern:"\\S" dynamodbav:"name"`
	Keywords []string `json:"keywords" required:"false" maxItems:"100" dynamodbav:"keywords"`
}

// CompanyChanges is the body of a partial update: only the members given
// change.
type CompanyChanges struct {
	Name     *string   `json:"name,omitempty" minLength:"1" maxLength:"200" pattern:"\\S" doc:"The same name, with other capitals: the id stays the lower-cased name."`
	Keywords *[]string `json:"keywords,omitempty" maxItems:"100"`
}

// MaxBulkDelete caps the ids of one DELETE /companies?filter=.
const MaxBulkDelete = 100

type companies struct {
	repo *repo.Repository[Company]
	res  rest.Resource[Company] // the generated operations, whose answers the custom ones share
	log  *slog.Logger
}

func registerCompanies(ctx context.Context, api huma.API, db repo.API, opts Options) error {
	// The table is the tutorial's: keyed by a plain "id".
	r, err := repository[Company](ctx, db, repo.Config{Table: "companies", PartitionKey: "id", NoSortKey: true}, opts, nil)
	if err != nil {
		return err
	}
	res := rest.Resource[Company]{
		Name: "company", Path: "/companies", Repo: r, Logger: opts.Logger,
		Operations: rest.List | rest.Get,
		Key:        companyKey,
		ID:         func(c repo.Content[Company]) string { return c.PartitionIDs[0] },
		SetID:      finishCompany,
	}
	if err := rest.Register(api, res); err != nil {
		return err
	}
	c := &companies{repo: r, res: res, log: opts.Logger}
	tags := []string{"company"}
	huma.Register(api, huma.Operation{OperationID: "put-company", Method: http.MethodPut, Path: "/companies",
		Summary: "Create or replace the company of a name", Tags: tags, MaxBodyBytes: 64 << 10,
		Description: "The company's id is its name in lower case: 201 when it is new, 200 when it replaced one.",
		Errors:      []int{400, 413, 422}}, c.put)
	huma.Register(api, huma.Operation{OperationID: "update-company", Method: http.MethodPut, Path: "/companies/{id}",
		Summary: "Change some fields of a company", Tags: tags, MaxBodyBytes: 64 << 10,
		Errors: []int{400, 404, 412, 413, 422}}, c.update)
	huma.Register(api, huma.Operation{OperationID: "delete-company", Method: http.MethodDelete, Path: "/companies/{id}",
		Summary: "Delete a company", Tags: tags, Errors: []int{400, 404, 412}}, c.delete)
	huma.Register(api, huma.Operation{OperationID: "delete-companies", Method: http.MethodDelete, Path: "/companies",
		Summary: "Delete the companies a filter names", Tags: tags, Errors: []int{422}}, c.deleteMany)
	return nil
}

// finishCompany completes a stored company for its answer: the id, and
// keywords as [] rather than null.
func finishCompany(c *Company, id string) {
	c.ID = id
	if c.Keywords == nil {
		c.Keywords = []string{}
	}
}

func companyKey(id string) repo.Key { return repo.Key{PartitionIDs: []string{strings.ToLower(id)}} }

func (c *companies) what(id string) string { return fmt.Sprintf("company %q", id) }

func (c *companies) put(ctx context.Context, in *struct{ Body Company }) (*rest.ItemOutput[Company], error) {
	id := strings.ToLower(in.Body.Name)
	k := companyKey(id)
	stored, err := c.repo.Put(ctx, repo.Content[Company]{PartitionIDs: k.PartitionIDs, Item: in.Body})
	if err != nil {
		return nil, rest.Problem(ctx, c.log, c.what(id), err)
	}
	status := http.StatusOK
	if stored.Version == 1 {
		status = http.StatusCreated
	}
	out := c.res.Output(stored, status)
	out.Location = "/companies/" + url.PathEscape(id)
	return out, nil
}

type updateCompanyInput struct {
	ID      string `path:"id"`
	IfMatch string `header:"If-Match" doc:"Change only when the company's ETag is one of these (412 otherwise)."`
	Body    CompanyChanges
}

func (c *companies) update(ctx context.Context, in *updateCompanyInput) (*rest.ItemOutput[Company], error) {
	id := strings.ToLower(in.ID)
	set := map[string]any{}
	if in.Body.Name != nil {
		if strings.ToLower(*in.Body.Name) != id {
			return nil, huma.Error422UnprocessableEntity("validation failed", &huma.ErrorDetail{
				Location: "body.name", Value: *in.Body.Name,
				Message: fmt.Sprintf("a company's id is its lower-cased name, so its name can change only in capitals (%q); to rename, PUT /companies and delete this one", id)})
		}
		set["name"] = *in.Body.Name
	}
	if in.Body.Keywords != nil {
		set["keywords"] = *in.Body.Keywords
	}
	match, err := rest.IfMatch(in.IfMatch)
	if err != nil {
		return nil, err
	}
	var stored repo.Content[Company]
	if len(set) == 0 {
		stored, err = c.repo.Get(ctx, companyKey(id))
		if err == nil && !match.Matches(stored.Version) {
			return nil, huma.Error412PreconditionFailed(c.what(id) + " has changed: its ETag no longer matches")
		}
	} else {
		stored, err = c.repo.Update(ctx, companyKey(id), repo.UpdateCommand{Set: set, Condition: match.Filter()})
	}
	if err != nil {
		return nil, c.problem(ctx, id, err, match)
	}
	return c.res.Output(stored, http.StatusOK), nil
}

// problem answers a failed write, 412 for one with If-Match.
func (c *companies) problem(ctx context.Context, id string, err error, match rest.Precondition) error {
	if match.Present() {
		return rest.ConditionalProblem(ctx, c.log, c.what(id), err)
	}
	return rest.Problem(ctx, c.log, c.what(id), err)
}

// DeletedCompany is the answer of DELETE /companies/{id}.
type DeletedCompany struct {
	ID string `json:"id"`
}

type deleteCompanyInput struct {
	ID      string `path:"id"`
	IfMatch string `header:"If-Match" doc:"Delete only when the company's ETag is one of these (412 otherwise)."`
}

func (c *companies) delete(ctx context.Context, in *deleteCompanyInput) (*struct{ Body DeletedCompany }, error) {
	id := strings.ToLower(in.ID)
	match, err := rest.IfMatch(in.IfMatch)
	if err != nil {
		return nil, err
	}
	if _, err := c.repo.Delete(ctx, companyKey(id), repo.When(match.Filter())); err != nil {
		return nil, c.problem(ctx, id, err, match)
	}
	return &struct{ Body DeletedCompany }{DeletedCompany{ID: id}}, nil
}

type deleteCompaniesInput struct {
	Filter string `query:"filter" required:"true" doc:"Which companies: {\"id\": [\"acme\", \"globex\"]} (at most 100 ids)." example:"{\"id\":[\"acme\",\"globex\"]}"`
}

// companyFilter is the filter of a bulk delete.
type companyFilter struct {
	ID []string `json:"id"`
}

// parseCompanyFilter reads ?filter=, refusing anything but a list of 1 to
// MaxBulkDelete ids.
func parseCompanyFilter(raw string) ([]string, error) {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	var f companyFilter
	err := dec.Decode(&f)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	switch {
	case err != nil:
		return nil, fmt.Errorf(`the filter must be {"id": ["..."]}: %v`, err)
	case len(f.ID) == 0:
		return nil, errors.New(`the filter names no ids: {"id": ["..."]}`)
	case len(f.ID) > MaxBulkDelete:
		return nil, fmt.Errorf("the filter names %d ids; at most %d go in one request", len(f.ID), MaxBulkDelete)
	}
	seen := make(map[string]bool, len(f.ID))
	ids := make([]string, 0, len(f.ID))
	for _, id := range f.ID {
		id = strings.ToLower(id)
		if id == "" {
			return nil, errors.New("the filter names an empty id")
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func (c *companies) deleteMany(ctx context.Context, in *deleteCompaniesInput) (*struct{ Body []string }, error) {
	ids, err := parseCompanyFilter(in.Filter)
	if err != nil {
		return nil, huma.Error422UnprocessableEntity("validation failed", &huma.ErrorDetail{Location: "query.filter", Value: in.Filter, Message: err.Error()})
	}
	deleted := make([]string, 0, len(ids))
	for _, id := range ids {
		_, err := c.repo.Delete(ctx, companyKey(id))
		switch {
		case errors.Is(err, repo.ErrNotFound):
		case err != nil:
			return nil, rest.Problem(ctx, c.log, c.what(id), err)
		default:
			deleted = append(deleted, id)
		}
	}
	return &struct{ Body []string }{deleted}, nil
}
