package rest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
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
