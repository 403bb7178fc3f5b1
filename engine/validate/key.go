package validate

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

// Size limits of key values, in bytes (UTF-8 for S, raw for B; numbers
// are never too big).
const (
	MaxHashKeySize  = 2048
	MaxRangeKeySize = 1024
)

var errKeySchema = apierr.Validation("The provided key element does not match the schema")

// keyAttr is one key attribute of a table or index.
type keyAttr struct {
	name   string
	typ    string // "S", "N" or "B"
	isHash bool
}

// keyAttrs resolves a key schema against the attribute definitions, HASH
// first.
//
// The result lives in a fixed array: a key has at most two attributes, and
// this runs on every write.
func keyAttrs(ks []types.KeySchemaElement, defs []types.AttributeDefinition) keyAttrList {
	var attrs keyAttrList
	for _, kt := range []types.KeyType{types.KeyTypeHash, types.KeyTypeRange} {
		for _, e := range ks {
			if e.KeyType != kt || e.AttributeName == nil {
				continue
			}
			a := keyAttr{name: *e.AttributeName, isHash: kt == types.KeyTypeHash}
			for _, d := range defs {
				if d.AttributeName != nil && *d.AttributeName == a.name {
					a.typ = string(d.AttributeType)
				}
			}
			if attrs.n < len(attrs.a) {
				attrs.a[attrs.n] = a
				attrs.n++
			}
		}
	}
	return attrs
}

// keyAttrList is a key's attributes, hash first.
type keyAttrList struct {
	a [2]keyAttr
	n int
}

func (l *keyAttrList) all() []keyAttr { return l.a[:l.n] }

// PutItemItem checks the item of a PutItem request against the table's key
// schema and its secondary index keys. Call it after PutItem and the table
// lookup.
func PutItemItem(t *types.TableDescription, in *dynamodb.PutItemInput) error {
	return Item(t, in.Item)
}

// Item checks an item to be stored (PutItem, and later the Put of
// BatchWriteItem and TransactWriteItems) against the table's key schema and
// its secondary index keys: every key attribute present with its defined
// type, not empty, not too big; every index key attribute, when present, of
// its defined type and not empty.
func Item(t *types.TableDescription, item map[string]types.AttributeValue) error {
	attrs := keyAttrs(t.KeySchema, t.AttributeDefinitions)
	for _, k := range attrs.all() {
		av, ok := item[k.name]
		if !ok || av == nil {
			return apierr.Validation(invalid + "Missing the key " + k.name + " in the item")
		}
		if got := value.Type(av); got != k.typ {
			return apierr.Validation(invalid + "Type mismatch for key " + k.name + " expected: " + k.typ + " actual: " + got)
		}
		if n, empty := keySize(av); empty {
			return errEmptyKey(av, k.name)
		} else if err := checkKeySize(n, k.isHash); err != nil {
			return err
		}
	}
	return indexKeys(t, item, false)
}

// indexKeys checks the index key attributes an item carries. Absent ones
// are fine (the item is not in that index). When several are wrong, DynamoDB
// reports the index whose name sorts first (as captured by nubo-db/dynoxide).
func indexKeys(t *types.TableDescription, item map[string]types.AttributeValue, updated bool) error {
	type index struct {
		name string
		ks   []types.KeySchemaElement
	}
	var indexes []index
	for _, x := range t.GlobalSecondaryIndexes {
		indexes = append(indexes, index{orNull(x.IndexName), x.KeySchema})
	}
	for _, x := range t.LocalSecondaryIndexes {
		// An LSI shares the table's hash key, checked above.
		var ks []types.KeySchemaElement
		for _, e := range x.KeySchema {
			if e.KeyType == types.KeyTypeRange {
				ks = append(ks, e)
			}
		}
		indexes = append(indexes, index{orNull(x.IndexName), ks})
	}
	var (
		first    error
		firstIdx string
	)
	for _, x := range indexes {
		if first != nil && x.name >= firstIdx {
			continue
		}
		attrs := keyAttrs(x.ks, t.AttributeDefinitions)
		for _, k := range attrs.all() {
			av, ok := item[k.name]
			if !ok || av == nil {
				continue
			}
			var err error
			if got := value.Type(av); got != k.typ {
				err = apierr.Validation(invalid + "Type mismatch for Index Key " + k.name + " Expected: " + k.typ +
					" Actual: " + got + " IndexName: " + x.name)
			} else if _, empty := keySize(av); empty && updated {
				// DynamoDB Local's wording; no capture of Amazon's is known.
				err = apierr.Validation("One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. " +
					"The AttributeValue for a key attribute cannot contain an empty " + emptyKind(av) + " value.")
			} else if empty {
				err = apierr.Validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. " +
					"The AttributeValue for a key attribute cannot contain an empty " + emptyKind(av) + " value. IndexName: " + x.name + ", IndexKey: " + k.name)
			}
			if err != nil {
				first, firstIdx = err, x.name
				break
			}
		}
	}
	return first
}

