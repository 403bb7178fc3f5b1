package expr

import (
	"strconv"
	"strings"
)

// The paths of an UpdateExpression's actions, and of a ProjectionExpression,
// must not overlap (one a prefix of the other, or the same) nor conflict
// (one indexing a list where the other names a map key). DynamoDB finds both
// by adding the paths, last written first, to a tree of path steps; the
// message names the path being added ("path one") and a path already in
// the tree ("path two"), found by walking down from where they met through
// each node's first child in java.util.HashMap order. That walk can end on
// a path unrelated to path one; the messages say what DynamoDB says.

// pathStep is one step of a path with its names resolved.
type pathStep struct {
	name    string
	index   int
	isIndex bool
}

// hash is the step's hash in DynamoDB's tree: HashCodeBuilder(8191, 127)
// over the name or the index.
func (s pathStep) hash() uint32 {
	const seed = 8191 * 127
	if s.isIndex {
		return uint32(seed + int32(s.index))
	}
	return seed + javaStringHash(s.name)
}

// pathNode is a node of the tree: its children's steps in insertion order,
// and their nodes (nil where a path ends).
type pathNode struct {
	steps    []pathStep
	children []*pathNode
}

// find is the index of step s among n's children, or -1.
func (n *pathNode) find(s pathStep) int {
	for i, t := range n.steps {
		if t == s {
			return i
		}
	}
	return -1
}

// first is the index of n's first child in HashMap iteration order.
func (n *pathNode) first() int {
	size := javaTableSize(len(n.steps))
	best, bestBucket := 0, javaBucket(n.steps[0].hash(), size)
	for i := 1; i < len(n.steps); i++ {
		if b := javaBucket(n.steps[i].hash(), size); b < bestBucket {
			best, bestBucket = i, b
		}
	}
	return best
}

// add adds path to the tree rooted at root, or returns the overlap or
// conflict DynamoDB reports for it.
func (root *pathNode) add(kind Kind, path []pathStep) error {
	n := root
	for depth, s := range path {
		i := n.find(s)
		if i < 0 {
			if len(n.steps) > 0 && n.steps[n.first()].isIndex != s.isIndex {
				return invalid(kind, msgPathConflict, "path one", formatSteps(path), "path two", formatSteps(n.leaf(path[:depth])))
			}
			n.steps = append(n.steps, s)
			n.children = append(n.children, pathChain(path[depth+1:]))
			return nil
		}
		child := n.children[i]
		if child == nil || depth == len(path)-1 {
			return invalid(kind, msgPathOverlap, "path one", formatSteps(path), "path two", formatSteps(n.leaf(path[:depth])))
		}
		n = child
	}
	return nil
}

// pathChain is the subtree of a path's remaining steps (nil if none).
func pathChain(rest []pathStep) *pathNode {
	if len(rest) == 0 {
		return nil
	}
	return &pathNode{steps: []pathStep{rest[0]}, children: []*pathNode{pathChain(rest[1:])}}
}

// leaf is prefix followed by the steps from n down its first children to
// a leaf.
func (n *pathNode) leaf(prefix []pathStep) []pathStep {
	out := append([]pathStep(nil), prefix...)
	for {
		i := n.first()
		out = append(out, n.steps[i])
		n = n.children[i]
		if n == nil || len(n.steps) == 0 {
			return out
		}
	}
}

// formatSteps prints a path as DynamoDB's messages do: [a, b, [3]].
func formatSteps(path []pathStep) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range path {
		if i > 0 {
			b.WriteString(", ")
		}
		if s.isIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		} else {
			b.WriteString(s.name)
		}
	}
	b.WriteByte(']')
	return b.String()
}
