package wire

import (
	"reflect"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB's front end deserializes requests into Java model classes, and the
// text of its SerializationException is whatever that deserializer says. The
// messages below are the ones Amazon DynamoDB returns (recorded against the
// live service by the dynalite test suite and re-checked by later emulators);
// DynamoDB Local answers most of these cases with a 500 InternalFailure
// instead. Which message applies depends on the Java type expected and on
// where the value sits: a structure that is a member of another structure
// ("field") says "Unexpected field type", one that is a list element or a map
// value ("value") says "Unexpected value type in payload", and a list or map
// nested directly in another collection leaks a Java ClassCastException.

const (
	javaModelPackage = "com.amazonaws.dynamodb.v20120810."

	msgStartOfStructure = "Start of structure or map found where not expected"
	msgUnexpectedField  = "Unexpected field type"
	msgUnexpectedValue  = "Unexpected value type in payload"
	msgUnexpectedToken  = "Unexpected token received from parser"
	msgNotBase64        = "only base-64-encoded strings are convertible to bytes"
	// The misspelling is DynamoDB's.
	msgBadBase64 = "Invalid last non-pad Base64 character dectected"
	msgBadLength = "Base64 encoded length is expected a multiple of 4 bytes but found: "
	// A list or map nested directly in a collection (BatchWriteItem's
	// RequestItems values, BatchGetItem's Keys elements) that receives a scalar.
	msgParameterizedCast = "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl " +
		"cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl " +
		"and java.lang.Class are in module java.base of loader 'bootstrap')"
)

// position says where a value sits, which selects between DynamoDB's messages.
type position uint8

const (
	asMember  position = iota // a member of a structure (or the request itself)
	asElement                 // a list element or a map value
)

// serializationError is DynamoDB's SerializationException. An empty msg is
// the bare form DynamoDB sends for a body that is not JSON at all: a "__type"
// with no message member.
type serializationError struct{ msg string }

func (e *serializationError) Error() string {
	if e.msg == "" {
		return "SerializationException"
	}
	return "SerializationException: " + e.msg
}

// errSyntax is the answer for anything that is not well-formed JSON.
var errSyntax = &serializationError{}

func typeError(msg string) error { return &serializationError{msg: msg} }

var (
	avType      = reflect.TypeFor[types.AttributeValue]()
	avMapType   = reflect.TypeFor[map[string]types.AttributeValue]()
	timeType    = reflect.TypeFor[time.Time]()
	bytesType   = reflect.TypeFor[[]byte]()
	stringType  = reflect.TypeFor[string]()
	stringsType = reflect.TypeFor[[]string]()
)

// javaName is the Java type DynamoDB's model uses for t, as it appears in
// "Unrecognized collection type ..." messages.
func javaName(t reflect.Type) string {
	switch t {
	case avType:
		return javaModelPackage + "AttributeValue"
	case timeType:
		return "java.util.Date"
	case bytesType:
		return "java.nio.ByteBuffer"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return javaName(t.Elem())
	case reflect.String:
		return "java.lang.String"
	case reflect.Bool:
		return "java.lang.Boolean"
	case reflect.Int32:
		return "java.lang.Integer"
	case reflect.Int64:
		return "java.lang.Long"
	case reflect.Float32:
		return "java.lang.Float"
	case reflect.Float64:
		return "java.lang.Double"
	case reflect.Slice:
		return "java.util.List<" + javaName(t.Elem()) + ">"
	case reflect.Map:
		return "java.util.Map<java.lang.String, " + javaName(t.Elem()) + ">"
	case reflect.Struct:
		return javaModelPackage + t.Name()
	}
	return "java.lang.Object"
}

// shortJavaName is the simple class name used in "X cannot be converted to Y".
func shortJavaName(t reflect.Type) string {
	n := javaName(t)
	for i := len(n) - 1; i >= 0; i-- {
		if n[i] == '.' {
			return n[i+1:]
		}
	}
	return n
}

// unrecognizedClass is the message for a JSON array where a scalar or a
// structure was expected.
func unrecognizedClass(t reflect.Type) error {
	return typeError("Unrecognized collection type class " + javaName(t))
}

// cannotConvert is the message for a scalar token of the wrong kind, named
// as Jackson names its tokens.
func cannotConvert(tok token, decimal bool, target string) error {
	var name string
	switch tok {
	case tokTrue:
		name = "TRUE_VALUE"
	case tokFalse:
		name = "FALSE_VALUE"
	case tokString:
		name = "STRING_VALUE"
	case tokNumber:
		name = "NUMBER_VALUE"
		if decimal {
			name = "DECIMAL_VALUE"
		}
	default:
		return errSyntax
	}
	return typeError(name + " cannot be converted to " + target)
}

// outOfRange is Jackson's message for an integer that does not fit.
func outOfRange(lit []byte, bits int) error {
	if bits == 32 {
		return typeError("Numeric value (" + string(lit) + ") out of range of int (-2147483648 - 2147483647)")
	}
	return typeError("Numeric value (" + string(lit) + ") out of range of long (-9223372036854775808 - 9223372036854775807)")
}
