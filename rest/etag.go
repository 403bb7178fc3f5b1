package rest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/dynabase/dynabase/repo"
)

// ETag is the entity tag of an item at a version: strong, quoted.
func ETag(version int64) string { return `"v` + strconv.FormatInt(version, 10) + `"` }

// preconditions is a parsed If-Match or If-None-Match header: "*" or the
// versions its entity tags name. Tags this server never issues match
// nothing, as RFC 9110 says of unknown tags.
type preconditions struct {
	present  bool
	any      bool
	versions []int64
}

// parsePreconditions reads an If-Match / If-None-Match value. A value that
// is not a list of entity tags is a client error (400).
func parsePreconditions(header, value string) (preconditions, error) {
	var p preconditions
	value = strings.TrimSpace(value)
	if value == "" {
		return p, nil
	}
	p.present = true
	if value == "*" {
		p.any = true
		return p, nil
	}
	for _, tag := range strings.Split(value, ",") {
		tag = strings.TrimSpace(tag)
		tag = strings.TrimPrefix(tag, "W/")
		if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' || strings.ContainsAny(tag[1:len(tag)-1], "\" ") {
			return p, huma.Error400BadRequest(fmt.Sprintf("%s: %q is not a list of entity tags", header, value))
		}
		if v, err := strconv.ParseInt(strings.TrimPrefix(tag[1:len(tag)-1], "v"), 10, 64); err == nil && strings.HasPrefix(tag[1:], "v") && v > 0 {
			p.versions = append(p.versions, v)
		}
	}
	return p, nil
}

// filter is the condition on the stored item that If-Match p states: its
// version is one of p's (or it exists, for *); none (the zero Filter)
// without a header. Tags this server never issued match nothing.
func (p preconditions) filter() repo.Filter {
	switch {
	case !p.present:
		return repo.Filter{}
	case p.any:
		return repo.Exists(repo.AttrVersion)
	case len(p.versions) == 0:
		return repo.Eq(repo.AttrVersion, int64(-1))
	}
	vs := make([]any, len(p.versions))
	for i, v := range p.versions {
		vs[i] = v
	}
	return repo.In(repo.AttrVersion, vs...)
}

// Precondition is an If-Match header read for a custom write.
type Precondition struct{ p preconditions }

// IfMatch reads an If-Match header for a custom write; a malformed header
// is a 400. When it is Present, give the write its Filter (repo.When,
// UpdateCommand.Condition), so the check is atomic, and answer the write's
// error with ConditionalProblem, so a stale tag is a 412.
func IfMatch(header string) (Precondition, error) {
	p, err := parsePreconditions("If-Match", header)
	return Precondition{p}, err
}

// Present reports whether there was an If-Match header.
func (c Precondition) Present() bool { return c.p.present }

// Filter is the condition on the stored item the header states; none (the
// zero Filter) without a header.
func (c Precondition) Filter() repo.Filter { return c.p.filter() }

// Matches reports whether an item at version meets the header (for a
// write that turns out to write nothing).
func (c Precondition) Matches(version int64) bool { return !c.p.present || c.p.matches(version) }

// matches reports whether an item at version (0: absent) matches.
func (p preconditions) matches(version int64) bool {
	if version == 0 {
		return false
	}
	if p.any {
		return true
	}
	for _, v := range p.versions {
		if v == version {
			return true
		}
	}
	return false
}
