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
	huma.Validate(huma.NewMapRegistry("#/components/schemas/", huma.DefaultSchemaNamer), schema,
		huma.NewPathBuffer([]byte(location), len(location)), huma.ModeWriteToServer, value, res)
	if len(res.Errors) > 0 {
		return huma.Error422UnprocessableEntity("validation failed", res.Errors...)
	}
	return nil
}
