package validate

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Limits of CreateTable.
const (
	maxCapacityUnits = 1_000_000_000_000 // ReadCapacityUnits and WriteCapacityUnits
	maxLSIs          = 5
	maxGSIs          = 20
	maxTags          = 50
	maxNonKeyAttrs   = 20
)

// CreateTable checks a CreateTable request completely; nothing of it depends
// on existing tables except the name clash (ResourceInUseException), which
// the engine checks after this returns nil.
func CreateTable(in *dynamodb.CreateTableInput) error {
	// The missing name is reported on its own, in words, before the model
	// constraints (AWS-verified: conformance tier3/error-messages/createTable
	// "missing TableName").
	if in.TableName == nil {
		return apierr.Validation("The parameter 'TableName' is required but was not present in the request")
	}
	if err := createTableModel(in); err != nil {
		return err
	}
	return createTableSemantics(in)
}

// createTableModel checks the constraints of the API model.
func createTableModel(in *dynamodb.CreateTableInput) error {
	var c collector
	c.structure(
		member{"tableName", func() { c.checkName(in.TableName, "tableName", true) }},
		member{"attributeDefinitions", func() { c.attributeDefinitions(in.AttributeDefinitions) }},
		member{"billingMode", func() { c.checkEnum(string(in.BillingMode), "billingMode", enumBillingMode...) }},
		member{"deletionProtectionEnabled", nil},
		member{"globalSecondaryIndexes", func() { c.globalSecondaryIndexes(in.GlobalSecondaryIndexes) }},
		member{"globalTableSettingsReplicationMode", nil},
		member{"globalTableSourceArn", nil},
		member{"keySchema", func() { c.keySchema(in.KeySchema, "keySchema", true) }},
		member{"localSecondaryIndexes", func() { c.localSecondaryIndexes(in.LocalSecondaryIndexes) }},
		member{"onDemandThroughput", nil},
		member{"provisionedThroughput", func() { c.provisionedThroughput(in.ProvisionedThroughput, "provisionedThroughput") }},
		member{"resourcePolicy", nil},
		member{"sSESpecification", func() { c.sseSpecification(in.SSESpecification) }},
		member{"streamSpecification", func() { c.streamSpecification(in.StreamSpecification, enumStreamViewType) }},
		member{"tableClass", nil},
		member{"tags", nil},
		member{"vectorIndexes", nil},
		member{"warmThroughput", nil},
	)
	return c.err()
}

// sseSpecification applies the model constraints of an SSESpecification
// (CreateTable and UpdateTable).
func (c *collector) sseSpecification(s *types.SSESpecification) {
	if s == nil {
		return
	}
	c.structure(
		member{"enabled", nil},
		member{"kMSMasterKeyId", nil},
		member{"sSEType", func() { c.checkEnum(string(s.SSEType), "sSESpecification.sSEType", enumSSEType...) }},
	)
}

// streamSpecification applies the model constraints of a
// StreamSpecification; views is the StreamViewType enum in the order the
// operation's message lists it.
func (c *collector) streamSpecification(s *types.StreamSpecification, views []string) {
	if s == nil {
		return
	}
	c.structure(
		member{"streamEnabled", func() {
			if s.StreamEnabled == nil {
				c.add(null, "streamSpecification.streamEnabled", notNull)
			}
		}},
		member{"streamViewType", func() {
			c.checkEnum(string(s.StreamViewType), "streamSpecification.streamViewType", views...)
		}},
	)
}

func (c *collector) attributeDefinitions(defs []types.AttributeDefinition) {
	if defs == nil {
		c.add(null, "attributeDefinitions", notNull)
		return
	}
	for i := range defs {
		d := &defs[i]
		path := "attributeDefinitions." + strconv.Itoa(i+1) + ".member."
		c.structure(
			member{"attributeName", func() { c.keyAttributeName(d.AttributeName, path+"attributeName") }},
			member{"attributeType", func() {
				if d.AttributeType == "" {
					c.add(null, path+"attributeType", notNull)
				} else {
					c.checkEnum(string(d.AttributeType), path+"attributeType", enumScalarType...)
				}
			}},
		)
	}
}

// keyAttributeName checks a KeySchemaAttributeName: not null, 1 to 255 long.
func (c *collector) keyAttributeName(s *string, path string) {
	switch {
	case s == nil:
		c.add(null, path, notNull)
	case javaLen(*s) < 1:
		c.add(quote(*s), path, minLen(1))
	case javaLen(*s) > 255:
		c.add(quote(*s), path, maxLen(255))
	}
}

