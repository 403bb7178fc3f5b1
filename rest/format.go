package rest

import (
	"github.com/danielgtaylor/huma/v2"
)

// CheckFormat checks value against a JSON Schema string format huma knows
// ("uuid", "date-time", "email", ...) the way huma checks a declared
// parameter, and answers 422 naming location ("path.id") when it does not
// hold. It is for values whose format is decided at run time, such as a
// generic resource's id.
func CheckFormat(location, value, format string) error {
	schema := &huma.Schema{Type: huma.TypeString, Format: format}
	res := &huma.ValidateResult{}
	huma.Validate(noSchemas, schema,
		huma.NewPathBuffer([]byte(location), len(location)), huma.ModeWriteToServer, value, res)
	if len(res.Errors) > 0 {
		return huma.Error422UnprocessableEntity("validation failed", res.Errors...)
	}
	return nil
}

// noSchemas is the registry CheckFormat validates with: a string schema
// refers to no other, so one empty registry serves every call, and none is
// made per request.
var noSchemas = huma.NewMapRegistry("#/components/schemas/", huma.DefaultSchemaNamer)
