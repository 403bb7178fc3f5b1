package expr

import "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

// Env is one request's ExpressionAttributeNames and
// ExpressionAttributeValues. The binding checks (bind.go) record which
// placeholders the request's expressions use; evaluation resolves
// placeholders through it.
type Env struct {
	Names  map[string]string
	Values map[string]types.AttributeValue

	// usedNames and usedValues are filled by the binding checks, for the
	// "unused in expressions" errors.
	usedNames  map[string]struct{}
	usedValues map[string]struct{}
}

// name is the attribute name a path element stands for ("" for an index
// or an undefined placeholder, which binding has rejected).
func (e *Env) name(el PathElem) string {
	if el.Placeholder {
		return e.Names[el.Name]
	}
	return el.Name
}

// value is the value a placeholder stands for (nil if undefined, which
// binding has rejected).
func (e *Env) value(v *ValueRef) types.AttributeValue {
	return e.Values[v.Name]
}

// AttributeName is the attribute name a path element stands for, with its
// placeholder resolved ("" for an index or an undefined placeholder).
func (e *Env) AttributeName(el PathElem) string { return e.name(el) }

// AttributeValue is the value a placeholder stands for (nil if undefined).
func (e *Env) AttributeValue(v *ValueRef) types.AttributeValue { return e.value(v) }
