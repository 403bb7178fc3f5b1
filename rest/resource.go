package rest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/dynabase/dynabase/repo"
)

// Resource is a collection of T served at Path, each item at Path/{id}.
type Resource[T any] struct {
	// Name is the singular noun used in operation IDs, summaries and
	// messages ("company").
	Name string
	// Path is the collection's path ("/companies").
	Path string
	// Repo stores the items.
	Repo *repo.Repository[T]
	// Key turns an item's id into its repository key, and ID the stored
	// content back into the id. SetID, when set, writes the id into T
	// before it is returned, so the body carries it.
	Key   func(id string) repo.Key
	ID    func(c repo.Content[T]) string
	SetID func(item *T, id string)
	// NewID makes the id of an item created with POST Path; without it
	// there is no POST.
	NewID func(item *T) (string, error)
	// IDFormat, when set, is the JSON Schema format every id must have
	// ("uuid"): another id is answered 422 at path.id, and the OpenAPI
	// document says so.
	IDFormat string
	// BeforeWrite, when set, is called with the item about to be stored by
	// POST, PUT or PATCH, and may change it (stamp times, derive fields) or
	// refuse it with an error (a huma error, or 422 for any other).
	// previous is the stored item when the operation read it (PATCH), nil
	// otherwise.
	BeforeWrite func(item *T, previous *T) error
	// Operations selects the generated operations (default AllOperations);
	// custom ones registered with huma.Register take the others' places.
	Operations Operations
	// List is the query behind GET Path (default: every item, a Scan).
	List repo.Query
	// MaxBodyBytes caps request bodies (default 64 KiB); larger bodies are
	// answered 413.
	MaxBodyBytes int64
	// Logger receives store failures (default slog.Default()).
	Logger *slog.Logger
}

// Limits of ?limit=.
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// Input and output shapes, shared by every resource.
type (
	getInput struct {
		ID          string `path:"id" doc:"The item's id."`
		IfNoneMatch string `header:"If-None-Match" doc:"Answer 304 when the item's ETag is one of these."`
	}
	writeInput[T any] struct {
		ID          string `path:"id" doc:"The item's id."`
		IfMatch     string `header:"If-Match" doc:"Write only when the item's ETag is one of these (412 otherwise)."`
		IfNoneMatch string `header:"If-None-Match" doc:"* writes only when the item does not exist (412 otherwise)."`
		Body        T
	}
	patchInput struct {
		ID      string `path:"id" doc:"The item's id."`
		IfMatch string `header:"If-Match" doc:"Write only when the item's ETag is one of these (412 otherwise)."`
		RawBody []byte `contentType:"application/merge-patch+json"`
	}
	deleteInput struct {
		ID      string `path:"id" doc:"The item's id."`
		IfMatch string `header:"If-Match" doc:"Delete only when the item's ETag is one of these (412 otherwise)."`
	}
	createInput[T any] struct {
		Body T
	}
	noContent struct{}
)

// PageParams are the query parameters of a paged list; embed them in the
// input of a custom list operation.
type PageParams struct {
	Limit  int    `query:"limit" minimum:"1" maximum:"1000" default:"50" doc:"Items per page."`
	Cursor string `query:"cursor" doc:"Where the page starts: the cursor of the previous page's Link rel=next."`
}

// ItemOutput is the answer carrying one item: its ETag, where it lives
// (for 201), and the item.
type ItemOutput[T any] struct {
	Status   int
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     T
}

// ListOutput is the answer of a paged list: the items as a plain JSON
// array and the next page's link.
type ListOutput[T any] struct {
	Link string `header:"Link" doc:"<...>; rel=\"next\" when another page follows."`
	Body []T
}

// NextLink is the Link header value of the page after one that ended with
// the cursor next ("" when it is the last): path with query, the limit and
// the cursor.
func NextLink(path string, query url.Values, limit int, next string) string {
	if next == "" {
		return ""
	}
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("limit", strconv.Itoa(limit))
	q.Set("cursor", next)
	return fmt.Sprintf(`<%s?%s>; rel="next"`, path, q.Encode())
}

