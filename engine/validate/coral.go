package validate

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/dynabase/dynabase/engine/apierr"
)

// DynamoDB's request front end (the Coral framework) checks the constraints
// of its API model (required members, lengths, ranges, patterns, enums)
// before any operation code runs and reports every violation it finds in one
// ValidationException:
//
//	1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3
//	2 validation errors detected: <violation>; <violation>
//
// At most maxViolations are reported.
//
// The order of the violations is the iteration order of a java.util.HashMap
// keyed by the (lower-camel-case) member names of each structure: observed
// orders that this reproduces are "returnValues" before "tableName" (PutItem),
// "returnConsumedCapacity" before "returnValues" (UpdateItem), "key" before
// "tableName" and "attributesToGet, returnConsumedCapacity, key, tableName"
// (GetItem), "provisionedThroughput.writeCapacityUnits" before
// "...readCapacityUnits" (CreateTable). The constraints of one member are
// reported in the order pattern, minimum length, maximum length, and the
// elements of a list in index order after the list's own constraints.
const maxViolations = 10

// collector accumulates Coral violations for one request.
type collector struct {
	msgs []string
}

// add records one violation. value is already rendered (see the render
// helpers); path is the member path ('keySchema.1.member.keyType').
func (c *collector) add(value, path, constraint string) {
	c.msgs = append(c.msgs, "Value "+value+" at '"+path+"' failed to satisfy constraint: "+constraint)
}

// err returns the aggregated ValidationException, or nil.
func (c *collector) err() error {
	if len(c.msgs) == 0 {
		return nil
	}
	msgs := c.msgs
	if len(msgs) > maxViolations {
		msgs = msgs[:maxViolations]
	}
	return apierr.Validation(detected(msgs))
}

// detected formats violations with Coral's counting prefix.
func detected(msgs []string) string {
	if len(msgs) == 1 {
		return "1 validation error detected: " + msgs[0]
	}
	return strconv.Itoa(len(msgs)) + " validation errors detected: " + strings.Join(msgs, "; ")
}

// member is one member of an API structure with the checks of its
// constraints. check may be nil for members without constraints; they still
// take part in the ordering, since every member occupies the hash table.
type member struct {
	name  string
	check func()
}

// structure runs the member checks and leaves their violations in Coral's
// order. members must list every member of the structure in model order
// (the order of the SDK's fields: required members first, then
// alphabetical); that order breaks ties between members that land in the
// same hash bucket.
//
// The checks run in model order and only the violations are reordered
// afterwards, and only when there are two or more: valid requests, nearly
// all of them, never pay for computing the HashMap order. A nested
// structure (checked inside a member's check) orders its own violations
// first; the outer one then moves them as one block.
func (c *collector) structure(members ...member) {
	start := len(c.msgs)
	var endBuf [24]int
	ends := endBuf[:0] // ends[i]: len(c.msgs) after member i's check
	for _, m := range members {
		if m.check != nil {
			m.check()
		}
		ends = append(ends, len(c.msgs))
	}
	if len(c.msgs)-start < 2 {
		return
	}
	var orderBuf [24]int
	ordered := make([]string, 0, len(c.msgs)-start)
	for _, i := range hashMapOrder(members, orderBuf[:0]) {
		from := start
		if i > 0 {
			from = ends[i-1]
		}
		ordered = append(ordered, c.msgs[from:ends[i]]...)
	}
	copy(c.msgs[start:], ordered)
}

// hashMapOrder appends to order the indexes of members in the iteration
// order of a java.util.HashMap with default capacity and load factor into
// which the member names were put in the given order: by bucket, and within
// a bucket in insertion order. It runs on every request, so it avoids
// allocating for the usual structure sizes.
func hashMapOrder(members []member, order []int) []int {
	n := 16
	for float64(len(members)) > 0.75*float64(n) {
		n *= 2
	}
	var bucketBuf [24]uint32
	buckets := bucketBuf[:0]
	for _, m := range members {
		h := javaHash(m.name)
		h ^= h >> 16
		buckets = append(buckets, h&uint32(n-1))
	}
	for i := range members {
		order = append(order, i)
	}
	// Insertion sort: stable (ties keep insertion order) and fast for the
	// handful of members an API structure has.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && buckets[order[j]] < buckets[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order
}

