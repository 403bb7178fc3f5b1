package validate

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// table describes a table with hash key pk (type hash) and, when rng is
// not "", range key sk (type rng), a GSI byG on g (S) and an LSI byL on l
// (N).
func table(hash, rng types.ScalarAttributeType) *types.TableDescription {
	t := &types.TableDescription{
		TableName:            ptr("tbl"),
		AttributeDefinitions: []types.AttributeDefinition{ad("pk", hash), ad("g", "S")},
		KeySchema:            []types.KeySchemaElement{ks("pk", "HASH")},
	}
	t.GlobalSecondaryIndexes = []types.GlobalSecondaryIndexDescription{{
		IndexName: ptr("byG"), KeySchema: []types.KeySchemaElement{ks("g", "HASH")},
	}}
	if rng != "" {
		t.AttributeDefinitions = append(t.AttributeDefinitions, ad("sk", rng), ad("l", "N"))
		// Range listed first on purpose: the order in the description does
		// not matter.
		t.KeySchema = []types.KeySchemaElement{ks("sk", "RANGE"), ks("pk", "HASH")}
		t.LocalSecondaryIndexes = []types.LocalSecondaryIndexDescription{{
			IndexName: ptr("byL"), KeySchema: []types.KeySchemaElement{ks("pk", "HASH"), ks("l", "RANGE")},
		}}
	}
	return t
}

func TestPutItemItem(t *testing.T) {
	hashS, compositeSB := table("S", ""), table("S", "B")
	put := func(t *types.TableDescription, it map[string]types.AttributeValue) func() error {
		return func() error { return PutItemItem(t, &dynamodb.PutItemInput{TableName: ptr("tbl"), Item: it}) }
	}
	run(t, []testCase{
		{"valid", put(hashS, item("pk", S("a"), "x", S(""))), ""},
		{"valid composite", put(compositeSB, item("pk", S("a"), "sk", B([]byte{0}), "l", N("1"), "g", S("x"))), ""},
		{"hash key at limit", put(hashS, item("pk", S(strings.Repeat("a", 2048)))), ""},
		{"range key at limit", put(compositeSB, item("pk", S("a"), "sk", B(make([]byte, 1024)))), ""},
		{"missing key", put(hashS, item("b", S("a"))),
			"One or more parameter values were invalid: Missing the key pk in the item"},
		{"empty item", put(hashS, item()),
			"One or more parameter values were invalid: Missing the key pk in the item"},
		{"missing range key", put(compositeSB, item("pk", S("a"))),
			"One or more parameter values were invalid: Missing the key sk in the item"},
		{"hash checked first", put(compositeSB, item("sk", S("a"))),
			"One or more parameter values were invalid: Missing the key pk in the item"},
		{"type mismatch N", put(hashS, item("pk", N("1"))),
			"One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"},
		{"type mismatch M", put(hashS, item("pk", &types.AttributeValueMemberM{Value: item()})),
			"One or more parameter values were invalid: Type mismatch for key pk expected: S actual: M"},
		{"type mismatch range", put(compositeSB, item("pk", S("a"), "sk", S("a"))),
			"One or more parameter values were invalid: Type mismatch for key sk expected: B actual: S"},
		{"empty string key", put(hashS, item("pk", S(""))),
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"empty binary key", put(compositeSB, item("pk", S("a"), "sk", B([]byte{}))),
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk"},
		{"hash key too big", put(hashS, item("pk", S(strings.Repeat("a", 2049)))),
			"One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"hash key too big in UTF-8", put(hashS, item("pk", S(strings.Repeat("é", 1025)))),
			"One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"range key too big", put(compositeSB, item("pk", S("a"), "sk", B(make([]byte, 1025)))),
			"One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"},
		{"GSI key type", put(hashS, item("pk", S("a"), "g", N("1"))),
			"One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG"},
		{"LSI key type", put(compositeSB, item("pk", S("a"), "sk", B([]byte{1}), "l", S("1"))),
			"One or more parameter values were invalid: Type mismatch for Index Key l Expected: N Actual: S IndexName: byL"},
		{"first index by name", put(compositeSB, item("pk", S("a"), "sk", B([]byte{1}), "l", S("1"), "g", N("1"))),
			"One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG"},
		{"LSI hash is the table's", put(compositeSB, item("pk", S("a"), "sk", B([]byte{1}), "l", N("1"))), ""},
		{"GSI key empty", put(hashS, item("pk", S("a"), "g", S(""))),
			"One or more parameter values are not valid. A value specified for a secondary index key is not supported. " +
				"The AttributeValue for a key attribute cannot contain an empty string value. IndexName: byG, IndexKey: g"},
	})
}

func TestKey(t *testing.T) {
	hashS, compositeNS := table("S", ""), table("N", "S")
	key := func(t *types.TableDescription, k map[string]types.AttributeValue) func() error {
		return func() error { return Key(t, k) }
	}
	const mismatch = "The provided key element does not match the schema"
	run(t, []testCase{
		{"valid", key(hashS, item("pk", S("a"))), ""},
		{"valid composite", key(compositeNS, item("pk", N("1"), "sk", S("a"))), ""},
		{"empty", key(hashS, item()), mismatch},
		{"other attribute", key(hashS, item("b", S("a"))), mismatch},
		{"extra attribute", key(hashS, item("pk", S("a"), "b", S("a"))), mismatch},
		{"wrong type", key(hashS, item("pk", N("1"))), mismatch},
		{"missing range key", key(compositeNS, item("pk", N("1"))), mismatch},
		{"empty string", key(hashS, item("pk", S(""))),
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"empty range string", key(compositeNS, item("pk", N("1"), "sk", S(""))),
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk"},
		{"hash too big", key(hashS, item("pk", S(strings.Repeat("a", 2049)))),
			"One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"range too big", key(compositeNS, item("pk", N("1"), "sk", S(strings.Repeat("a", 1025)))),
			"One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"},
	})
}

func TestDeleteItemKey(t *testing.T) {
	hashS := table("S", "")
	del := func(rv types.ReturnValue, k map[string]types.AttributeValue) func() error {
		return func() error {
			return DeleteItemKey(hashS, &dynamodb.DeleteItemInput{TableName: ptr("tbl"), Key: k, ReturnValues: rv})
		}
	}
	run(t, []testCase{
		{"valid", del(types.ReturnValueAllOld, item("pk", S("a"))), ""},
		{"ALL_NEW", del(types.ReturnValueAllNew, item("pk", S("a"))),
			one + "Value 'ALL_NEW' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]"},
		{"ReturnValues before key", del(types.ReturnValueUpdatedOld, item()),
			one + "Value 'UPDATED_OLD' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]"},
		{"key", del("", item()), "The provided key element does not match the schema"},
	})
}