// UpdatedIndexKeys checks the index key attributes of an item as an update
// left it, as PutItem's are checked, with the update's wording for empty
// values.
func UpdatedIndexKeys(t *types.TableDescription, item map[string]types.AttributeValue) error {
	if len(t.GlobalSecondaryIndexes) == 0 && len(t.LocalSecondaryIndexes) == 0 {
		return nil
	}
	return indexKeys(t, item, true)
}

// Key checks the Key of a GetItem or DeleteItem request (and later of the
// other single-item reads and deletes) against the table's key schema. Call
// it after the operation's stateless check and the table lookup.
func Key(t *types.TableDescription, key map[string]types.AttributeValue) error {
	list := keyAttrs(t.KeySchema, t.AttributeDefinitions)
	attrs := list.all()
	if len(key) != len(attrs) {
		return errKeySchema
	}
	for _, k := range attrs {
		av, ok := key[k.name]
		if !ok || value.Type(av) != k.typ {
			return errKeySchema
		}
		if n, empty := keySize(av); empty {
			return errEmptyKey(av, k.name)
		} else if err := checkKeySize(n, k.isHash); err != nil {
			return err
		}
	}
	return nil
}

// errEmptyKey is the error for an empty string or binary key value. Its
// wording ("are not valid.", not "were invalid:") is the same for items and
// keys (DynamoDB as captured by nubo-db/dynoxide in 2026; DynamoDB Local
// agrees; mhart/dynalite's 2020 tests had "were invalid:" for keys).
func errEmptyKey(av types.AttributeValue, name string) error {
	return apierr.Validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty " +
		emptyKind(av) + " value. Key: " + name)
}

// DeleteItemKey is DeleteItem's check after the table lookup: ReturnValues,
// which DeleteItem (unlike PutItem) checks only once the table is known,
// then Key.
func DeleteItemKey(t *types.TableDescription, in *dynamodb.DeleteItemInput) error {
	if rv := in.ReturnValues; rv != "" && rv != types.ReturnValueNone && rv != types.ReturnValueAllOld {
		var c collector
		c.add(quote(string(rv)), "returnValues", enum("ALL_OLD", "NONE"))
		return c.err()
	}
	return Key(t, in.Key)
}

// keySize returns the size of a scalar key value and whether it is an
// empty string or binary.
func keySize(av types.AttributeValue) (n int, empty bool) {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return len(v.Value), len(v.Value) == 0
	case *types.AttributeValueMemberB:
		return len(v.Value), len(v.Value) == 0
	}
	return 0, false
}

func emptyKind(av types.AttributeValue) string {
	if _, ok := av.(*types.AttributeValueMemberB); ok {
		return "binary"
	}
	return "string"
}

func checkKeySize(n int, isHash bool) error {
	if isHash && n > MaxHashKeySize {
		return apierr.Validation(invalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes")
	}
	if !isHash && n > MaxRangeKeySize {
		return apierr.Validation(invalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
	}
	return nil
}
