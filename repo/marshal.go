package repo

import (
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// marshalAt turns v into the attribute value attributevalue would store for
// it in the field s describes, honouring the field's tag options (a
// []string tagged stringset becomes SS, a time tagged unixtime a number).
// ok is false when the field's omitempty would leave the attribute out.
func (s *shape) marshalAt(v any) (av types.AttributeValue, ok bool, err error) {
	if err := s.accepts(v); err != nil {
		return nil, false, err
	}
	if s.tag == "" || v == nil {
		av, err := attributevalue.Marshal(v)
		return av, err == nil, err
	}
	// Marshal through a one-field struct carrying the same tag, so the
	// options mean exactly what they mean to attributevalue.
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && rv.Type() != s.goType {
		if rv.IsNil() {
			av, err := attributevalue.Marshal(nil)
			return av, err == nil, err
		}
		rv = rv.Elem()
	}
	if rv.Type() != s.goType {
		if !rv.Type().ConvertibleTo(s.goType) {
			return nil, false, fmt.Errorf("a %s does not fit %s", rv.Type(), s.goType)
		}
		rv = rv.Convert(s.goType)
	}
	holder := reflect.New(reflect.StructOf([]reflect.StructField{{
		Name: "V", Type: s.goType, Tag: reflect.StructTag(`dynamodbav:"v` + s.tag + `"`),
	}})).Elem()
	holder.Field(0).Set(rv)
	m, err := attributevalue.MarshalMap(holder.Interface())
	if err != nil {
		return nil, false, err
	}
	av, ok = m["v"]
	return av, ok, nil
}
