package value

import (
	"encoding/base64"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// MaxDepth is how deeply documents nest: the item is level 1 and every
// list or map inside it adds a level, so an attribute may hold 31 nested
// lists or maps, the innermost of which may hold scalars.
const MaxDepth = 32

// Messages of the ValidationExceptions CheckValue returns. The empty-set
// messages (with their double space and "An string"), the NULL message,
// the SS duplicate message, the empty-value message and the nesting message
// are asserted verbatim by the AWS-verified conformance suite or were
// captured against DynamoDB by dynoxide; dynalite's suite (run against
// DynamoDB) has the BS and NS duplicate forms. DynamoDB Local differs on the
// duplicate messages: it drops the final '.' of the SS form and says
// "Input collection of type BS contains duplicates." without the members.
const (
	msgEmptyValue = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
	msgManyTypes  = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
	msgNullFalse  = "One or more parameter values were invalid: Null attribute value types must have the value of true"
	msgEmptySS    = "One or more parameter values were invalid: An string set  may not be empty"
	msgEmptyNS    = "One or more parameter values were invalid: An number set  may not be empty"
	msgEmptyBS    = "One or more parameter values were invalid: Binary sets should not be empty"
	msgDupNS      = "Input collection contains duplicates"
	msgNesting    = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
	// msgEmptyName is DynamoDB Local's message for an empty attribute name,
	// in an item or a map; not confirmed against DynamoDB.
	msgEmptyName = "Empty attribute name"
)

// dupSSMessage is "Input collection [a, b, a] contains duplicates." with
// every member in request order, as Java prints a list.
func dupSSMessage(members []string) string {
	return "One or more parameter values were invalid: Input collection [" +
		strings.Join(members, ", ") + "] contains duplicates."
}

// dupBSMessage lists the members in base64, as they were sent, and really
// has no space before "of".
func dupBSMessage(members [][]byte) string {
	var b strings.Builder
	b.WriteString("One or more parameter values were invalid: Input collection [")
	for i, m := range members {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(base64.StdEncoding.EncodeToString(m))
	}
	b.WriteString("]of type BS contains duplicates.")
	return b.String()
}

// CheckValue validates one attribute value as DynamoDB validates attribute
// values in a request (nil or empty union members, NULL must be true, empty
// sets, duplicate set members, invalid numbers, nesting deeper than 32
// levels) and returns DynamoDB's ValidationException on the first problem.
// The value is checked as a top-level attribute of an item (so it may hold
// 31 levels of lists and maps), which is also how DynamoDB limits
// ExpressionAttributeValues.
//
// DynamoDB walks a request in document order and reports the first problem
// it meets; within a list that is element order (DynamoDB Local confirms
// it), but a Go map has no order, so map entries are visited in name order
// whenever there is an error to report, which keeps the answer the same
// from call to call. In a number set each member is parsed and then
// compared with the members before it, so ["1", "1", "x"] reports the
// duplicate and ["1", "x", "1"] the bad number. Empty S and B values are
// valid: only key attributes must be non-empty, which is the caller's
// check.
func CheckValue(av types.AttributeValue) error {
	// The first pass does no sorting; only a failing value pays for the
	// ordered second pass that picks a deterministic first error.
	if err := checkValue(av, 2, false); err != nil {
		return checkValue(av, 2, true)
	}
	return nil
}

// CheckItem validates every attribute value of an item with CheckValue,
// and rejects an empty attribute name (after its value, as DynamoDB Local
// does). Attributes are visited in name order when there is an error.
func CheckItem(item map[string]types.AttributeValue) error {
	_, err := CheckItemSize(item)
	return err
}

// CheckItemSize is CheckItem that also returns the item's ItemSize, from
// the same pass over its attributes (writes need both).
func CheckItemSize(item map[string]types.AttributeValue) (int, error) {
	size := 0
	for name, av := range item {
		if err := checkEntry(name, av, 1, false); err != nil {
			return 0, checkEntries(item, 1, true)
		}
		size += len(name) + Size(av)
	}
	return size, nil
}

// checkEntries checks the entries of an item or map at the given level.
func checkEntries(m map[string]types.AttributeValue, level int, ordered bool) error {
	if !ordered {
		for name, av := range m {
			if err := checkEntry(name, av, level, ordered); err != nil {
				return err
			}
		}
		return nil
	}
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := checkEntry(name, m[name], level, ordered); err != nil {
			return err
		}
	}
	return nil
}

func checkEntry(name string, av types.AttributeValue, level int, ordered bool) error {
	if err := checkValue(av, level+1, ordered); err != nil {
		return err
	}
	if name == "" {
		return apierr.Validation(msgEmptyName)
	}
	return nil
}

