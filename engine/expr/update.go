package expr

import (
	"cmp"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

// Applied is the outcome of an UpdateExpression.
type Applied struct {
	// Item is the item after the update: a new item that shares nothing
	// mutable with the old one or with the request's values. The caller
	// adds the key attributes when the item is new, and checks its size.
	//
	// Item is nil when the item did not exist and the update wrote nothing
	// (only REMOVE, or DELETE from sets that are not there): Amazon
	// DynamoDB does not create the item then (ScyllaDB Alternator's
	// test_update_item_non_existent, run against DynamoDB). DynamoDB Local
	// creates an item with only the key.
	Item map[string]types.AttributeValue

	// UpdatedOld and UpdatedNew are the Attributes of ReturnValues
	// UPDATED_OLD and UPDATED_NEW: the old and the new item projected on
	// the paths the update's actions name, shaped as a ProjectionExpression
	// of those paths shapes them. SET a.b = :v returns {"a": {"M": {"b":
	// ...}}}, not all of a; SET l[1] = :v returns l as a one-element list;
	// a path that names nothing (a new attribute in UpdatedOld, a removed
	// one in UpdatedNew, l[100] appended at l[3]) is left out. This is
	// Amazon DynamoDB's behaviour (Alternator's
	// test_update_item_returnvalues_nested, run against DynamoDB);
	// DynamoDB Local returns the whole top-level attributes instead. nil
	// when nothing is left, and DynamoDB then returns no Attributes.
	UpdatedOld, UpdatedNew map[string]types.AttributeValue
}

// The ValidationException messages of failed updates. Amazon DynamoDB and
// DynamoDB Local agree on them.
const (
	msgPathInvalid = "The document path provided in the update expression is invalid for update"
	msgNoAttribute = "The provided expression refers to an attribute that does not exist in the item"
	msgBadOperand  = "An operand in the update expression has an incorrect data type"
)

// Apply applies an UpdateExpression to item (nil when the item does not
// exist yet) and returns the new item without modifying item or anything
// it holds.
//
// DynamoDB's rules, each checked against DynamoDB Local (and Amazon
// DynamoDB where the comments on Applied say so):
//
//   - Every right-hand side reads the old item: "SET a = :v, b = a" copies
//     the old a.
//   - A nested target path needs its parents, for every action: a.b needs
//     a map a, l[2] a list l; otherwise "The document path provided in the
//     update expression is invalid for update". SET or ADD at an index past
//     the end of a list appends, in index order when several do; REMOVE or
//     DELETE there, or of a missing map key, does nothing. On an item that
//     does not exist REMOVE does nothing at all, nested paths included
//     (Amazon DynamoDB; DynamoDB Local fails REMOVE a.b there).
//   - REMOVE of list elements uses the indexes of the old list, as do the
//     other actions in the same expression: "REMOVE l[1] SET l[2] = :v" on
//     [a, b, c] gives [a, :v].
//   - A path or if_not_exists default that names nothing is "The provided
//     expression refers to an attribute that does not exist in the item";
//     both operands of if_not_exists are evaluated. + and - need numbers,
//     list_append lists, ADD a number or set of the value's type, DELETE a
//     set of the value's type; otherwise "An operand in the update
//     expression has an incorrect data type". Arithmetic is DynamoDB's 38
//     digits (value.Add and value.Sub, with their overflow messages).
//   - ADD to a missing attribute stores the value (0 + n for a number);
//     DELETE that empties a set removes it (from its map or list too);
//     DELETE from a missing attribute does nothing.
//
// Errors come in DynamoDB's order: first the request's own values of the
// wrong type, as binding also checks them ("Invalid UpdateExpression:
// Incorrect operand type for operator or function; ..."), then invalid
// target paths, then the actions' values in the order SET, ADD, DELETE,
// each in the order written. When one update has two different runtime
// errors DynamoDB Local reports one depending on the attribute names; we
// report the first in that order.
func Apply(u *Update, item map[string]types.AttributeValue, env *Env) (*Applied, error) {
	if u == nil {
		u = &Update{}
	}
	if err := checkOperandTypes(u, env); err != nil {
		return nil, err
	}
	acts := actions(u)
	for i := range acts {
		if err := checkTarget(&acts[i], item, env); err != nil {
			return nil, err
		}
	}
	for i := range acts {
		if err := acts[i].compute(item, env); err != nil {
			return nil, err
		}
	}

	out := cloneItem(item)
	writes := item != nil
	var names []string // of the attributes with nested actions, in order
	var roots map[string]*updateNode
	for i := range acts {
		a := &acts[i]
		writes = writes || a.kind == actSet || a.kind == actAdd
		if a.kind == actRemove && item == nil {
			continue
		}
		name, _ := elemName(env, a.path[0])
		if len(a.path) == 1 {
			// A whole attribute: no tree needed.
			switch {
			case a.keep:
			case a.result == nil:
				delete(out, name)
			default:
				out[name] = cloneValue(a.result)
			}
			continue
		}
		if roots == nil {
			roots = make(map[string]*updateNode)
		}
		root := roots[name]
		if root == nil {
			root = new(updateNode)
			roots[name] = root
			names = append(names, name)
		}
		root.add(a, a.path[1:], env)
	}
	for _, name := range names {
		av, keep, err := roots[name].apply(nilIfAbsent(out[name]))
		if err != nil {
			return nil, err
		}
		if keep {
			out[name] = av
		} else {
			delete(out, name)
		}
	}
	if !writes {
		return &Applied{}, nil
	}

	paths := make(Projection, len(acts))
	for i := range acts {
		paths[i] = acts[i].path
	}
	return &Applied{
		Item:       out,
		UpdatedOld: nilIfEmpty(project(paths, item, env, true)),
		UpdatedNew: nilIfEmpty(project(paths, out, env, true)),
	}, nil
}

func nilIfEmpty(m map[string]types.AttributeValue) map[string]types.AttributeValue {
	if len(m) == 0 {
		return nil
	}
	return m
}

type actionKind uint8

const (
	actSet actionKind = iota
	actRemove
	actAdd
	actDelete
)

// action is one action of an update, with what it computed from the old
// item.
type action struct {
	kind  actionKind
	path  Path
	set   Operand   // SET's right-hand side
	value *ValueRef // ADD's and DELETE's operand

	// result is the value the action leaves at path (borrowed from the old
	// item or the request: applying it copies it), or nil to remove what
	// is there. keep leaves whatever is there alone (DELETE from a set
	// that is not there).
	result types.AttributeValue
	keep   bool
}

// actions lists u's actions in the order their values are computed.
func actions(u *Update) []action {
	acts := make([]action, 0, len(u.Set)+len(u.Remove)+len(u.Add)+len(u.Delete))
	for _, s := range u.Set {
		acts = append(acts, action{kind: actSet, path: s.Path, set: s.Value})
	}
	for _, p := range u.Remove {
		acts = append(acts, action{kind: actRemove, path: p})
	}
	for _, a := range u.Add {
		acts = append(acts, action{kind: actAdd, path: a.Path, value: a.Value})
	}
	for _, d := range u.Delete {
		acts = append(acts, action{kind: actDelete, path: d.Path, value: d.Value})
	}
	return acts
}

// checkTarget checks that the parents of an action's path exist in the
// old item and are of the type the next step needs. The last step may
// name nothing yet.
func checkTarget(a *action, item map[string]types.AttributeValue, env *Env) error {
	for _, el := range a.path {
		if el.Placeholder {
			if _, ok := elemName(env, el); !ok {
				return apierr.Validation("Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: " + el.Name)
			}
		}
	}
	if len(a.path) == 0 || a.path[0].IsIndex {
		return apierr.Validation(msgPathInvalid)
	}
	if len(a.path) == 1 || (a.kind == actRemove && item == nil) {
		return nil
	}
	for i := 1; i < len(a.path); i++ {
		parent := resolve(item, a.path[:i], env)
		if a.path[i].IsIndex {
			if _, ok := parent.(*types.AttributeValueMemberL); !ok || a.path[i].Index < 0 {
				return apierr.Validation(msgPathInvalid)
			}
		} else if _, ok := parent.(*types.AttributeValueMemberM); !ok {
			return apierr.Validation(msgPathInvalid)
		}
	}
	return nil
}

// compute works out the action's result from the old item.
func (a *action) compute(item map[string]types.AttributeValue, env *Env) error {
	var err error
	switch a.kind {
	case actSet:
		a.result, err = updateOperand(a.set, item, env)
	case actRemove:
		a.result = nil
	case actAdd:
		a.result, err = addResult(resolve(item, a.path, env), valueOf(env, a.value))
	case actDelete:
		old := resolve(item, a.path, env)
		if old == nil {
			a.keep = true
			return nil
		}
		a.result, err = deleteResult(old, valueOf(env, a.value))
	}
	return err
}

// updateOperand evaluates the right-hand side of a SET against the old
// item. The value it returns may be the old item's or the request's.
func updateOperand(op Operand, item map[string]types.AttributeValue, env *Env) (types.AttributeValue, error) {
	switch op := op.(type) {
	case *PathOperand:
		if op != nil {
			if av := resolve(item, op.Path, env); av != nil {
				return av, nil
			}
		}
		return nil, apierr.Validation(msgNoAttribute)
	case *ValueRef:
		if av := valueOf(env, op); present(av) {
			return av, nil
		}
		return nil, undefinedValue(op)
	case *IfNotExists:
		if op == nil {
			break
		}
		// DynamoDB evaluates the default even when the path exists: a
		// default path that names nothing fails either way.
		def, err := updateOperand(op.Default, item, env)
		if err != nil {
			return nil, err
		}
		if av := resolve(item, op.Path, env); av != nil {
			return av, nil
		}
		return def, nil
	case *ListAppend:
		if op == nil {
			break
		}
		first, err := listOperand(op.First, item, env)
		if err != nil {
			return nil, err
		}
		second, err := listOperand(op.Second, item, env)
		if err != nil {
			return nil, err
		}
		return &types.AttributeValueMemberL{Value: slices.Concat(first, second)}, nil
	case *Arithmetic:
		if op == nil {
			break
		}
		x, err := numberOperand(op.Left, item, env)
		if err != nil {
			return nil, err
		}
		y, err := numberOperand(op.Right, item, env)
		if err != nil {
			return nil, err
		}
		var n value.Number
		if op.Op == '-' {
			n, err = value.Sub(x, y)
		} else {
			n, err = value.Add(x, y)
		}
		if err != nil {
			return nil, err
		}
		return &types.AttributeValueMemberN{Value: n.String()}, nil
	case *Size:
		return nil, apierr.Validation("Invalid UpdateExpression: The function is not allowed in an update expression; function: size")
	}
	return nil, apierr.Validation(msgBadOperand)
}

func numberOperand(op Operand, item map[string]types.AttributeValue, env *Env) (value.Number, error) {
	av, err := updateOperand(op, item, env)
	if err != nil {
		return value.Number{}, err
	}
	n, ok := av.(*types.AttributeValueMemberN)
	if !ok {
		return value.Number{}, apierr.Validation(msgBadOperand)
	}
	return value.ParseNumber(n.Value)
}

func listOperand(op Operand, item map[string]types.AttributeValue, env *Env) ([]types.AttributeValue, error) {
	av, err := updateOperand(op, item, env)
	if err != nil {
		return nil, err
	}
	l, ok := av.(*types.AttributeValueMemberL)
	if !ok {
		return nil, apierr.Validation(msgBadOperand)
	}
	return l.Value, nil
}

func undefinedValue(ref *ValueRef) error {
	name := ""
	if ref != nil {
		name = ref.Name
	}
	return apierr.Validation("Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: " + name)
}

// addResult is ADD's result: old + v for numbers, the union for sets, v
// when there is no old value.
func addResult(old, v types.AttributeValue) (types.AttributeValue, error) {
	if !present(v) {
		return nil, apierr.Validation(msgBadOperand)
	}
	if old == nil {
		if n, ok := v.(*types.AttributeValueMemberN); ok {
			num, err := value.ParseNumber(n.Value)
			if err != nil {
				return nil, err
			}
			return &types.AttributeValueMemberN{Value: num.String()}, nil
		}
		switch v.(type) {
		case *types.AttributeValueMemberSS, *types.AttributeValueMemberNS, *types.AttributeValueMemberBS:
			return v, nil
		}
		return nil, apierr.Validation(msgBadOperand)
	}
	switch o := old.(type) {
	case *types.AttributeValueMemberN:
		if n, ok := v.(*types.AttributeValueMemberN); ok {
			x, err := value.ParseNumber(o.Value)
			if err != nil {
				return nil, err
			}
			y, err := value.ParseNumber(n.Value)
			if err != nil {
				return nil, err
			}
			sum, err := value.Add(x, y)
			if err != nil {
				return nil, err
			}
			return &types.AttributeValueMemberN{Value: sum.String()}, nil
		}
	case *types.AttributeValueMemberSS:
		if s, ok := v.(*types.AttributeValueMemberSS); ok {
			return &types.AttributeValueMemberSS{Value: union(o.Value, s.Value, stringKey)}, nil
		}
	case *types.AttributeValueMemberNS:
		if s, ok := v.(*types.AttributeValueMemberNS); ok {
			return &types.AttributeValueMemberNS{Value: union(o.Value, s.Value, numberKey)}, nil
		}
	case *types.AttributeValueMemberBS:
		if s, ok := v.(*types.AttributeValueMemberBS); ok {
			return &types.AttributeValueMemberBS{Value: union(o.Value, s.Value, bytesKey)}, nil
		}
	}
	return nil, apierr.Validation(msgBadOperand)
}

// deleteResult is DELETE's result: old without v's members, or nil (remove
// the attribute) when nothing is left.
func deleteResult(old, v types.AttributeValue) (types.AttributeValue, error) {
	switch o := old.(type) {
	case *types.AttributeValueMemberSS:
		if s, ok := v.(*types.AttributeValueMemberSS); ok && s != nil {
			if rest := difference(o.Value, s.Value, stringKey); len(rest) > 0 {
				return &types.AttributeValueMemberSS{Value: rest}, nil
			}
			return nil, nil
		}
	case *types.AttributeValueMemberNS:
		if s, ok := v.(*types.AttributeValueMemberNS); ok && s != nil {
			if rest := difference(o.Value, s.Value, numberKey); len(rest) > 0 {
				return &types.AttributeValueMemberNS{Value: rest}, nil
			}
			return nil, nil
		}
	case *types.AttributeValueMemberBS:
		if s, ok := v.(*types.AttributeValueMemberBS); ok && s != nil {
			if rest := difference(o.Value, s.Value, bytesKey); len(rest) > 0 {
				return &types.AttributeValueMemberBS{Value: rest}, nil
			}
			return nil, nil
		}
	}
	return nil, apierr.Validation(msgBadOperand)
}

// Set members compare by key: numbers by their canonical text, so that 1
// and 1.0 are one member.
func stringKey(s string) string { return s }
func bytesKey(b []byte) string  { return string(b) }
func numberKey(s string) string {
	if c, err := value.CanonicalNumber(s); err == nil {
		return c
	}
	return s
}

// smallSet is the size below which set operations compare members pairwise
// rather than hash them.
const smallSet = 16

// union is a's members followed by those of b that are not in a.
func union[T any](a, b []T, key func(T) string) []T {
	out := slices.Clone(a)
	seen := memberSet(a, key)
	for _, m := range b {
		k := key(m)
		if seen != nil {
			if _, dup := seen[k]; dup {
				continue
			}
			seen[k] = struct{}{}
		} else if slices.ContainsFunc(out, func(x T) bool { return key(x) == k }) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// difference is a's members that are not in b.
func difference[T any](a, b []T, key func(T) string) []T {
	drop := memberSet(b, key)
	var out []T
	for _, m := range a {
		k := key(m)
		var gone bool
		if drop != nil {
			_, gone = drop[k]
		} else {
			gone = slices.ContainsFunc(b, func(x T) bool { return key(x) == k })
		}
		if !gone {
			out = append(out, m)
		}
	}
	return out
}

// memberSet is a hash set of the members' keys, or nil for a small set.
func memberSet[T any](members []T, key func(T) string) map[string]struct{} {
	if len(members) <= smallSet {
		return nil
	}
	set := make(map[string]struct{}, len(members))
	for _, m := range members {
		set[key(m)] = struct{}{}
	}
	return set
}

// updateNode holds the actions below one value of the new item: the action
// on the value itself, or actions on some of its map entries or list
// elements. Parsing rejects overlapping and conflicting paths; should they
// get here, the action on a value wins over actions below it, except at
// the top level, where the actions on whole attributes apply first and
// the nested ones to what they left.
type updateNode struct {
	act   *action
	keys  []keyNode
	elems []elemNode
}

type keyNode struct {
	name string
	node *updateNode
}

type elemNode struct {
	index int
	node  *updateNode
}

func (n *updateNode) add(a *action, rest Path, env *Env) {
	for _, el := range rest {
		var next *updateNode
		if el.IsIndex {
			i := slices.IndexFunc(n.elems, func(e elemNode) bool { return e.index == el.Index })
			if i < 0 {
				n.elems = append(n.elems, elemNode{el.Index, new(updateNode)})
				i = len(n.elems) - 1
			}
			next = n.elems[i].node
		} else {
			name, _ := elemName(env, el)
			i := slices.IndexFunc(n.keys, func(k keyNode) bool { return k.name == name })
			if i < 0 {
				n.keys = append(n.keys, keyNode{name, new(updateNode)})
				i = len(n.keys) - 1
			}
			next = n.keys[i].node
		}
		n = next
	}
	if n.act == nil {
		n.act = a
	}
}

// apply applies the actions of n to av, a value of the new item (or nil
// when there is none), which it may modify in place: the new item is a
// copy. It returns the value to leave in av's place, and false to remove
// it.
func (n *updateNode) apply(av types.AttributeValue) (types.AttributeValue, bool, error) {
	if a := n.act; a != nil {
		if a.keep {
			return av, av != nil, nil
		}
		if a.result == nil {
			return nil, false, nil
		}
		return cloneValue(a.result), true, nil
	}
	switch v := av.(type) {
	case *types.AttributeValueMemberM:
		if v != nil && len(n.elems) == 0 {
			if v.Value == nil {
				v.Value = make(map[string]types.AttributeValue, len(n.keys))
			}
			for _, k := range n.keys {
				x, keep, err := k.node.apply(nilIfAbsent(v.Value[k.name]))
				if err != nil {
					return nil, false, err
				}
				if keep {
					v.Value[k.name] = x
				} else {
					delete(v.Value, k.name)
				}
			}
			return v, true, nil
		}
	case *types.AttributeValueMemberL:
		if v != nil && len(n.keys) == 0 {
			elems := slices.SortedFunc(slices.Values(n.elems), func(a, b elemNode) int { return cmp.Compare(a.index, b.index) })
			list := v.Value
			removed := 0
			for _, e := range elems {
				// Indexes are the old list's: shift them past the
				// elements removed before them.
				i := e.index - removed
				if i < 0 {
					return nil, false, apierr.Validation(msgPathInvalid)
				}
				if i >= len(list) {
					x, keep, err := e.node.apply(nil)
					if err != nil {
						return nil, false, err
					}
					if keep {
						list = append(list, x)
					}
					continue
				}
				x, keep, err := e.node.apply(list[i])
				if err != nil {
					return nil, false, err
				}
				if keep {
					list[i] = x
				} else {
					list = slices.Delete(list, i, i+1)
					removed++
				}
			}
			v.Value = list
			return v, true, nil
		}
	}
	// Actions below a value that is not the map or list they need; the
	// target checks catch this first.
	return nil, false, apierr.Validation(msgPathInvalid)
}

func nilIfAbsent(av types.AttributeValue) types.AttributeValue {
	if !present(av) {
		return nil
	}
	return av
}

// checkOperandTypes rejects, before anything is evaluated, the request's
// own values that cannot be operands where they are: + and - need numbers,
// list_append lists, ADD a number or a set, DELETE a set. These are
// DynamoDB's static checks, which binding makes too; doing them here as
// well keeps Apply's answers right for any bound or unbound Update.
func checkOperandTypes(u *Update, env *Env) error {
	for _, s := range u.Set {
		if err := checkSetOperand(s.Value, env); err != nil {
			return err
		}
	}
	for _, a := range u.Add {
		switch t := value.Type(valueOf(env, a.Value)); t {
		case "N", "SS", "NS", "BS":
		case "":
			return undefinedValue(a.Value)
		default:
			return apierr.Validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: " + longTypeName(t) + ", typeSet: ALLOWED_FOR_ADD_OPERAND")
		}
	}
	for _, d := range u.Delete {
		switch t := value.Type(valueOf(env, d.Value)); t {
		case "SS", "NS", "BS":
		case "":
			return undefinedValue(d.Value)
		default:
			return apierr.Validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: " + longTypeName(t) + ", typeSet: ALLOWED_FOR_DELETE_OPERAND")
		}
	}
	return nil
}

func checkSetOperand(op Operand, env *Env) error {
	switch op := op.(type) {
	case *Arithmetic:
		if op == nil {
			return nil
		}
		name := "+"
		if op.Op == '-' {
			name = "-"
		}
		for _, x := range [2]Operand{op.Left, op.Right} {
			if err := checkValueType(x, name, "N", env); err != nil {
				return err
			}
		}
		for _, x := range [2]Operand{op.Left, op.Right} {
			if err := checkSetOperand(x, env); err != nil {
				return err
			}
		}
	case *ListAppend:
		if op == nil {
			return nil
		}
		for _, x := range [2]Operand{op.First, op.Second} {
			if err := checkValueType(x, "list_append", "L", env); err != nil {
				return err
			}
		}
		for _, x := range [2]Operand{op.First, op.Second} {
			if err := checkSetOperand(x, env); err != nil {
				return err
			}
		}
	case *IfNotExists:
		if op != nil {
			return checkSetOperand(op.Default, env)
		}
	case *Size:
		return apierr.Validation("Invalid UpdateExpression: The function is not allowed in an update expression; function: size")
	}
	return nil
}

// checkValueType checks an operand that is one of the request's values
// against the type an operator needs.
func checkValueType(op Operand, operator, want string, env *Env) error {
	ref, ok := op.(*ValueRef)
	if !ok {
		return nil
	}
	t := value.Type(valueOf(env, ref))
	switch t {
	case want:
		return nil
	case "":
		return undefinedValue(ref)
	}
	return apierr.Validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: " + operator + ", operand type: " + t)
}

// longTypeName is how DynamoDB names a type in the ADD and DELETE operand
// messages.
func longTypeName(t string) string {
	switch t {
	case "S":
		return "STRING"
	case "N":
		return "NUMBER"
	case "B":
		return "BINARY"
	case "BOOL":
		return "BOOLEAN"
	case "L":
		return "LIST"
	case "M":
		return "MAP"
	}
	return t
}

// cloneItem is a deep copy of item (an empty item for nil).
func cloneItem(item map[string]types.AttributeValue) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(item)+1)
	for name, av := range item {
		out[name] = cloneValue(av)
	}
	return out
}

// cloneValue is a deep copy of av: nothing mutable (maps, slices, byte
// slices, the union members themselves) is shared with it.
func cloneValue(av types.AttributeValue) types.AttributeValue {
	if !present(av) {
		return av
	}
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return &types.AttributeValueMemberS{Value: v.Value}
	case *types.AttributeValueMemberN:
		return &types.AttributeValueMemberN{Value: v.Value}
	case *types.AttributeValueMemberB:
		return &types.AttributeValueMemberB{Value: slices.Clone(v.Value)}
	case *types.AttributeValueMemberBOOL:
		return &types.AttributeValueMemberBOOL{Value: v.Value}
	case *types.AttributeValueMemberNULL:
		return &types.AttributeValueMemberNULL{Value: v.Value}
	case *types.AttributeValueMemberSS:
		return &types.AttributeValueMemberSS{Value: slices.Clone(v.Value)}
	case *types.AttributeValueMemberNS:
		return &types.AttributeValueMemberNS{Value: slices.Clone(v.Value)}
	case *types.AttributeValueMemberBS:
		bs := make([][]byte, len(v.Value))
		for i, b := range v.Value {
			bs[i] = slices.Clone(b)
		}
		return &types.AttributeValueMemberBS{Value: bs}
	case *types.AttributeValueMemberL:
		l := make([]types.AttributeValue, len(v.Value))
		for i, x := range v.Value {
			l[i] = cloneValue(x)
		}
		return &types.AttributeValueMemberL{Value: l}
	case *types.AttributeValueMemberM:
		m := make(map[string]types.AttributeValue, len(v.Value))
		for k, x := range v.Value {
			m[k] = cloneValue(x)
		}
		return &types.AttributeValueMemberM{Value: m}
	}
	return av
}