// Register adds the resource's operations to api.
func Register[T any](api huma.API, res Resource[T]) error {
	if res.Name == "" || res.Path == "" || res.Repo == nil || res.Key == nil || res.ID == nil {
		return errors.New("rest: Register: Name, Path, Repo, Key and ID are required")
	}
	if res.MaxBodyBytes == 0 {
		res.MaxBodyBytes = 64 << 10
	}
	if res.Logger == nil {
		res.Logger = slog.Default()
	}
	if res.List.Index == "" && res.List.PartitionIDs == nil {
		res.List.Scan = true
	}
	if res.Operations == 0 {
		res.Operations = AllOperations
	}
	r := &resource[T]{Resource: res, api: api}
	item := res.Path + "/{id}"
	tags := []string{res.Name}
	ops := res.Operations

	if ops.Has(List) {
		huma.Register(api, huma.Operation{OperationID: "list-" + res.Name, Method: http.MethodGet, Path: res.Path,
			Summary: "List " + res.Name + " items", Tags: tags, Errors: []int{400, 422}}, r.list)
	}
	if ops.Has(Get) {
		huma.Register(api, huma.Operation{OperationID: "get-" + res.Name, Method: http.MethodGet, Path: item,
			Summary: "Get a " + res.Name, Tags: tags, Errors: []int{304, 400, 404, 422}}, r.get)
	}
	if ops.Has(Create) {
		if res.NewID == nil {
			return errors.New("rest: Register: the Create operation needs NewID")
		}
		huma.Register(api, huma.Operation{OperationID: "create-" + res.Name, Method: http.MethodPost, Path: res.Path,
			Summary: "Create a " + res.Name, Tags: tags, DefaultStatus: http.StatusCreated, MaxBodyBytes: res.MaxBodyBytes,
			Errors: []int{400, 409, 413, 422}}, r.create)
	}
	if ops.Has(Replace) {
		huma.Register(api, huma.Operation{OperationID: "replace-" + res.Name, Method: http.MethodPut, Path: item,
			Summary: "Create or replace a " + res.Name, Tags: tags, MaxBodyBytes: res.MaxBodyBytes,
			Errors: []int{400, 412, 413, 422}}, r.replace)
	}
	if ops.Has(Patch) {
		huma.Register(api, huma.Operation{OperationID: "patch-" + res.Name, Method: http.MethodPatch, Path: item,
			Summary: "Change a " + res.Name + " with a JSON Merge Patch (RFC 7396)", Tags: tags, MaxBodyBytes: res.MaxBodyBytes,
			Errors: []int{400, 404, 409, 412, 413, 422}}, r.patch)
		// The merge patch body is T with every member optional; say so in
		// the document rather than "binary".
		p := api.OpenAPI().Paths[item].Patch
		p.RequestBody.Required = true
		p.RequestBody.Content = map[string]*huma.MediaType{"application/merge-patch+json": {Schema: r.schema()}}
	}
	if ops.Has(Delete) {
		huma.Register(api, huma.Operation{OperationID: "delete-" + res.Name, Method: http.MethodDelete, Path: item,
			Summary: "Delete a " + res.Name, Tags: tags, DefaultStatus: http.StatusNoContent,
			Errors: []int{400, 404, 412, 422}}, r.delete)
	}
	if res.IDFormat != "" {
		documentIDFormat(api.OpenAPI().Paths[item], res.IDFormat)
	}
	return nil
}

// documentIDFormat gives the id parameter of every operation on an item
// path its format.
func documentIDFormat(p *huma.PathItem, format string) {
	if p == nil {
		return
	}
	for _, op := range []*huma.Operation{p.Get, p.Put, p.Patch, p.Delete} {
		if op == nil {
			continue
		}
		for _, param := range op.Parameters {
			if param.In == "path" && param.Name == "id" && param.Schema != nil {
				s := *param.Schema
				s.Format = format
				param.Schema = &s
			}
		}
	}
}

type resource[T any] struct {
	Resource[T]
	api huma.API
}

// schema is T's JSON Schema.
func (r *resource[T]) schema() *huma.Schema {
	return r.api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[T](), true, "")
}

// checkID answers 422 at path.id when id lacks the resource's IDFormat.
func (r *resource[T]) checkID(id string) error {
	if r.IDFormat == "" {
		return nil
	}
	return CheckFormat("path.id", id, r.IDFormat)
}

// beforeWrite runs the BeforeWrite hook.
func (r *resource[T]) beforeWrite(item *T, previous *T) error {
	if r.BeforeWrite == nil {
		return nil
	}
	err := r.BeforeWrite(item, previous)
	var se huma.StatusError
	if err != nil && !errors.As(err, &se) {
		return huma.Error422UnprocessableEntity(err.Error())
	}
	return err
}

