// Package rest serves typed CRUD resources over HTTP with Huma v2, backed
// by repo.Repository.
//
// Register a Resource[T] on a huma.API and get list, get, create, replace,
// patch and delete operations described in OpenAPI 3.1, with JSON-Schema
// validation of bodies (422 naming the failing location), RFC 9457 problem
// documents for every error, ETags from the item's version (If-None-Match
// answers 304, a stale If-Match 412, all checked atomically by the write
// itself), JSON Merge Patch (RFC 7396) for PATCH, and cursor pagination
// (?limit= and ?cursor=, a Link rel="next" header, the body a plain JSON
// array).
package rest
