package expr

// The functions and operators of the expression language, with the facts
// DynamoDB checks about them: where a function may appear, how many
// operands it takes, which operand types it accepts and what it returns.
// DynamoDB checks where a function appears while parsing; it checks the
// operands when it binds the expression to the request's values.

// typeSet is a set of attribute value types, for operand and result types.
type typeSet uint16

const (
	typeS typeSet = 1 << iota
	typeN
	typeB
	typeSS
	typeNS
	typeBS
	typeM
	typeL
	typeNULL
	typeBOOL

	typesAll      = typeS | typeN | typeB | typeSS | typeNS | typeBS | typeM | typeL | typeNULL | typeBOOL
	typesScalar   = typeS | typeN | typeB
	typesStrBin   = typeS | typeB
	typesIterable = typeS | typeB | typeSS | typeNS | typeBS | typeM | typeL
	// typesAddable and typesDeletable are what ADD and DELETE accept.
	typesAddable   = typeN | typeSS | typeNS | typeBS
	typesDeletable = typeSS | typeNS | typeBS
)

// typeNames are the type symbols of DynamoDB's messages, by bit.
var typeNames = [...]string{"S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"}

// typeLongNames are the names ADD and DELETE print for a wrong type.
var typeLongNames = [...]string{"STRING", "NUMBER", "BINARY", "STRING_SET", "NUMBER_SET",
	"BINARY_SET", "MAP", "LIST", "NULL", "BOOLEAN"}

// name is the symbol of a single-type set ("S", "N", ...).
func (t typeSet) name() string {
	for i := range typeNames {
		if t == 1<<i {
			return typeNames[i]
		}
	}
	return ""
}

func (t typeSet) longName() string {
	for i := range typeLongNames {
		if t == 1<<i {
			return typeLongNames[i]
		}
	}
	return ""
}

// pathTypes is how DynamoDB prints the possible types of a document path
// (an operand that can hold anything) where it wants a value: recorded from
// Amazon DynamoDB by dynalite. DynamoDB Local prints its internal type set
// there, in an order that changes from run to run.
const pathTypes = "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"

// attributeTypeNames is the "valid types" list of attribute_type's
// invalid-type error, in DynamoDB's order.
const attributeTypeNames = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}"

// function is one function of the expression language.
type function struct {
	name     string
	operands int     // exactly this many
	accepts  typeSet // each operand's type must be in this set
	returns  typeSet
	// inCondition and inUpdate say where the function may appear at all;
	// nestedInCondition and nestedInUpdate whether it may be an operand of
	// another operator or function there.
	inCondition, inUpdate             bool
	nestedInCondition, nestedInUpdate bool
	// distinct: a first operand that is a document path must not appear
	// again among the other operands.
	distinct bool
	// firstIsPath: the first operand must be a document path.
	firstIsPath bool
}

// fnID identifies a function (an index into functions).
type fnID uint8

const (
	fnAttributeExists fnID = iota
	fnAttributeNotExists
	fnAttributeType
	fnBeginsWith
	fnContains
	fnSize
	fnIfNotExists
	fnListAppend
)

var functions = [...]function{
	fnAttributeExists:    {name: "attribute_exists", operands: 1, accepts: typesAll, returns: typeBOOL, inCondition: true, firstIsPath: true},
	fnAttributeNotExists: {name: "attribute_not_exists", operands: 1, accepts: typesAll, returns: typeBOOL, inCondition: true, firstIsPath: true},
	fnAttributeType:      {name: "attribute_type", operands: 2, accepts: typesAll, returns: typeBOOL, inCondition: true, distinct: true},
	fnBeginsWith:         {name: "begins_with", operands: 2, accepts: typesStrBin, returns: typeBOOL, inCondition: true, distinct: true},
	fnContains:           {name: "contains", operands: 2, accepts: typesAll, returns: typeBOOL, inCondition: true, distinct: true},
	fnSize:               {name: "size", operands: 1, accepts: typesIterable, returns: typeN, inCondition: true, nestedInCondition: true},
	fnIfNotExists:        {name: "if_not_exists", operands: 2, accepts: typesAll, returns: typesAll, inUpdate: true, nestedInUpdate: true, distinct: true, firstIsPath: true},
	fnListAppend:         {name: "list_append", operands: 2, accepts: typeL, returns: typeL, inUpdate: true},
}

// lookupFunction finds a function by its name, which is case-sensitive.
// DynamoDB knows a few more, undocumented ones (list_delete, contains_key,
// contains_value, convert); they have no place in the AST, so here they
// are unknown functions.
func lookupFunction(name string) (fnID, bool) {
	for i := range functions {
		if functions[i].name == name {
			return fnID(i), true
		}
	}
	return 0, false
}

// comparatorAccepts is the operand types of a comparison: = and <> compare
// anything, the others only scalars.
func comparatorAccepts(op CompareOp) typeSet {
	if op == Eq || op == Ne {
		return typesAll
	}
	return typesScalar
}
