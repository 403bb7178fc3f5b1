package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func ad(name string, typ types.ScalarAttributeType) types.AttributeDefinition {
	return types.AttributeDefinition{AttributeName: ptr(name), AttributeType: typ}
}

func ks(name string, kt types.KeyType) types.KeySchemaElement {
	return types.KeySchemaElement{AttributeName: ptr(name), KeyType: kt}
}

func pt(r, w int64) *types.ProvisionedThroughput {
	return &types.ProvisionedThroughput{ReadCapacityUnits: ptr(r), WriteCapacityUnits: ptr(w)}
}

// hashTable is a valid PAY_PER_REQUEST CreateTable request for a table with
// a string hash key pk; edit modifies it.
func hashTable(edit func(in *dynamodb.CreateTableInput)) func() error {
	return func() error {
		in := &dynamodb.CreateTableInput{
			TableName:            ptr("tbl"),
			AttributeDefinitions: []types.AttributeDefinition{ad("pk", types.ScalarAttributeTypeS)},
			KeySchema:            []types.KeySchemaElement{ks("pk", types.KeyTypeHash)},
			BillingMode:          types.BillingModePayPerRequest,
		}
		if edit != nil {
			edit(in)
		}
		return CreateTable(in)
	}
}

// compositeTable is hashTable with a string range key sk.
func compositeTable(edit func(in *dynamodb.CreateTableInput)) func() error {
	return hashTable(func(in *dynamodb.CreateTableInput) {
		in.AttributeDefinitions = append(in.AttributeDefinitions, ad("sk", types.ScalarAttributeTypeS))
		in.KeySchema = append(in.KeySchema, ks("sk", types.KeyTypeRange))
		if edit != nil {
			edit(in)
		}
	})
}

func lsi(name, rangeKey string, p types.ProjectionType) types.LocalSecondaryIndex {
	return types.LocalSecondaryIndex{
		IndexName:  ptr(name),
		KeySchema:  []types.KeySchemaElement{ks("pk", types.KeyTypeHash), ks(rangeKey, types.KeyTypeRange)},
		Projection: &types.Projection{ProjectionType: p},
	}
}

func gsi(name, hashKey string) types.GlobalSecondaryIndex {
	return types.GlobalSecondaryIndex{
		IndexName:  ptr(name),
		KeySchema:  []types.KeySchemaElement{ks(hashKey, types.KeyTypeHash)},
		Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
	}
}

func tags(n int) []types.Tag {
	out := make([]types.Tag, n)
	for i := range out {
		out[i] = types.Tag{Key: ptr(fmt.Sprintf("k%d", i)), Value: ptr("v")}
	}
	return out
}

const one = "1 validation error detected: "

