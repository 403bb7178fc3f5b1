package expr

import "github.com/dynabase/dynabase/engine/apierr"

// A KeyConditionExpression parses and binds like a condition, but DynamoDB
// then takes it apart into one condition per key attribute, and rejects
// what it cannot take apart. These messages have no "Invalid
// KeyConditionExpression:" prefix.

// CheckKeyCondition checks a bound KeyConditionExpression the way DynamoDB
// takes it apart: conditions joined by AND, each a comparison other than
// <>, BETWEEN or begins_with, on one top-level attribute (written first
// for BETWEEN and begins_with), each attribute at most once. The checks
// against the table's key schema (which attributes, how many conditions,
// which operators on the partition key) are the caller's, after these.
// DynamoDB makes them after Unused, so call it after Unused.
func (e *Env) CheckKeyCondition(c Cond) error {
	seen := make(map[string]struct{}, 2)
	return e.keyCondition(c, seen)
}

func (e *Env) keyCondition(c Cond, seen map[string]struct{}) error {
	var op string
	var operands []Operand
	switch c := c.(type) {
	case *And:
		if err := e.keyCondition(c.Left, seen); err != nil {
			return err
		}
		return e.keyCondition(c.Right, seen)
	case *Comparison:
		if c.Op == Ne {
			return invalidKeyOperator("<>")
		}
		op, operands = c.Op.String(), []Operand{c.Left, c.Right}
	case *Between:
		op, operands = "BETWEEN", []Operand{c.Operand, c.Low, c.High}
	case *BeginsWith:
		op, operands = "begins_with", []Operand{c.Operand, c.Prefix}
	case *Or:
		return invalidKeyOperator("OR")
	case *Not:
		return invalidKeyOperator("NOT")
	case *In:
		return invalidKeyOperator("IN")
	case *AttributeExists:
		return invalidKeyOperator("attribute_exists")
	case *AttributeNotExists:
		return invalidKeyOperator("attribute_not_exists")
	case *AttributeType:
		return invalidKeyOperator("attribute_type")
	case *Contains:
		return invalidKeyOperator("contains")
	default:
		return apierr.Validation("Invalid condition in KeyConditionExpression: No operator specified for condition")
	}
	var key string
	found := false
	for _, o := range operands {
		switch o := o.(type) {
		case *PathOperand:
			if found {
				return apierr.Validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
			}
			if len(o.Path) > 1 {
				return apierr.Validation("KeyConditionExpressions cannot have conditions on nested attributes")
			}
			key, found = e.name(o.Path[0]), true
		case *ValueRef:
			if !found && (op == "BETWEEN" || op == "begins_with") {
				return apierr.Validation("Invalid condition in KeyConditionExpression: " + op + " operator must have the key attribute as its first operand")
			}
		default:
			return apierr.Validation("KeyConditionExpressions cannot contain nested operations")
		}
	}
	if !found {
		return apierr.Validation("Invalid condition in KeyConditionExpression: No key attribute specified")
	}
	if _, dup := seen[key]; dup {
		return apierr.Validation("KeyConditionExpressions must only contain one condition per key")
	}
	seen[key] = struct{}{}
	return nil
}

func invalidKeyOperator(op string) error {
	return apierr.Validation("Invalid operator used in KeyConditionExpression: " + op)
}
