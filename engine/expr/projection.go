package expr

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Project returns the parts of item that a ProjectionExpression (or
// AttributesToGet, as one-name paths) selects, shaped as DynamoDB shapes
// them:
//
//   - a nested path keeps its ancestors and only the selected parts of
//     them: m.k gives {"m": {"M": {"k": ...}}}, l[1] of a three-element
//     list gives a one-element list;
//   - several paths into the same map or list merge, list elements in index
//     order whatever the order of the paths (l[2], l[0] gives [l0, l2]);
//   - a path that does not resolve is left out, and so is an ancestor left
//     with nothing selected in it (DynamoDB returns no empty map or list
//     for it);
//   - a path that overlaps another (a and a.b) selects the whole of the
//     shorter one. Parsing rejects overlapping projections, so this only
//     makes Project total.
//
// A nil item (no item) gives nil; an item with nothing selected gives an
// empty map. The maps and lists Project builds are its own, but the
// selected values themselves are item's, not copies.
func Project(p Projection, item map[string]types.AttributeValue, env *Env) map[string]types.AttributeValue {
	return project(p, item, env, false)
}

// project is Project, with copies of the selected values when clone is
// set.
func project(p Projection, item map[string]types.AttributeValue, env *Env, clone bool) map[string]types.AttributeValue {
	if item == nil {
		return nil
	}
	out := make(map[string]types.AttributeValue, len(p))
	if topLevelOnly(p) {
		// The common case (AttributesToGet, "a, b, #c") needs no tree.
		for _, path := range p {
			if name, ok := elemName(env, path[0]); ok {
				if av := item[name]; present(av) {
					out[name] = maybeClone(av, clone)
				}
			}
		}
		return out
	}
	var root projNode
	for _, path := range p {
		root.add(path, env)
	}
	for name, node := range root.keys {
		if av, ok := node.project(item[name], clone); ok {
			out[name] = av
		}
	}
	return out
}

func topLevelOnly(p Projection) bool {
	for _, path := range p {
		if len(path) != 1 || path[0].IsIndex {
			return false
		}
	}
	return true
}

// projNode is the set of paths selected below one value: all of it, or
// some of its map entries, or some of its list elements.
type projNode struct {
	whole bool
	keys  map[string]*projNode
	elems map[int]*projNode
}

// add selects path below n. A path with an undefined placeholder selects
// nothing.
func (n *projNode) add(path Path, env *Env) {
	if len(path) == 0 {
		return
	}
	for _, el := range path {
		if n.whole {
			return // already selected entirely
		}
		var next *projNode
		if el.IsIndex {
			if el.Index < 0 {
				return
			}
			if n.elems == nil {
				n.elems = make(map[int]*projNode)
			}
			if next = n.elems[el.Index]; next == nil {
				next = new(projNode)
				n.elems[el.Index] = next
			}
		} else {
			name, ok := elemName(env, el)
			if !ok {
				return
			}
			if n.keys == nil {
				n.keys = make(map[string]*projNode)
			}
			if next = n.keys[name]; next == nil {
				next = new(projNode)
				n.keys[name] = next
			}
		}
		n = next
	}
	n.whole = true
	n.keys, n.elems = nil, nil
}

// project returns the selected parts of av, and false when nothing is
// selected.
func (n *projNode) project(av types.AttributeValue, clone bool) (types.AttributeValue, bool) {
	if !present(av) {
		return nil, false
	}
	if n.whole {
		return maybeClone(av, clone), true
	}
	switch v := av.(type) {
	case *types.AttributeValueMemberM:
		if len(n.keys) == 0 {
			return nil, false
		}
		out := make(map[string]types.AttributeValue, len(n.keys))
		for name, child := range n.keys {
			if x, ok := child.project(v.Value[name], clone); ok {
				out[name] = x
			}
		}
		if len(out) == 0 {
			return nil, false
		}
		return &types.AttributeValueMemberM{Value: out}, true
	case *types.AttributeValueMemberL:
		if len(n.elems) == 0 {
			return nil, false
		}
		indexes := make([]int, 0, len(n.elems))
		for i := range n.elems {
			if i < len(v.Value) {
				indexes = append(indexes, i)
			}
		}
		slices.Sort(indexes)
		var out []types.AttributeValue
		for _, i := range indexes {
			if x, ok := n.elems[i].project(v.Value[i], clone); ok {
				out = append(out, x)
			}
		}
		if len(out) == 0 {
			return nil, false
		}
		return &types.AttributeValueMemberL{Value: out}, true
	}
	return nil, false
}

func maybeClone(av types.AttributeValue, clone bool) types.AttributeValue {
	if clone {
		return cloneValue(av)
	}
	return av
}