func TestCreateTable(t *testing.T) {
	a256 := strings.Repeat("a", 256)
	run(t, []testCase{
		// Happy paths.
		{"hash S pay per request", hashTable(nil), ""},
		{"composite", compositeTable(nil), ""},
		{"hash N range B provisioned", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{ad("n", types.ScalarAttributeTypeN), ad("b", types.ScalarAttributeTypeB)}
			in.KeySchema = []types.KeySchemaElement{ks("n", types.KeyTypeHash), ks("b", types.KeyTypeRange)}
			in.BillingMode = ""
			in.ProvisionedThroughput = pt(5, 5)
		}), ""},
		{"explicit PROVISIONED", hashTable(func(in *dynamodb.CreateTableInput) {
			in.BillingMode = types.BillingModeProvisioned
			in.ProvisionedThroughput = pt(1, 1000000000000)
		}), ""},
		{"options", hashTable(func(in *dynamodb.CreateTableInput) {
			in.Tags = tags(50)
			in.TableClass = types.TableClassStandardInfrequentAccess
			in.DeletionProtectionEnabled = ptr(true)
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: ptr(true), StreamViewType: types.StreamViewTypeNewAndOldImages}
			in.SSESpecification = &types.SSESpecification{Enabled: ptr(true), SSEType: types.SSETypeKms, KMSMasterKeyId: ptr("alias/k")}
		}), ""},
		{"stream disabled", hashTable(func(in *dynamodb.CreateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: ptr(false)}
		}), ""},
		{"indexes", compositeTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, ad("l", types.ScalarAttributeTypeN), ad("g", types.ScalarAttributeTypeS))
			in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{lsi("byL", "l", types.ProjectionTypeKeysOnly)}
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{gsi("byG", "g")}
		}), ""},

		// Table name (AWS-verified: conformance tier3/error-messages/createTable).
		{"missing name", hashTable(func(in *dynamodb.CreateTableInput) { in.TableName = nil }),
			"The parameter 'TableName' is required but was not present in the request"},
		{"short name", hashTable(func(in *dynamodb.CreateTableInput) { in.TableName = ptr("ab") }),
			one + "Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"empty name", hashTable(func(in *dynamodb.CreateTableInput) { in.TableName = ptr("") }),
			"2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"long name", hashTable(func(in *dynamodb.CreateTableInput) { in.TableName = ptr(a256) }),
			one + "Value '" + a256 + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255"},
		{"bad name", hashTable(func(in *dynamodb.CreateTableInput) { in.TableName = ptr("x!y") }),
			one + "Value 'x!y' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},

		// Model constraints.
		{"invalid KeyType", hashTable(func(in *dynamodb.CreateTableInput) { in.KeySchema[0].KeyType = "INVALID" }),
			one + "Value 'INVALID' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"},
		{"invalid AttributeType", hashTable(func(in *dynamodb.CreateTableInput) { in.AttributeDefinitions[0].AttributeType = "INVALID" }),
			one + "Value 'INVALID' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"},
		{"three key elements", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{ad("pk", "S"), ad("sk", "S"), ad("extra", "S")}
			in.KeySchema = []types.KeySchemaElement{ks("pk", "HASH"), ks("sk", "RANGE"), ks("extra", "RANGE")}
		}), one + "Value '[KeySchemaElement(attributeName=pk, keyType=HASH), KeySchemaElement(attributeName=sk, keyType=RANGE), " +
			"KeySchemaElement(attributeName=extra, keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2"},
		{"empty key schema", hashTable(func(in *dynamodb.CreateTableInput) { in.KeySchema = []types.KeySchemaElement{} }),
			one + "Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"null members", hashTable(func(in *dynamodb.CreateTableInput) {
			in.KeySchema = nil
			in.AttributeDefinitions = nil
		}), "2 validation errors detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null"},
		{"null element members", hashTable(func(in *dynamodb.CreateTableInput) {
			in.KeySchema = []types.KeySchemaElement{{}}
			in.AttributeDefinitions = []types.AttributeDefinition{{}}
		}), "4 validation errors detected: Value null at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must not be null"},
		{"empty attribute name", hashTable(func(in *dynamodb.CreateTableInput) {
			in.KeySchema[0].AttributeName = ptr("")
		}), one + "Value '' at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"invalid BillingMode", hashTable(func(in *dynamodb.CreateTableInput) { in.BillingMode = "INVALID_MODE" }),
			one + "Value 'INVALID_MODE' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"},
		{"low capacity", hashTable(func(in *dynamodb.CreateTableInput) {
			in.BillingMode = ""
			in.ProvisionedThroughput = pt(-1, 0)
		}), "2 validation errors detected: Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
			"Value '-1' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"null capacity", hashTable(func(in *dynamodb.CreateTableInput) {
			in.BillingMode = ""
			in.ProvisionedThroughput = &types.ProvisionedThroughput{}
		}), "2 validation errors detected: Value null at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must not be null"},
		{"invalid StreamViewType", hashTable(func(in *dynamodb.CreateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: ptr(true), StreamViewType: "ALL"}
		}), one + "Value 'ALL' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]"},
		{"null StreamEnabled", hashTable(func(in *dynamodb.CreateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{}
		}), one + "Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null"},
		{"invalid SSEType", hashTable(func(in *dynamodb.CreateTableInput) {
			in.SSESpecification = &types.SSESpecification{SSEType: "X"}
		}), one + "Value 'X' at 'sSESpecification.sSEType' failed to satisfy constraint: Member must satisfy enum value set: [AES256, KMS]"},
		{"bad index name", compositeTable(func(in *dynamodb.CreateTableInput) {
			in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{lsi("a!", "sk", types.ProjectionTypeAll)}
		}), "2 validation errors detected: Value 'a!' at 'localSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
			"Value 'a!' at 'localSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"invalid ProjectionType", hashTable(func(in *dynamodb.CreateTableInput) {
			x := gsi("byPk", "pk")
			x.Projection.ProjectionType = "SOME"
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{x}
		}), one + "Value 'SOME' at 'globalSecondaryIndexes.1.member.projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]"},

		// Capacity.
		{"capacity with PAY_PER_REQUEST", hashTable(func(in *dynamodb.CreateTableInput) { in.ProvisionedThroughput = pt(1, 1) }),
			"One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{"no capacity, no billing mode", hashTable(func(in *dynamodb.CreateTableInput) { in.BillingMode = "" }),
			"One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
		{"no capacity, PROVISIONED", hashTable(func(in *dynamodb.CreateTableInput) { in.BillingMode = types.BillingModeProvisioned }),
			"One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
		{"read capacity too high", hashTable(func(in *dynamodb.CreateTableInput) {
			in.BillingMode = ""
			in.ProvisionedThroughput = pt(1000000000001, 1000000000001)
		}), "Given value 1000000000001 for ReadCapacityUnits is out of bounds"},
		{"write capacity too high", hashTable(func(in *dynamodb.CreateTableInput) {
			in.BillingMode = ""
			in.ProvisionedThroughput = pt(1, 1000000000001)
		}), "Given value 1000000000001 for WriteCapacityUnits is out of bounds"},

		// Key schema against attribute definitions.
		{"key twice", hashTable(func(in *dynamodb.CreateTableInput) {
			in.KeySchema = append(in.KeySchema, ks("pk", types.KeyTypeRange))
		}), "Invalid KeySchema: Some index key attribute have no definition"},
		{"key not defined", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{ad("b", "S")}
			in.KeySchema = []types.KeySchemaElement{ks("a", "HASH")}
		}), "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]"},
		{"no definitions", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{}
		}), "Invalid KeySchema: Some index key attribute have no definition"},
		{"same name", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{ad("a", "S"), ad("b", "S")}
			in.KeySchema = []types.KeySchemaElement{ks("a", "HASH"), ks("a", "RANGE")}
		}), "Both the Hash Key and the Range Key element in the KeySchema have the same name"},
		{"range first", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{ad("a", "S"), ad("b", "S")}
			in.KeySchema = []types.KeySchemaElement{ks("a", "RANGE"), ks("b", "HASH")}
		}), "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"range only", hashTable(func(in *dynamodb.CreateTableInput) { in.KeySchema[0].KeyType = types.KeyTypeRange }),
			"Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"two hashes", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = []types.AttributeDefinition{ad("a", "S"), ad("b", "S")}
			in.KeySchema = []types.KeySchemaElement{ks("a", "HASH"), ks("b", "HASH")}
		}), "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"},
		{"unused definition", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, ad("extra", "N"))
		}), "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"},
		{"duplicate definition", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, ad("pk", "N"))
		}), "Attribute Name is duplicated: pk"},

		// Secondary indexes.
		{"LSI without table range key", hashTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, ad("lsiSk", "S"))
			in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{lsi("lsi1", "lsiSk", types.ProjectionTypeAll)}
		}), "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"},
		{"empty LSI list", compositeTable(func(in *dynamodb.CreateTableInput) {
			in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{}
		}), "One or more parameter values were invalid: List of LocalSecondaryIndexes is empty"},
		{"empty GSI list", compositeTable(func(in *dynamodb.CreateTableInput) {
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{}
		}), "One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty"},
		{"LSI other hash key", compositeTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, ad("x", "S"))
			l := lsi("lsi1", "sk", types.ProjectionTypeAll)
			l.KeySchema[0].AttributeName = ptr("x")
			in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{l}
		}), "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: lsi1. index hash key: x, table hash key: pk"},
		{"LSI without range key", compositeTable(func(in *dynamodb.CreateTableInput) {
			l := lsi("lsi1", "sk", types.ProjectionTypeAll)
			l.KeySchema = l.KeySchema[:1]
			in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{l}
		}), "One or more parameter values were invalid: Index KeySchema does not have a range key for index: lsi1"},
		{"six LSIs", compositeTable(func(in *dynamodb.CreateTableInput) {
			for i := 0; i < 6; i++ {
				in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, lsi(fmt.Sprintf("lsi%d", i), "sk", types.ProjectionTypeAll))
			}
		}), "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5"},
		{"index key not defined", compositeTable(func(in *dynamodb.CreateTableInput) {
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{gsi("gsi1", "nope")}
		}), "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [nope], AttributeDefinitions: [pk, sk]"},
		{"duplicate index names", compositeTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, ad("gsiPk1", "S"), ad("gsiPk2", "S"))
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{gsi("sameIndex", "gsiPk1"), gsi("sameIndex", "gsiPk2")}
		}), "One or more parameter values were invalid: Duplicate index name: sameIndex"},
		{"GSI capacity with PAY_PER_REQUEST", hashTable(func(in *dynamodb.CreateTableInput) {
			g := gsi("gsi1", "pk")
			g.ProvisionedThroughput = pt(1, 1)
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{g}
		}), "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: gsi1 when BillingMode is PAY_PER_REQUEST"},
		{"GSI without capacity", hashTable(func(in *dynamodb.CreateTableInput) {
			in.BillingMode = ""
			in.ProvisionedThroughput = pt(1, 1)
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{gsi("gsi1", "pk")}
		}), "One or more parameter values were invalid: ProvisionedThroughput is not specified for index: gsi1"},
		{"unknown projection", hashTable(func(in *dynamodb.CreateTableInput) {
			g := gsi("gsi1", "pk")
			g.Projection.ProjectionType = ""
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{g}
		}), "One or more parameter values were invalid: Unknown ProjectionType: null"},
		{"non-key attributes with ALL", hashTable(func(in *dynamodb.CreateTableInput) {
			g := gsi("gsi1", "pk")
			g.Projection.NonKeyAttributes = []string{"a"}
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{g}
		}), "One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified"},
		{"INCLUDE without non-key attributes", hashTable(func(in *dynamodb.CreateTableInput) {
			g := gsi("gsi1", "pk")
			g.Projection.ProjectionType = types.ProjectionTypeInclude
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{g}
		}), "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified"},
		{"unused definition with index", compositeTable(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, ad("g", "S"), ad("extra", "S"))
			in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{gsi("gsi1", "g")}
		}), "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, g, extra], keys used: [pk, sk, g]"},

		// Streams, encryption, class, tags.
		{"stream without view type", hashTable(func(in *dynamodb.CreateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: ptr(true)}
		}), "One or more parameter values were invalid: Table is being created with a stream enabled, UpdateViewType is required"},
		{"disabled stream with view type", hashTable(func(in *dynamodb.CreateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: ptr(false), StreamViewType: types.StreamViewTypeKeysOnly}
		}), "One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified"},
		{"SSE disabled with type", hashTable(func(in *dynamodb.CreateTableInput) {
			in.SSESpecification = &types.SSESpecification{Enabled: ptr(false), SSEType: types.SSETypeKms}
		}), "One or more parameter values were invalid: SSEType can not be specified if Enabled is false"},
		{"SSE key without KMS", hashTable(func(in *dynamodb.CreateTableInput) {
			in.SSESpecification = &types.SSESpecification{Enabled: ptr(true), KMSMasterKeyId: ptr("k")}
		}), "One or more parameter values were invalid: SSEType KMS is required if KMSMasterKeyId is specified"},
		{"SSE AES256", hashTable(func(in *dynamodb.CreateTableInput) {
			in.SSESpecification = &types.SSESpecification{Enabled: ptr(true), SSEType: types.SSETypeAes256}
		}), "One or more parameter values were invalid: SSEType AES256 is not supported"},
		{"invalid table class", hashTable(func(in *dynamodb.CreateTableInput) { in.TableClass = "COLD" }),
			"Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS]."},
		{"51 tags", hashTable(func(in *dynamodb.CreateTableInput) { in.Tags = tags(51) }),
			"Number of Tags exceed the current limit for the provided ResourceArn"},
		{"empty tag key", hashTable(func(in *dynamodb.CreateTableInput) { in.Tags = []types.Tag{{Key: ptr(""), Value: ptr("v")}} }),
			"The Tag Key provided is invalid, Key: "},
		{"long tag key", hashTable(func(in *dynamodb.CreateTableInput) {
			in.Tags = []types.Tag{{Key: ptr(strings.Repeat("k", 129)), Value: ptr("v")}}
		}), "The Tag Key provided is invalid, Key: " + strings.Repeat("k", 129)},
		{"aws tag key", hashTable(func(in *dynamodb.CreateTableInput) { in.Tags = []types.Tag{{Key: ptr("aws:x"), Value: ptr("v")}} }),
			"Tag Key cannot be prefixed with aws:, Key: aws:x"},
		{"null tag value", hashTable(func(in *dynamodb.CreateTableInput) { in.Tags = []types.Tag{{Key: ptr("k")}} }),
			"The Tag Value provided is invalid, Value: null"},
		{"long tag value", hashTable(func(in *dynamodb.CreateTableInput) {
			in.Tags = []types.Tag{{Key: ptr("k"), Value: ptr(strings.Repeat("v", 257))}}
		}), "The Tag Value provided is invalid, Value: " + strings.Repeat("v", 257)},
		{"duplicate tag keys", hashTable(func(in *dynamodb.CreateTableInput) {
			in.Tags = []types.Tag{{Key: ptr("k"), Value: ptr("1")}, {Key: ptr("k"), Value: ptr("2")}}
		}), "Duplicate Tag Keys provided as input: Duplicate Tag Key found k"},
		{"empty tag value is fine", hashTable(func(in *dynamodb.CreateTableInput) {
			in.Tags = []types.Tag{{Key: ptr("k 1+-=._:/@"), Value: ptr("")}}
		}), ""},

		// Order: the model constraints come before the semantic checks.
		{"model before semantics", hashTable(func(in *dynamodb.CreateTableInput) {
			in.TableName = ptr("ab")
			in.ProvisionedThroughput = pt(1, 1)
		}), one + "Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
	})
}
