package expr

import "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

// Document paths against items: the lookups that conditions, updates and
// projections share. A path that does not lead to a value is "absent"
// (nil), whatever the reason: a missing attribute or map key, an index past
// the end of a list, or a step into a value of the wrong type (a.b where a
// is a list or a string, a[0] where a is a map). DynamoDB makes no
// difference between these in conditions and projections; updates check
// the parents of their target paths themselves (see update.go).

// elemName is the attribute name or map key a path element stands for. ok
// is false for an index, or for a placeholder the request does not define
// (binding rejects those; evaluation treats them as absent rather than
// panic). A nil env defines no placeholders.
func elemName(env *Env, el PathElem) (name string, ok bool) {
	if el.IsIndex {
		return "", false
	}
	if !el.Placeholder {
		return el.Name, true
	}
	if env == nil {
		return "", false
	}
	name, ok = env.Names[el.Name]
	return name, ok
}

// valueOf is the value a placeholder stands for, or nil when the request
// does not define it.
func valueOf(env *Env, ref *ValueRef) types.AttributeValue {
	if env == nil || ref == nil {
		return nil
	}
	return env.value(ref)
}

// resolve returns the value at p in item, or nil when p does not lead to a
// value (never a typed nil). It does not allocate.
func resolve(item map[string]types.AttributeValue, p Path, env *Env) types.AttributeValue {
	if len(p) == 0 {
		return nil
	}
	name, ok := elemName(env, p[0])
	if !ok {
		return nil
	}
	av := item[name]
	for _, el := range p[1:] {
		if av = step(av, el, env); av == nil {
			return nil
		}
	}
	if !present(av) {
		return nil
	}
	return av
}

// step goes one element down from av: a map key or a list index.
func step(av types.AttributeValue, el PathElem, env *Env) types.AttributeValue {
	if el.IsIndex {
		l, ok := av.(*types.AttributeValueMemberL)
		if !ok || l == nil || el.Index < 0 || el.Index >= len(l.Value) {
			return nil
		}
		return l.Value[el.Index]
	}
	m, ok := av.(*types.AttributeValueMemberM)
	if !ok || m == nil {
		return nil
	}
	name, ok := elemName(env, el)
	if !ok {
		return nil
	}
	return m.Value[name]
}

// present reports whether av is a value rather than absent. A typed nil
// (a nil *AttributeValueMemberS, say) counts as absent: it carries no value
// and reading it would panic.
func present(av types.AttributeValue) bool {
	switch v := av.(type) {
	case nil:
		return false
	case *types.AttributeValueMemberS:
		return v != nil
	case *types.AttributeValueMemberN:
		return v != nil
	case *types.AttributeValueMemberB:
		return v != nil
	case *types.AttributeValueMemberBOOL:
		return v != nil
	case *types.AttributeValueMemberNULL:
		return v != nil
	case *types.AttributeValueMemberSS:
		return v != nil
	case *types.AttributeValueMemberNS:
		return v != nil
	case *types.AttributeValueMemberBS:
		return v != nil
	case *types.AttributeValueMemberL:
		return v != nil
	case *types.AttributeValueMemberM:
		return v != nil
	}
	return false
}