func (r *resource[T]) what(id string) string { return fmt.Sprintf("%s %q", r.Name, id) }

// Item is stored content as the API shows it: the item with its id set
// (SetID).
func (res Resource[T]) Item(c repo.Content[T]) T {
	item := c.Item
	if res.SetID != nil {
		res.SetID(&item, res.ID(c))
	}
	return item
}

// Output is the answer for stored content: the item as Item shows it, and
// its ETag.
func (res Resource[T]) Output(c repo.Content[T], status int) *ItemOutput[T] {
	return &ItemOutput[T]{Status: status, ETag: ETag(c.Version), Body: res.Item(c)}
}

// PageOutput is the answer for a page of a list: its items, each as item
// shows it, and the Link to the next page (NextLink of path, query and
// limit).
func PageOutput[T, S any](page repo.Page[S], item func(repo.Content[S]) T, path string, query url.Values, limit int) *ListOutput[T] {
	out := &ListOutput[T]{Body: make([]T, 0, len(page.Items))}
	for _, c := range page.Items {
		out.Body = append(out.Body, item(c))
	}
	out.Link = NextLink(path, query, limit, page.Next)
	return out
}

func (r *resource[T]) list(ctx context.Context, in *PageParams) (*ListOutput[T], error) {
	page, err := r.Repo.Page(ctx, r.List, in.Limit, in.Cursor)
	if err != nil {
		return nil, problem(ctx, r.Logger, r.Name+" list", err, false)
	}
	return PageOutput(page, r.Item, r.Path, nil, in.Limit), nil
}

func (r *resource[T]) get(ctx context.Context, in *getInput) (*ItemOutput[T], error) {
	if err := r.checkID(in.ID); err != nil {
		return nil, err
	}
	none, err := parsePreconditions("If-None-Match", in.IfNoneMatch)
	if err != nil {
		return nil, err
	}
	c, err := r.Repo.Get(ctx, r.Key(in.ID))
	if err != nil {
		return nil, problem(ctx, r.Logger, r.what(in.ID), err, false)
	}
	if none.matches(c.Version) {
		return nil, huma.ErrorWithHeaders(huma.Status304NotModified(), http.Header{"ETag": {ETag(c.Version)}})
	}
	return r.Output(c, http.StatusOK), nil
}

func (r *resource[T]) create(ctx context.Context, in *createInput[T]) (*ItemOutput[T], error) {
	id, err := r.NewID(&in.Body)
	if err != nil {
		return nil, huma.Error422UnprocessableEntity(err.Error())
	}
	if err := r.beforeWrite(&in.Body, nil); err != nil {
		return nil, err
	}
	k := r.Key(id)
	c, err := r.Repo.Put(ctx, repo.Content[T]{PartitionIDs: k.PartitionIDs, ContentIDs: k.ContentIDs, Item: in.Body}, repo.IfAbsent())
	if err != nil {
		return nil, problem(ctx, r.Logger, r.what(id), err, false)
	}
	out := r.Output(c, http.StatusCreated)
	out.Location = r.Path + "/" + url.PathEscape(id)
	return out, nil
}

// writeConditions turns If-Match / If-None-Match into the write's
// condition, checked atomically by DynamoDB.
func writeConditions(ifMatch, ifNoneMatch string) ([]repo.WriteOption, bool, error) {
	match, err := parsePreconditions("If-Match", ifMatch)
	if err != nil {
		return nil, false, err
	}
	none, err := parsePreconditions("If-None-Match", ifNoneMatch)
	if err != nil {
		return nil, false, err
	}
	switch {
	case none.present && !none.any:
		return nil, false, huma.Error400BadRequest("If-None-Match on a write takes only *")
	case none.any && match.present:
		return nil, false, huma.Error400BadRequest("If-Match and If-None-Match exclude each other")
	case none.any:
		return []repo.WriteOption{repo.IfAbsent()}, true, nil
	case match.present:
		return []repo.WriteOption{repo.When(match.filter())}, true, nil
	}
	return nil, false, nil
}