// keySchema checks a table's (withEnum) or an index's key schema. Index
// key types are not enum-checked by the model; a wrong one is reported by
// the semantic checks ("The first KeySchemaElement is not a HASH key type").
func (c *collector) keySchema(ks []types.KeySchemaElement, path string, withEnum bool) {
	if ks == nil {
		c.add(null, path, notNull)
		return
	}
	if len(ks) < 1 {
		c.add(renderKeySchema(ks), path, minLen(1))
	} else if len(ks) > 2 {
		c.add(renderKeySchema(ks), path, maxLen(2))
	}
	for i := range ks {
		e := &ks[i]
		p := path + "." + strconv.Itoa(i+1) + ".member."
		c.structure(
			member{"attributeName", func() { c.keyAttributeName(e.AttributeName, p+"attributeName") }},
			member{"keyType", func() {
				switch {
				case e.KeyType == "":
					c.add(null, p+"keyType", notNull)
				case withEnum:
					c.checkEnum(string(e.KeyType), p+"keyType", enumKeyType...)
				}
			}},
		)
	}
}

// renderKeySchema prints a key schema list as DynamoDB does. DynamoDB is not
// consistent here: some of its hosts print the element class's default
// Object.toString ("com.amazonaws.dynamodb.v20120810.KeySchemaElement@1f2e3d")
// instead (AWS-verified: conformance tier3/error-messages/createTable "more
// than 2 KeySchema elements" accepts both); we print the readable form.
func renderKeySchema(ks []types.KeySchemaElement) string {
	parts := make([]string, len(ks))
	for i, e := range ks {
		parts[i] = "KeySchemaElement(attributeName=" + orNull(e.AttributeName) + ", keyType=" + orNullEnum(string(e.KeyType)) + ")"
	}
	return quote("[" + strings.Join(parts, ", ") + "]")
}

func (c *collector) provisionedThroughput(pt *types.ProvisionedThroughput, path string) {
	if pt == nil {
		return
	}
	units := func(v *int64, p string) {
		switch {
		case v == nil:
			c.add(null, p, notNull)
		case *v < 1:
			c.add(renderInt(*v), p, minValue(1))
		}
	}
	c.structure(
		member{"readCapacityUnits", func() { units(pt.ReadCapacityUnits, path+".readCapacityUnits") }},
		member{"writeCapacityUnits", func() { units(pt.WriteCapacityUnits, path+".writeCapacityUnits") }},
	)
}

func (c *collector) projection(p *types.Projection, path string) {
	if p == nil {
		c.add(null, path, notNull)
		return
	}
	c.structure(
		member{"nonKeyAttributes", func() {
			if p.NonKeyAttributes == nil {
				return
			}
			if len(p.NonKeyAttributes) < 1 {
				c.add(renderStrings(p.NonKeyAttributes), path+".nonKeyAttributes", minLen(1))
			} else if len(p.NonKeyAttributes) > maxNonKeyAttrs {
				c.add(renderStrings(p.NonKeyAttributes), path+".nonKeyAttributes", maxLen(maxNonKeyAttrs))
			}
		}},
		member{"projectionType", func() { c.checkEnum(string(p.ProjectionType), path+".projectionType", enumProjectionType...) }},
	)
}

func (c *collector) localSecondaryIndexes(lsis []types.LocalSecondaryIndex) {
	for i := range lsis {
		x := &lsis[i]
		p := "localSecondaryIndexes." + strconv.Itoa(i+1) + ".member."
		c.structure(
			member{"indexName", func() { c.checkName(x.IndexName, p+"indexName", true) }},
			member{"keySchema", func() { c.keySchema(x.KeySchema, p+"keySchema", false) }},
			member{"projection", func() { c.projection(x.Projection, p+"projection") }},
		)
	}
}

func (c *collector) globalSecondaryIndexes(gsis []types.GlobalSecondaryIndex) {
	for i := range gsis {
		x := &gsis[i]
		p := "globalSecondaryIndexes." + strconv.Itoa(i+1) + ".member."
		c.structure(
			member{"indexName", func() { c.checkName(x.IndexName, p+"indexName", true) }},
			member{"keySchema", func() { c.keySchema(x.KeySchema, p+"keySchema", false) }},
			member{"projection", func() { c.projection(x.Projection, p+"projection") }},
			member{"onDemandThroughput", nil},
			member{"provisionedThroughput", func() { c.provisionedThroughput(x.ProvisionedThroughput, p+"provisionedThroughput") }},
			member{"warmThroughput", nil},
		)
	}
}

const invalid = "One or more parameter values were invalid: "

