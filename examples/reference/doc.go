// Package reference is the reference system: the REST APIs of the
// well-known FastAPI + DynamoDB tutorials, built with repo and rest, served
// by `dynabase serve` beside the DynamoDB API. Its code is meant to be read
// as the guide to building such a service:
//
//   - companies.go: a resource whose id is derived from the body (the
//     lower-cased name), create-or-replace on the collection, partial
//     updates, and a bulk delete by filter: custom operations beside the
//     generated list and get.
//   - products.go: the tutorial table as it is (product-table, keyed by a
//     plain id, a global index on name and updated_at, a TTL attribute),
//     server-made UUIDs and epoch timestamps stamped by a BeforeWrite hook,
//     and a custom list that queries the index.
//   - articles.go: a unique slug enforced atomically: the article and a
//     claim on its slug are written in one transaction.
//   - actors.go: single-table design: each actor's reviews live in the
//     actor's partition, sorted by time, listed by prefix or range.
//
// New creates every table with repo.EnsureTable and returns the API as an
// http.Handler, described by OpenAPI 3.1 at /openapi.json with interactive
// docs at /docs.
package reference