func (r *resource[T]) replace(ctx context.Context, in *writeInput[T]) (*ItemOutput[T], error) {
	if err := r.checkID(in.ID); err != nil {
		return nil, err
	}
	opts, conditional, err := writeConditions(in.IfMatch, in.IfNoneMatch)
	if err != nil {
		return nil, err
	}
	if err := r.beforeWrite(&in.Body, nil); err != nil {
		return nil, err
	}
	k := r.Key(in.ID)
	c, err := r.Repo.Put(ctx, repo.Content[T]{PartitionIDs: k.PartitionIDs, ContentIDs: k.ContentIDs, Item: in.Body}, opts...)
	if err != nil {
		return nil, problem(ctx, r.Logger, r.what(in.ID), err, conditional)
	}
	status := http.StatusOK
	if c.Version == 1 {
		status = http.StatusCreated
	}
	return r.Output(c, status), nil
}

// patchRetries bounds how often an unconditional PATCH re-reads and
// re-applies itself when another write got in between.
const patchRetries = 5

func (r *resource[T]) patch(ctx context.Context, in *patchInput) (*ItemOutput[T], error) {
	if err := r.checkID(in.ID); err != nil {
		return nil, err
	}
	match, err := parsePreconditions("If-Match", in.IfMatch)
	if err != nil {
		return nil, err
	}
	var patch any
	if err := json.Unmarshal(in.RawBody, &patch); err != nil {
		return nil, huma.Error400BadRequest("the body is not JSON: " + err.Error())
	}
	if _, ok := patch.(map[string]any); !ok {
		return nil, huma.Error422UnprocessableEntity("a merge patch of a " + r.Name + " must be a JSON object")
	}
	for attempt := 1; ; attempt++ {
		cur, err := r.Repo.Get(ctx, r.Key(in.ID))
		if err != nil {
			return nil, problem(ctx, r.Logger, r.what(in.ID), err, false)
		}
		if match.present && !match.matches(cur.Version) {
			return nil, huma.Error412PreconditionFailed(r.what(in.ID) + " has changed: its ETag no longer matches")
		}
		// The patch applies to the item as GET shows it, id included, so
		// that a format on the id holds for the merged document too.
		if r.SetID != nil {
			r.SetID(&cur.Item, r.ID(cur))
		}
		next, err := r.applyPatch(cur.Item, patch)
		if err != nil {
			return nil, err
		}
		if err := r.beforeWrite(&next, &cur.Item); err != nil {
			return nil, err
		}
		cur.Item = next
		stored, err := r.Repo.Put(ctx, cur, repo.IfVersion(cur.Version))
		if err == nil {
			return r.Output(stored, http.StatusOK), nil
		}
		if !errors.Is(err, repo.ErrVersionConflict) || match.present || attempt == patchRetries {
			return nil, problem(ctx, r.Logger, r.what(in.ID), err, match.present)
		}
	}
}

// applyPatch merges patch into item's JSON form and checks the result
// against T's schema, as a PUT body would be.
func (r *resource[T]) applyPatch(item T, patch any) (T, error) {
	var zero T
	raw, err := json.Marshal(item)
	if err != nil {
		return zero, fmt.Errorf("rest: encode %T: %w", item, err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return zero, fmt.Errorf("rest: decode %T: %w", item, err)
	}
	doc = mergePatch(doc, patch)
	registry := r.api.OpenAPI().Components.Schemas
	res := &huma.ValidateResult{}
	huma.Validate(registry, r.schema(), huma.NewPathBuffer([]byte("body"), len("body")), huma.ModeWriteToServer, doc, res)
	if len(res.Errors) > 0 {
		return zero, huma.Error422UnprocessableEntity("validation failed", res.Errors...)
	}
	merged, _ := json.Marshal(doc)
	var out T
	if err := json.Unmarshal(merged, &out); err != nil {
		return zero, huma.Error422UnprocessableEntity("the patched " + r.Name + " does not fit: " + err.Error())
	}
	return out, nil
}

func (r *resource[T]) delete(ctx context.Context, in *deleteInput) (*noContent, error) {
	if err := r.checkID(in.ID); err != nil {
		return nil, err
	}
	opts, conditional, err := writeConditions(in.IfMatch, "")
	if err != nil {
		return nil, err
	}
	if _, err := r.Repo.Delete(ctx, r.Key(in.ID), opts...); err != nil {
		return nil, problem(ctx, r.Logger, r.what(in.ID), err, conditional)
	}
	return &noContent{}, nil
}
