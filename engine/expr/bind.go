package expr

import (
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

// Binding: checking one request's expressions against its
// ExpressionAttributeNames and ExpressionAttributeValues, as DynamoDB does
// before it reads any item.
//
// DynamoDB makes these checks in one walk over each expression: operands
// before the operator or function that takes them, left to right; an
// update's actions and a projection's paths last written first. At each
// document path it checks the depth and that every #name is defined; at
// each :value that it is defined; at each operator its operands' types,
// that a path operand is not repeated, and the operator's own rules
// (BETWEEN's bounds, IN's length, attribute_type's type name); and it
// counts operators. The first failure is the error. The walk also records
// which placeholders the request used, for Unused.

// BindCondition checks a parsed condition, filter or key condition against
// e and records the placeholders it uses.
func (e *Env) BindCondition(kind Kind, c Cond) error {
	b := binder{env: e, kind: kind}
	return b.cond(c)
}

// BindUpdate checks a parsed update against e and records the placeholders
// it uses. DynamoDB goes over the actions (last written first) twice: first
// each action's path, which must not overlap or conflict with the paths
// already seen; then each action's value (and ADD's and DELETE's value
// types).
func (e *Env) BindUpdate(u *Update) error {
	b := binder{env: e, kind: UpdateExpr}
	var tree pathNode
	err := eachAction(u, func(path Path, _ Operand, _ *ValueRef, _ uint8) error {
		if err := b.docPath(path); err != nil {
			return err
		}
		return tree.add(b.kind, b.resolve(path))
	})
	if err != nil {
		return err
	}
	return eachAction(u, func(_ Path, value Operand, ref *ValueRef, section uint8) error {
		switch section {
		case sectionSet:
			_, err := b.operand(value)
			return err
		case sectionAdd:
			return b.addDelete(ref, "ADD", typesAddable, "ALLOWED_FOR_ADD_OPERAND")
		case sectionDelete:
			return b.addDelete(ref, "DELETE", typesDeletable, "ALLOWED_FOR_DELETE_OPERAND")
		}
		return nil
	})
}

// eachAction calls f for u's actions, last written first, until f fails.
// value is a SET action's value, ref an ADD or DELETE action's.
func eachAction(u *Update, f func(path Path, value Operand, ref *ValueRef, section uint8) error) error {
	order := sectionOrder(u)
	for s := len(order) - 1; s >= 0; s-- {
		var err error
		switch order[s] {
		case sectionSet:
			for i := len(u.Set) - 1; i >= 0 && err == nil; i-- {
				err = f(u.Set[i].Path, u.Set[i].Value, nil, sectionSet)
			}
		case sectionRemove:
			for i := len(u.Remove) - 1; i >= 0 && err == nil; i-- {
				err = f(u.Remove[i], nil, nil, sectionRemove)
			}
		case sectionAdd:
			for i := len(u.Add) - 1; i >= 0 && err == nil; i-- {
				err = f(u.Add[i].Path, nil, u.Add[i].Value, sectionAdd)
			}
		case sectionDelete:
			for i := len(u.Delete) - 1; i >= 0 && err == nil; i-- {
				err = f(u.Delete[i].Path, nil, u.Delete[i].Value, sectionDelete)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// BindProjection checks a parsed projection against e and records the
// names it uses. Its paths must not overlap or conflict.
func (e *Env) BindProjection(p Projection) error {
	b := binder{env: e, kind: ProjectionExpr}
	var tree pathNode
	for i := len(p) - 1; i >= 0; i-- {
		if err := b.target(&tree, p[i]); err != nil {
			return err
		}
	}
	return nil
}

// ParseError returns the error DynamoDB reports for a request with e's
// names and values whose expression failed to parse with err. Most parse
// errors are final and returned as they are; a few (a function's operand
// count, an operand that must be a document path) DynamoDB finds during
// the walk above, so a placeholder problem the walk meets first wins.
func (e *Env) ParseError(err error) error {
	d, ok := err.(*deferredError)
	if !ok {
		return err
	}
	if d.update != nil {
		if berr := e.BindUpdate(d.update); berr != nil {
			return berr
		}
	} else if berr := e.BindCondition(d.kind, d.cond); berr != nil {
		return berr
	}
	return apierr.Validation(d.msg)
}

// Condition, Update and Projection parse an expression through the cache
// c (nil to parse every time) and bind it: the one call to make per
// expression of a request, in DynamoDB's order, before Unused.
func (e *Env) Condition(c *Cache, kind Kind, src string) (Cond, error) {
	cond, err := c.Condition(kind, src)
	if err != nil {
		return nil, e.ParseError(err)
	}
	if err := e.BindCondition(kind, cond); err != nil {
		return nil, err
	}
	return cond, nil
}

// Update is Condition for an UpdateExpression.
func (e *Env) Update(c *Cache, src string) (*Update, error) {
	u, err := c.Update(src)
	if err != nil {
		return nil, e.ParseError(err)
	}
	if err := e.BindUpdate(u); err != nil {
		return nil, err
	}
	return u, nil
}

// Projection is Condition for a ProjectionExpression.
func (e *Env) Projection(c *Cache, src string) (Projection, error) {
	p, err := c.Projection(src)
	if err != nil {
		return nil, e.ParseError(err)
	}
	if err := e.BindProjection(p); err != nil {
		return nil, err
	}
	return p, nil
}

// binder is the state of one expression's walk.
type binder struct {
	env  *Env
	kind Kind
	ops  int // operators counted so far
}

// checked is what the walk knows of a checked operand.
type checked struct {
	path  Path                 // a document path (nil otherwise)
	value types.AttributeValue // a :value's value (nil otherwise)
	types typeSet              // the types it can have
}

// typeName is how DynamoDB prints o's type in "operand type: ...".
func (o checked) typeName() string { return typesName(o.types) }

// addDelete checks the :value of ADD or DELETE and its type.
func (b *binder) addDelete(v *ValueRef, op string, accepts typeSet, setName string) error {
	o, err := b.operand(v)
	if err != nil {
		return err
	}
	if o.types&accepts == 0 {
		return invalid(b.kind, msgOperandType, "operator", op, "operand type", o.types.longName(), "typeSet", setName)
	}
	return nil
}

// target checks a path, then adds it to tree.
func (b *binder) target(tree *pathNode, path Path) error {
	if err := b.docPath(path); err != nil {
		return err
	}
	return tree.add(b.kind, b.resolve(path))
}

// docPath checks a document path: its depth, then its placeholders.
func (b *binder) docPath(p Path) error {
	if len(p) > maxPathDepth {
		return invalid(b.kind, msgPathTooDeep, "nesting levels", strconv.Itoa(len(p)))
	}
	for _, el := range p {
		if !el.Placeholder {
			continue
		}
		if strings.HasPrefix(el.Name, ":") {
			// DynamoDB looks a :value step up among the names and (except
			// in a projection) the values: undefined, it is an undefined
			// name; defined, it selects by value, which the AST cannot
			// express.
			if _, ok := b.env.Values[el.Name]; ok && b.kind != ProjectionExpr {
				return apierr.Validation(unsupportedMessage(b.kind, "a document path step "+el.Name))
			}
			return invalid(b.kind, msgNameUndefined, "attribute name", el.Name)
		}
		b.env.useName(el.Name)
		if _, ok := b.env.Names[el.Name]; !ok {
			return invalid(b.kind, msgNameUndefined, "attribute name", el.Name)
		}
	}
	return nil
}

// resolve is p's steps with placeholders replaced by the names they stand
// for.
func (b *binder) resolve(p Path) []pathStep {
	steps := make([]pathStep, len(p))
	for i, el := range p {
		switch {
		case el.IsIndex:
			steps[i] = pathStep{index: el.Index, isIndex: true}
		default:
			steps[i] = pathStep{name: b.env.name(el)}
		}
	}
	return steps
}

// samePath reports whether two paths name the same attribute.
func (b *binder) samePath(x, y Path) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i].IsIndex != y[i].IsIndex || x[i].IsIndex && x[i].Index != y[i].Index ||
			!x[i].IsIndex && b.env.name(x[i]) != b.env.name(y[i]) {
			return false
		}
	}
	return true
}

// value checks a :value placeholder.
func (b *binder) value(v *ValueRef) (types.AttributeValue, error) {
	b.env.useValue(v.Name)
	av, ok := b.env.Values[v.Name]
	if !ok {
		return nil, invalid(b.kind, msgValueUndefined, "attribute value", v.Name)
	}
	return av, nil
}

// operand walks an operand.
func (b *binder) operand(o Operand) (checked, error) {
	switch o := o.(type) {
	case *PathOperand:
		return b.pathOperand(o.Path)
	case *ValueRef:
		av, err := b.value(o)
		if err != nil {
			return checked{}, err
		}
		return checked{value: av, types: valueType(av)}, nil
	case *Size:
		var k checked
		var err error
		if o.Value != nil {
			k, err = b.operand(o.Value)
		} else {
			k, err = b.pathOperand(o.Path)
		}
		if err != nil {
			return checked{}, err
		}
		return checked{types: typeN}, b.function(fnSize, []checked{k})
	case *IfNotExists:
		k, err := b.pathOperand(o.Path)
		if err != nil {
			return checked{}, err
		}
		kids, err := b.operands(append(make([]checked, 0, 2), k), o.Default)
		if err != nil {
			return checked{}, err
		}
		return checked{types: typesAll}, b.function(fnIfNotExists, kids)
	case *ListAppend:
		kids, err := b.operands(make([]checked, 0, 2), o.First, o.Second)
		if err != nil {
			return checked{}, err
		}
		return checked{types: typeL}, b.function(fnListAppend, kids)
	case *Arithmetic:
		kids, err := b.operands(make([]checked, 0, 2), o.Left, o.Right)
		if err != nil {
			return checked{}, err
		}
		return checked{types: typeN}, b.operator(string(o.Op), kids, typeN, false)
	case *badCall:
		return checked{}, b.badCall(o)
	}
	return checked{types: typesAll}, nil
}

// pathOperand walks a document path operand.
func (b *binder) pathOperand(p Path) (checked, error) {
	if err := b.docPath(p); err != nil {
		return checked{}, err
	}
	return checked{path: p, types: typesAll}, nil
}

// operands walks operands left to right, appending them to kids.
func (b *binder) operands(kids []checked, os ...Operand) ([]checked, error) {
	for _, o := range os {
		k, err := b.operand(o)
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	return kids, nil
}

// cond walks a condition.
func (b *binder) cond(c Cond) error {
	var buf [3]checked
	switch c := c.(type) {
	case *Comparison:
		kids, err := b.operands(buf[:0], c.Left, c.Right)
		if err != nil {
			return err
		}
		return b.operator(c.Op.String(), kids, comparatorAccepts(c.Op), true)
	case *Between:
		kids, err := b.operands(buf[:0], c.Operand, c.Low, c.High)
		if err != nil {
			return err
		}
		return b.operator("BETWEEN", kids, typesScalar, true)
	case *In:
		kids, err := b.operands(buf[:0], c.Operand)
		if err == nil {
			kids, err = b.operands(kids, c.List...)
		}
		if err != nil {
			return err
		}
		return b.operator("IN", kids, typesAll, true)
	case *And:
		return b.logical(c.Left, c.Right)
	case *Or:
		return b.logical(c.Left, c.Right)
	case *Not:
		return b.logical(c.Cond, nil)
	case *AttributeExists:
		return b.pathFunction(fnAttributeExists, c.Path, nil)
	case *AttributeNotExists:
		return b.pathFunction(fnAttributeNotExists, c.Path, nil)
	case *AttributeType:
		if c.Value != nil {
			kids, err := b.operands(buf[:0], c.Value, c.Type)
			if err != nil {
				return err
			}
			return b.function(fnAttributeType, kids)
		}
		return b.pathFunction(fnAttributeType, c.Path, c.Type)
	case *BeginsWith:
		kids, err := b.operands(buf[:0], c.Operand, c.Prefix)
		if err != nil {
			return err
		}
		return b.function(fnBeginsWith, kids)
	case *Contains:
		kids, err := b.operands(buf[:0], c.Operand, c.Value)
		if err != nil {
			return err
		}
		return b.function(fnContains, kids)
	case *badCall:
		return b.badCall(c)
	}
	return nil
}

// logical walks the operands of AND, OR or NOT (right is nil), then
// counts it.
func (b *binder) logical(left, right Cond) error {
	if err := b.cond(left); err != nil {
		return err
	}
	if right != nil {
		if err := b.cond(right); err != nil {
			return err
		}
	}
	return b.count()
}

// pathFunction walks a function of a document path and, if second is not
// nil, one more operand.
func (b *binder) pathFunction(fn fnID, p Path, second Operand) error {
	var buf [2]checked
	k, err := b.pathOperand(p)
	if err != nil {
		return err
	}
	kids := append(buf[:0], k)
	if second != nil {
		if kids, err = b.operands(kids, second); err != nil {
			return err
		}
	}
	return b.function(fn, kids)
}

// function checks a call of a function the AST holds over its checked
// operands.
func (b *binder) function(fn fnID, kids []checked) error {
	f := &functions[fn]
	return b.operator(f.name, kids, f.accepts, f.distinct)
}

// badCall walks a call the AST cannot hold and reports its problem: the
// checks of operator, in DynamoDB's order, ending where the call fails.
func (b *binder) badCall(c *badCall) error {
	kids, err := b.operands(nil, c.args...)
	if err != nil {
		return err
	}
	f := &functions[c.fn]
	if len(kids) != f.operands {
		return invalid(b.kind, msgOperandCount, "operator or function", f.name, "number of operands", strconv.Itoa(len(kids)))
	}
	if err := b.operator(f.name, kids, f.accepts, f.distinct); err != nil {
		return err
	}
	if f.firstIsPath && kids[0].path == nil {
		return invalid(b.kind, msgPathRequired, "operator or function", f.name)
	}
	return apierr.Validation(unsupportedMessage(b.kind, f.name+" of an operand that is not a document path"))
}

// operator checks an operator or function over its checked operands:
// their types, a repeated path operand, the operator's own rules; then
// counts it.
func (b *binder) operator(name string, kids []checked, accepts typeSet, distinct bool) error {
	for _, k := range kids {
		if k.types&accepts == 0 {
			return invalid(b.kind, msgOperandType, "operator or function", name, "operand type", k.typeName())
		}
	}
	if distinct && kids[0].path != nil {
		for _, k := range kids[1:] {
			if k.path != nil && b.samePath(kids[0].path, k.path) {
				return invalid(b.kind, msgRepeatedPath, "operator", name, "first operand", formatSteps(b.resolve(kids[0].path)))
			}
		}
	}
	var err error
	switch name {
	case "BETWEEN":
		err = b.between(kids[1], kids[2])
	case "IN":
		if n := len(kids) - 1; n > maxInOperands {
			err = invalid(b.kind, msgTooManyInOperands, "number of operands", strconv.Itoa(n))
		}
	case "attribute_type":
		err = b.attributeType(kids[1])
	case "attribute_exists", "attribute_not_exists", "if_not_exists":
		if kids[0].path == nil {
			err = invalid(b.kind, msgPathRequired, "operator or function", name)
		}
	}
	if err != nil {
		return err
	}
	return b.count()
}

// count counts one operator against the limit.
func (b *binder) count() error {
	b.ops++
	if b.ops > maxOperators {
		return invalid(b.kind, msgTooManyOperators, "operator count", strconv.Itoa(b.ops))
	}
	return nil
}

// between checks BETWEEN's bounds when both are values: one type, and
// lower <= upper.
func (b *binder) between(low, high checked) error {
	if low.value == nil || high.value == nil {
		return nil
	}
	if low.types != high.types {
		return invalid(b.kind, msgBetweenTypes, "lower bound operand", formatValue(low.value), "upper bound operand", formatValue(high.value))
	}
	if c, ok := value.Compare(low.value, high.value); ok && c > 0 {
		return invalid(b.kind, msgBetweenBounds, "lower bound operand", formatValue(low.value), "upper bound operand", formatValue(high.value))
	}
	return nil
}

// attributeType checks attribute_type's type operand: a value, a string,
// one of the type names.
func (b *binder) attributeType(t checked) error {
	if t.value == nil || t.types != typeS {
		return invalid(b.kind, msgOperandType, "operator or function", "attribute_type", "operand type", t.typeName())
	}
	name := t.value.(*types.AttributeValueMemberS).Value
	for _, n := range typeNames {
		if name == n {
			return nil
		}
	}
	return invalid(b.kind, msgAttributeTypeName, "type", name, "valid types", attributeTypeNames)
}

// valueType is the type of av as a typeSet.
func valueType(av types.AttributeValue) typeSet {
	switch av.(type) {
	case *types.AttributeValueMemberS:
		return typeS
	case *types.AttributeValueMemberN:
		return typeN
	case *types.AttributeValueMemberB:
		return typeB
	case *types.AttributeValueMemberSS:
		return typeSS
	case *types.AttributeValueMemberNS:
		return typeNS
	case *types.AttributeValueMemberBS:
		return typeBS
	case *types.AttributeValueMemberM:
		return typeM
	case *types.AttributeValueMemberL:
		return typeL
	case *types.AttributeValueMemberNULL:
		return typeNULL
	case *types.AttributeValueMemberBOOL:
		return typeBOOL
	}
	return 0
}

// formatValue prints a scalar as DynamoDB's BETWEEN messages do:
// "AttributeValue: {N:5}". A binary prints as the Java buffer holding it,
// as DynamoDB prints it.
func formatValue(av types.AttributeValue) string {
	var b strings.Builder
	b.WriteString("AttributeValue: {")
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		b.WriteString("S:")
		b.WriteString(v.Value)
	case *types.AttributeValueMemberN:
		b.WriteString("N:")
		b.WriteString(v.Value)
	case *types.AttributeValueMemberB:
		n := strconv.Itoa(len(v.Value))
		b.WriteString("B:java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]")
	}
	b.WriteByte('}')
	return b.String()
}

// useName and useValue record a placeholder as used.
func (e *Env) useName(name string) {
	if e.usedNames == nil {
		e.usedNames = make(map[string]struct{}, len(e.Names))
	}
	e.usedNames[name] = struct{}{}
}

func (e *Env) useValue(name string) {
	if e.usedValues == nil {
		e.usedValues = make(map[string]struct{}, len(e.Values))
	}
	e.usedValues[name] = struct{}{}
}