// checkValue checks av, which sits at the given nesting level (the item is
// level 1, so a top-level attribute's list or map is level 2).
func checkValue(av types.AttributeValue, level int, ordered bool) error {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		if v != nil {
			return nil
		}
	case *types.AttributeValueMemberB:
		if v != nil {
			return nil
		}
	case *types.AttributeValueMemberBOOL:
		if v != nil {
			return nil
		}
	case *types.AttributeValueMemberN:
		if v != nil {
			var n Number
			if code := n.parse(v.Value); code != parseOK {
				return numberError(code, v.Value)
			}
			return nil
		}
	case *types.AttributeValueMemberNULL:
		if v != nil {
			if !v.Value {
				return apierr.Validation(msgNullFalse)
			}
			return nil
		}
	case *types.AttributeValueMemberSS:
		if v != nil {
			return checkSS(v.Value)
		}
	case *types.AttributeValueMemberNS:
		if v != nil {
			return checkNS(v.Value)
		}
	case *types.AttributeValueMemberBS:
		if v != nil {
			return checkBS(v.Value)
		}
	case *types.AttributeValueMemberL:
		if v != nil {
			if level > MaxDepth {
				return apierr.Validation(msgNesting)
			}
			for _, e := range v.Value {
				if err := checkValue(e, level+1, ordered); err != nil {
					return err
				}
			}
			return nil
		}
	case *types.AttributeValueMemberM:
		if v != nil {
			if level > MaxDepth {
				return apierr.Validation(msgNesting)
			}
			return checkEntries(v.Value, level, ordered)
		}
	}
	// wire decodes a JSON value with several type members ({"S":..,"N":..})
	// to an UnknownUnionMember whose tag lists them.
	if u, ok := av.(*types.UnknownUnionMember); ok && strings.Contains(u.Tag, ",") {
		return apierr.Validation(msgManyTypes)
	}
	// nil (JSON {}), a typed nil pointer, or an UnknownUnionMember naming
	// one member DynamoDB does not know: the empty-value message.
	return apierr.Validation(msgEmptyValue)
}

// smallSet is the set size up to which duplicates are found by comparing
// pairs, which beats hashing and allocates nothing.
const smallSet = 16

func checkSS(ss []string) error {
	if len(ss) == 0 {
		return apierr.Validation(msgEmptySS)
	}
	if hasDuplicate(ss) {
		return apierr.Validation(dupSSMessage(ss))
	}
	return nil
}

func checkBS(bs [][]byte) error {
	if len(bs) == 0 {
		return apierr.Validation(msgEmptyBS)
	}
	if len(bs) <= smallSet {
		for i := 1; i < len(bs); i++ {
			for j := range i {
				if string(bs[i]) == string(bs[j]) {
					return apierr.Validation(dupBSMessage(bs))
				}
			}
		}
		return nil
	}
	seen := make(map[string]struct{}, len(bs))
	for _, b := range bs {
		if _, dup := seen[string(b)]; dup {
			return apierr.Validation(dupBSMessage(bs))
		}
		seen[string(b)] = struct{}{}
	}
	return nil
}

func hasDuplicate(ss []string) bool {
	if len(ss) <= smallSet {
		for i := 1; i < len(ss); i++ {
			for j := range i {
				if ss[i] == ss[j] {
					return true
				}
			}
		}
		return false
	}
	seen := make(map[string]struct{}, len(ss))
	for _, s := range ss {
		if _, dup := seen[s]; dup {
			return true
		}
		seen[s] = struct{}{}
	}
	return false
}

// checkNS parses each member and compares it numerically with the members
// before it ("1" and "1.0" are duplicates), reporting whichever problem
// comes first in member order.
func checkNS(ns []string) error {
	if len(ns) == 0 {
		return apierr.Validation(msgEmptyNS)
	}
	if len(ns) <= smallSet {
		var parsed [smallSet]Number
		for i, s := range ns {
			if code := parsed[i].parse(s); code != parseOK {
				return numberError(code, s)
			}
			for j := range i {
				if parsed[j] == parsed[i] {
					return apierr.Validation(msgDupNS)
				}
			}
		}
		return nil
	}
	// Equal numbers have equal Number values, so a Number is a fine key.
	seen := make(map[Number]struct{}, len(ns))
	for _, s := range ns {
		var n Number
		if code := n.parse(s); code != parseOK {
			return numberError(code, s)
		}
		if _, dup := seen[n]; dup {
			return apierr.Validation(msgDupNS)
		}
		seen[n] = struct{}{}
	}
	return nil
}
