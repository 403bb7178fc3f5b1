package expr

import (
	"strings"

	"github.com/aws/smithy-go"

	"github.com/dynabase/dynabase/engine/apierr"
)

// DynamoDB's expression errors are one template: "Invalid <parameter>:
// <problem>;" followed by " key: value, key: value" details when the problem
// has any ("Invalid UpdateExpression: Syntax error; token: \"a\", near:
// \"SET a\""). The problems' texts are DynamoDB's own, word for word.
const (
	msgSyntax              = "Syntax error"
	msgRedundantParens     = "The expression has redundant parentheses"
	msgReserved            = "Attribute name is a reserved keyword"
	msgListIndex           = "List index is not within the allowable range"
	msgFunctionName        = "Invalid function name"
	msgConditionFunction   = "The function is not allowed in a condition expression"
	msgUpdateFunction      = "The function is not allowed in an update expression"
	msgFunctionContext     = "The function is not allowed to be used this way in an expression"
	msgAttributeTypeName   = "Invalid attribute type name found"
	msgPathTooDeep         = "The document path has too many nesting levels"
	msgPathConflict        = "Two document paths conflict with each other; must remove or rewrite one of these paths"
	msgPathOverlap         = "Two document paths overlap with each other; must remove or rewrite one of these paths"
	msgNameUndefined       = "An expression attribute name used in the document path is not defined"
	msgValueUndefined      = "An expression attribute value used in expression is not defined"
	msgOperandCount        = "Incorrect number of operands for operator or function"
	msgOperandType         = "Incorrect operand type for operator or function"
	msgPathRequired        = "Operator or function requires a document path"
	msgRepeatedPath        = "The first operand must be distinct from the remaining operands for this operator or function"
	msgTooManyOperators    = "The expression contains too many operators"
	msgEmpty               = "The expression can not be empty"
	msgTooLong             = "Expression size has exceeded the maximum allowed size"
	msgBetweenBounds       = "The BETWEEN operator requires upper bound to be greater than or equal to lower bound"
	msgBetweenTypes        = "The BETWEEN operator requires same data type for lower and upper bounds"
	msgTooManyInOperands   = "The IN operator is provided with too many operands"
	msgSectionUsedTwiceFmt = "The \"%s\" section can only be used once in an update expression"
)

// Limits DynamoDB enforces on expressions.
const (
	// maxExprLen is the longest expression, in UTF-16 code units (Java's
	// String.length, which DynamoDB measures).
	maxExprLen = 4096
	// maxPathDepth is the most elements a document path may have.
	maxPathDepth = 32
	// maxOperators is the most operators and functions an expression may
	// use.
	maxOperators = 300
	// maxInOperands is the longest list IN accepts.
	maxInOperands = 100
)

// invalid is the ValidationException "Invalid <kind>: <problem>;" with the
// details as "key: value" pairs (details alternates keys and values).
func invalid(kind Kind, problem string, details ...string) error {
	return apierr.Validation(invalidMessage(kind, problem, details...))
}

func invalidMessage(kind Kind, problem string, details ...string) string {
	var b strings.Builder
	b.Grow(len("Invalid ") + len("KeyConditionExpression: ") + len(problem) + 32)
	b.WriteString("Invalid ")
	b.WriteString(kind.String())
	b.WriteString(": ")
	b.WriteString(problem)
	b.WriteByte(';')
	for i := 0; i+1 < len(details); i += 2 {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(", ")
		}
		b.WriteString(details[i])
		b.WriteString(": ")
		b.WriteString(details[i+1])
	}
	return b.String()
}

// deferredError is a parse error that DynamoDB reports only while it checks
// the expression against the request's names and values: a function with
// the wrong number of operands, or an operand that must be a document path.
// DynamoDB walks the expression checking both in one pass, so an undefined
// placeholder earlier in that walk wins over these. The error keeps the
// parsed tree (with a *badCall where the problem is) so that Env.ParseError
// can run that walk; returned as is, it is the ValidationException DynamoDB
// sends when every placeholder is defined.
type deferredError struct {
	kind Kind
	msg  string // the full message, as when nothing earlier fails

	// The tree, for the walk: one of them is set.
	cond   Cond
	update *Update
}

func (e *deferredError) Error() string {
	return "api error " + apierr.CodeValidation + ": " + e.msg
}

// ErrorCode, ErrorMessage and ErrorFault make a deferredError a
// smithy.APIError, so apierr.Code, the wire encoder and errors.As see the
// ValidationException it stands for.
func (e *deferredError) ErrorCode() string             { return apierr.CodeValidation }
func (e *deferredError) ErrorMessage() string          { return e.msg }
func (e *deferredError) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

var _ smithy.APIError = (*deferredError)(nil)