// javaHash is java.lang.String.hashCode: over UTF-16 code units.
func javaHash(s string) uint32 {
	var h uint32
	for _, r := range s {
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			h = 31*h + uint32(hi)
			h = 31*h + uint32(lo)
			continue
		}
		h = 31*h + uint32(r)
	}
	return h
}

// javaLen is the length Coral compares: Java's String.length, in UTF-16
// code units.
func javaLen(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// Rendering of the offending value, as Java's toString prints it.

const null = "null"

func quote(s string) string { return "'" + s + "'" }

func renderString(s *string) string {
	if s == nil {
		return null
	}
	return quote(*s)
}

func renderInt(v int64) string { return quote(strconv.FormatInt(v, 10)) }

func renderStrings(list []string) string { return quote("[" + strings.Join(list, ", ") + "]") }

// orNull renders an optional string inside a struct's toString.
func orNull(s *string) string {
	if s == nil {
		return null
	}
	return *s
}

// orNullEnum renders an enum member inside a struct's toString.
func orNullEnum(s string) string {
	if s == "" {
		return null
	}
	return s
}

// Constraint texts.

func minLen(n int) string {
	return fmt.Sprintf("Member must have length greater than or equal to %d", n)
}
func maxLen(n int) string { return fmt.Sprintf("Member must have length less than or equal to %d", n) }
func minValue(n int) string {
	return fmt.Sprintf("Member must have value greater than or equal to %d", n)
}
func maxValue(n int) string { return fmt.Sprintf("Member must have value less than or equal to %d", n) }

const (
	notNull     = "Member must not be null"
	namePattern = "[a-zA-Z0-9_.-]+"
)

func pattern(p string) string { return "Member must satisfy regular expression pattern: " + p }

// enum is the constraint text for an enum; values are listed in the order
// DynamoDB prints them (which is not the order of the API documentation).
func enum(values ...string) string {
	return "Member must satisfy enum value set: [" + strings.Join(values, ", ") + "]"
}

func inEnum(v string, values []string) bool {
	for _, e := range values {
		if v == e {
			return true
		}
	}
	return false
}

// checkEnum records a violation when v is set and not one of values.
func (c *collector) checkEnum(v, path string, values ...string) {
	if v != "" && !inEnum(v, values) {
		c.add(quote(v), path, enum(values...))
	}
}

// isName reports whether s matches [a-zA-Z0-9_.-]+.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9',
			ch == '_', ch == '.', ch == '-':
		default:
			return false
		}
	}
	return true
}

// checkName applies the TableName/IndexName constraints of the control-plane
// operations: pattern [a-zA-Z0-9_.-]+ and length 3 to 255. A nil name is
// reported as null only when required.
func (c *collector) checkName(s *string, path string, required bool) {
	if s == nil {
		if required {
			c.add(null, path, notNull)
		}
		return
	}
	if !isName(*s) {
		c.add(quote(*s), path, pattern(namePattern))
	}
	if n := javaLen(*s); n < 3 {
		c.add(quote(*s), path, minLen(3))
	} else if n > 255 {
		c.add(quote(*s), path, maxLen(255))
	}
}

// Enum value sets, in DynamoDB's printing order.
var (
	enumReturnConsumedCapacity      = []string{"INDEXES", "TOTAL", "NONE"}
	enumReturnItemCollectionMetrics = []string{"SIZE", "NONE"}
	enumReturnValues                = []string{"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"}
	enumReturnValuesOnCondition     = []string{"ALL_OLD", "NONE"}
	enumConditionalOperator         = []string{"OR", "AND"}
	enumComparisonOperator          = []string{"IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS"}
	enumKeyType                     = []string{"HASH", "RANGE"}
	enumScalarType                  = []string{"B", "N", "S"}
	enumBillingMode                 = []string{"PROVISIONED", "PAY_PER_REQUEST"}
	enumProjectionType              = []string{"ALL", "INCLUDE", "KEYS_ONLY"}
	enumStreamViewType              = []string{"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"}
	enumSSEType                     = []string{"AES256", "KMS"}
	enumTableClass                  = []string{"STANDARD", "STANDARD_INFREQUENT_ACCESS"}
)
