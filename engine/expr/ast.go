package expr

// The AST. Placeholders stay unresolved: a parse depends only on the text,
// so it can be cached and shared by requests with different names and
// values. Nodes are immutable once parsed.

// Kind is the request parameter an expression comes from. It selects the
// grammar and names the parameter in error messages.
type Kind uint8

const (
	ConditionExpr    Kind = iota // ConditionExpression
	FilterExpr                   // FilterExpression
	KeyConditionExpr             // KeyConditionExpression
	ProjectionExpr               // ProjectionExpression
	UpdateExpr                   // UpdateExpression
)

// String is the parameter's name as DynamoDB's messages spell it.
func (k Kind) String() string {
	switch k {
	case ConditionExpr:
		return "ConditionExpression"
	case FilterExpr:
		return "FilterExpression"
	case KeyConditionExpr:
		return "KeyConditionExpression"
	case ProjectionExpr:
		return "ProjectionExpression"
	case UpdateExpr:
		return "UpdateExpression"
	}
	return "Expression"
}

// Path is a document path: an attribute name, then map keys (.name) and
// list indexes ([3]) in any order: a.b[3].c is
// {Name a}{Name b}{Index 3}{Name c}.
type Path []PathElem

// PathElem is one step of a Path.
type PathElem struct {
	// Name is the attribute or map key, or the "#placeholder" standing for
	// it when Placeholder is set. Empty for an index.
	Name        string
	Placeholder bool
	// Index is the list index when IsIndex is set.
	Index   int
	IsIndex bool
}

// Operand is a node that produces a value: *PathOperand, *ValueRef, *Size,
// *IfNotExists, *ListAppend or *Arithmetic. The last three appear only on
// the right of an update's SET; Size only in conditions.
type Operand interface{ isOperand() }

// PathOperand is the value at a document path (absent when the path does
// not resolve).
type PathOperand struct{ Path Path }

// ValueRef is an ExpressionAttributeValues placeholder (":name").
type ValueRef struct{ Name string }

// Size is size(path), or size(:value) when Value is set (DynamoDB accepts
// a value there too; Path is then nil).
type Size struct {
	Path  Path
	Value *ValueRef
}

// IfNotExists is if_not_exists(path, value).
type IfNotExists struct {
	Path    Path
	Default Operand
}

// ListAppend is list_append(first, second).
type ListAppend struct{ First, Second Operand }

// Arithmetic is left + right or left - right (Op is '+' or '-').
type Arithmetic struct {
	Op          byte
	Left, Right Operand
}

func (*PathOperand) isOperand() {}
func (*ValueRef) isOperand()    {}
func (*Size) isOperand()        {}
func (*IfNotExists) isOperand() {}
func (*ListAppend) isOperand()  {}
func (*Arithmetic) isOperand()  {}

// Cond is a node that yields true or false: *Comparison, *Between, *In,
// *And, *Or, *Not, *AttributeExists, *AttributeNotExists,
// *AttributeType, *BeginsWith or *Contains.
type Cond interface{ isCond() }

// CompareOp is a comparison operator.
type CompareOp uint8

const (
	Eq CompareOp = iota // =
	Ne                  // <>
	Lt                  // <
	Le                  // <=
	Gt                  // >
	Ge                  // >=
)

// String is the operator as written in expressions.
func (op CompareOp) String() string {
	return [...]string{"=", "<>", "<", "<=", ">", ">="}[op]
}

// Comparison is left op right.
type Comparison struct {
	Op          CompareOp
	Left, Right Operand
}

// Between is operand BETWEEN low AND high.
type Between struct{ Operand, Low, High Operand }

// In is operand IN (list...).
type In struct {
	Operand Operand
	List    []Operand
}

// And, Or and Not combine conditions.
type (
	And struct{ Left, Right Cond }
	Or  struct{ Left, Right Cond }
	Not struct{ Cond Cond }
)

// AttributeExists is attribute_exists(path).
type AttributeExists struct{ Path Path }

// AttributeNotExists is attribute_not_exists(path).
type AttributeNotExists struct{ Path Path }

// AttributeType is attribute_type(path, type), or attribute_type(:value,
// type) when Value is set (Path is then nil).
type AttributeType struct {
	Path  Path
	Value *ValueRef
	Type  Operand
}

// BeginsWith is begins_with(operand, prefix).
type BeginsWith struct{ Operand, Prefix Operand }

// Contains is contains(operand, value).
type Contains struct{ Operand, Value Operand }

func (*Comparison) isCond()         {}
func (*Between) isCond()            {}
func (*In) isCond()                 {}
func (*And) isCond()                {}
func (*Or) isCond()                 {}
func (*Not) isCond()                {}
func (*AttributeExists) isCond()    {}
func (*AttributeNotExists) isCond() {}
func (*AttributeType) isCond()      {}
func (*BeginsWith) isCond()         {}
func (*Contains) isCond()           {}

// Update is a parsed UpdateExpression: its clauses' actions in the order
// written.
type Update struct {
	Set    []SetAction
	Remove []Path
	Add    []AddAction
	Delete []DeleteAction

	// order is the clauses in the order written (section bits, see
	// parse_update.go): DynamoDB checks actions last written first across
	// clauses, so it decides which error is reported. Nil for an Update
	// built by hand: SET, REMOVE, ADD, DELETE.
	order []uint8
}

// SetAction is SET path = value.
type SetAction struct {
	Path  Path
	Value Operand
}

// AddAction is ADD path :value.
type AddAction struct {
	Path  Path
	Value *ValueRef
}

// DeleteAction is DELETE path :value.
type DeleteAction struct {
	Path  Path
	Value *ValueRef
}

// Projection is a parsed ProjectionExpression.
type Projection []Path