// createTableSemantics are the checks DynamoDB's CreateTable code makes once
// the request satisfies the model, in DynamoDB's order: capacity, key schema
// against attribute definitions, key schema shape, indexes, unused
// definitions, streams, tags.
func createTableSemantics(in *dynamodb.CreateTableInput) error {
	if in.TableClass != "" && !inEnum(string(in.TableClass), enumTableClass) {
		return apierr.Validation("Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].")
	}
	payPerRequest := in.BillingMode == types.BillingModePayPerRequest
	if payPerRequest {
		if in.ProvisionedThroughput != nil {
			return apierr.Validation(invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		}
	} else {
		pt := in.ProvisionedThroughput
		if pt == nil || pt.ReadCapacityUnits == nil || pt.WriteCapacityUnits == nil {
			return apierr.Validation(invalid + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
		}
		if err := capacityBounds(pt); err != nil {
			return err
		}
	}

	defs := make([]string, len(in.AttributeDefinitions))
	defined := make(map[string]bool, len(defs))
	for i, d := range in.AttributeDefinitions {
		name := *d.AttributeName
		if defined[name] {
			return apierr.Validation("Attribute Name is duplicated: " + name)
		}
		defined[name] = true
		defs[i] = name
	}

	if err := checkKeySchema(in.KeySchema, defs, defined); err != nil {
		return err
	}
	keys := keyNames(in.KeySchema)

	hasIndexes := in.LocalSecondaryIndexes != nil || in.GlobalSecondaryIndexes != nil
	if !hasIndexes && len(keys) != len(defs) {
		return apierr.Validation(invalid + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
	}

	used := make(map[string]bool)
	var usedOrder []string
	use := func(names []string) {
		for _, n := range names {
			if !used[n] {
				used[n] = true
				usedOrder = append(usedOrder, n)
			}
		}
	}
	use(keys)
	indexNames := make(map[string]bool)

	if in.LocalSecondaryIndexes != nil {
		lsis := in.LocalSecondaryIndexes
		if len(lsis) == 0 {
			return apierr.Validation(invalid + "List of LocalSecondaryIndexes is empty")
		}
		if len(in.KeySchema) != 2 {
			return apierr.Validation(invalid + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
		}
		tableHash := keys[0]
		for i := range lsis {
			x := &lsis[i]
			name := *x.IndexName
			if err := checkIndexKeySchema(x.KeySchema, defs, defined); err != nil {
				return err
			}
			if len(x.KeySchema) != 2 {
				return apierr.Validation(invalid + "Index KeySchema does not have a range key for index: " + name)
			}
			if h := *x.KeySchema[0].AttributeName; h != tableHash {
				return apierr.Validation(invalid + "Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
					name + ". index hash key: " + h + ", table hash key: " + tableHash)
			}
			if err := checkProjection(x.Projection); err != nil {
				return err
			}
			if indexNames[name] {
				return apierr.Validation(invalid + "Duplicate index name: " + name)
			}
			indexNames[name] = true
			use(keyNames(x.KeySchema))
		}
		if len(lsis) > maxLSIs {
			return apierr.Validation(invalid + "Number of LocalSecondaryIndexes exceeds per-table limit of 5")
		}
	}

	if in.GlobalSecondaryIndexes != nil {
		gsis := in.GlobalSecondaryIndexes
		if len(gsis) == 0 {
			return apierr.Validation(invalid + "List of GlobalSecondaryIndexes is empty")
		}
		for i := range gsis {
			x := &gsis[i]
			name := *x.IndexName
			if err := checkIndexKeySchema(x.KeySchema, defs, defined); err != nil {
				return err
			}
			if err := checkProjection(x.Projection); err != nil {
				return err
			}
			if err := checkIndexThroughput(name, x.ProvisionedThroughput, payPerRequest); err != nil {
				return err
			}
			if indexNames[name] {
				return apierr.Validation(invalid + "Duplicate index name: " + name)
			}
			indexNames[name] = true
			use(keyNames(x.KeySchema))
		}
		if len(gsis) > maxGSIs {
			return apierr.Validation(invalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20")
		}
	}

	if hasIndexes && len(used) != len(defs) {
		return apierr.Validation(invalid + "Some AttributeDefinitions are not used. AttributeDefinitions: [" +
			strings.Join(defs, ", ") + "], keys used: [" + strings.Join(usedOrder, ", ") + "]")
	}

	if s := in.StreamSpecification; s != nil && !*s.StreamEnabled && s.StreamViewType != "" {
		return apierr.Validation(invalid + "Table is being created with a stream disabled, UpdateViewType should not be specified")
	}
	if s := in.StreamSpecification; s != nil && *s.StreamEnabled && s.StreamViewType == "" {
		return apierr.Validation(invalid + "Table is being created with a stream enabled, UpdateViewType is required")
	}
	if err := checkSSE(in.SSESpecification); err != nil {
		return err
	}
	// The tagging rules are TagResource's (tags.go).
	return checkTagList(in.Tags)
}

// checkSSE checks the combination of the SSESpecification members.
func checkSSE(s *types.SSESpecification) error {
	if s == nil {
		return nil
	}
	if s.Enabled != nil && !*s.Enabled {
		if s.SSEType != "" {
			return apierr.Validation(invalid + "SSEType can not be specified if Enabled is false")
		}
		if s.KMSMasterKeyId != nil {
			return apierr.Validation(invalid + "KMSMasterKeyId can not be specified if Enabled is false")
		}
		return nil
	}
	if s.SSEType == types.SSETypeAes256 {
		return apierr.Validation(invalid + "SSEType AES256 is not supported")
	}
	if s.KMSMasterKeyId != nil && s.SSEType != types.SSETypeKms {
		return apierr.Validation(invalid + "SSEType KMS is required if KMSMasterKeyId is specified")
	}
	return nil
}

func validTagText(s string, minN, maxN int) bool {
	n := javaLen(s)
	if n < minN || n > maxN {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune("+-=._:/@", r) {
			continue
		}
		return false
	}
	return true
}

func capacityBounds(pt *types.ProvisionedThroughput) error {
	if r := *pt.ReadCapacityUnits; r > maxCapacityUnits {
		return apierr.Validationf("Given value %d for ReadCapacityUnits is out of bounds", r)
	}
	if w := *pt.WriteCapacityUnits; w > maxCapacityUnits {
		return apierr.Validationf("Given value %d for WriteCapacityUnits is out of bounds", w)
	}
	return nil
}

func keyNames(ks []types.KeySchemaElement) []string {
	names := make([]string, len(ks))
	for i, e := range ks {
		names[i] = *e.AttributeName
	}
	return names
}

// checkKeySchema checks a table key schema against the attribute
// definitions and its own shape (one HASH, then optionally one RANGE).
func checkKeySchema(ks []types.KeySchemaElement, defs []string, defined map[string]bool) error {
	keys := keyNames(ks)
	// A key schema naming more attributes than are defined is reported
	// tersely, even when the extra element repeats a defined name
	// (AWS-verified: conformance tier3/error-messages/createTable "duplicate
	// attribute in KeySchema").
	if len(keys) > len(defs) {
		return apierr.Validation("Invalid KeySchema: Some index key attribute have no definition")
	}
	for _, k := range keys {
		if !defined[k] {
			return apierr.Validation(invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
				strings.Join(keys, ", ") + "], AttributeDefinitions: [" + strings.Join(defs, ", ") + "]")
		}
	}
	return checkKeyShape(ks)
}

func checkKeyShape(ks []types.KeySchemaElement) error {
	if len(ks) == 2 && *ks[0].AttributeName == *ks[1].AttributeName {
		return apierr.Validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
	}
	if ks[0].KeyType != types.KeyTypeHash {
		return apierr.Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
	}
	if len(ks) == 2 && ks[1].KeyType != types.KeyTypeRange {
		return apierr.Validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
	}
	return nil
}

func checkIndexKeySchema(ks []types.KeySchemaElement, defs []string, defined map[string]bool) error {
	keys := keyNames(ks)
	for _, k := range keys {
		if !defined[k] {
			return apierr.Validation(invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
				strings.Join(keys, ", ") + "], AttributeDefinitions: [" + strings.Join(defs, ", ") + "]")
		}
	}
	return checkKeyShape(ks)
}

// checkIndexThroughput checks a new global index's ProvisionedThroughput
// against the table's billing mode (CreateTable, and UpdateTable's Create).
func checkIndexThroughput(name string, pt *types.ProvisionedThroughput, payPerRequest bool) error {
	if payPerRequest {
		if pt != nil {
			return apierr.Validation(invalid + "ProvisionedThroughput should not be specified for index: " + name + " when BillingMode is PAY_PER_REQUEST")
		}
		return nil
	}
	if pt == nil || pt.ReadCapacityUnits == nil || pt.WriteCapacityUnits == nil {
		return apierr.Validation(invalid + "ProvisionedThroughput is not specified for index: " + name)
	}
	return capacityBounds(pt)
}

func checkProjection(p *types.Projection) error {
	if p.ProjectionType == "" {
		return apierr.Validation(invalid + "Unknown ProjectionType: null")
	}
	if p.NonKeyAttributes != nil && p.ProjectionType != types.ProjectionTypeInclude {
		return apierr.Validation(invalid + "ProjectionType is " + string(p.ProjectionType) + ", but NonKeyAttributes is specified")
	}
	if p.ProjectionType == types.ProjectionTypeInclude {
		if p.NonKeyAttributes == nil {
			return apierr.Validation(invalid + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified")
		}
		seen := make(map[string]bool, len(p.NonKeyAttributes))
		for _, a := range p.NonKeyAttributes {
			if seen[a] {
				return apierr.Validation(invalid + "Duplicate element in NonKeyAttributes: " + a)
			}
			seen[a] = true
		}
	}
	return nil
}
