package value

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Messages verbatim, so that a typo in a constant fails a test.
const (
	wantEmptySS   = "One or more parameter values were invalid: An string set  may not be empty"
	wantEmptyNS   = "One or more parameter values were invalid: An number set  may not be empty"
	wantEmptyBS   = "One or more parameter values were invalid: Binary sets should not be empty"
	wantNullFalse = "One or more parameter values were invalid: Null attribute value types must have the value of true"
	wantEmptyAV   = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
	wantNesting   = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
	wantNaN       = "The parameter cannot be converted to a numeric value"
	wantDigits    = "Attempting to store more than 38 significant digits in a Number"
	wantOverflow  = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	wantUnderflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)

func TestCheckValue(t *testing.T) {
	tests := []struct {
		value string // DynamoDB JSON; null is a nil member ({} on the wire)
		want  string // "" for valid
	}{
		{`{"S": ""}`, ""},
		{`{"B": ""}`, ""},
		{`{"N": "1.50"}`, ""},
		{`{"BOOL": false}`, ""},
		{`{"NULL": true}`, ""},
		{`{"SS": [""]}`, ""},
		{`{"BS": [""]}`, ""},
		{`{"NS": ["1", "2", "-1"]}`, ""},
		{`{"L": []}`, ""},
		{`{"M": {}}`, ""},
		{`null`, wantEmptyAV},
		{`{"NULL": false}`, wantNullFalse},
		{`{"SS": []}`, wantEmptySS},
		{`{"NS": []}`, wantEmptyNS},
		{`{"BS": []}`, wantEmptyBS},
		// The conformance suite's exact message, and its formatting of
		// longer and odder sets (Java's List.toString).
		{`{"SS": ["a", "a"]}`, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
		{`{"SS": ["b", "a", "b", "c"]}`, "One or more parameter values were invalid: Input collection [b, a, b, c] contains duplicates."},
		{`{"SS": ["", ""]}`, "One or more parameter values were invalid: Input collection [, ] contains duplicates."},
		{`{"BS": ["Yg==", "Yg=="]}`, "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates."},
		{`{"BS": ["", "AA==", ""]}`, "One or more parameter values were invalid: Input collection [, AA==, ]of type BS contains duplicates."},
		{`{"NS": ["1", "1"]}`, "Input collection contains duplicates"},
		{`{"NS": ["1", "1.0"]}`, "Input collection contains duplicates"},
		{`{"NS": ["1", "2", "01"]}`, "Input collection contains duplicates"},
		{`{"NS": ["0", "-0"]}`, "Input collection contains duplicates"},
		// Members in order: parse, then compare with earlier members.
		{`{"NS": ["1", "1", "x"]}`, "Input collection contains duplicates"},
		{`{"NS": ["1", "x", "1"]}`, wantNaN + ": x"},
		{`{"NS": ["x", "x"]}`, wantNaN + ": x"},
		{`{"NS": ["1", ""]}`, wantNaN},
		{`{"NS": ["1e200", "1", "1"]}`, wantOverflow},
		{`{"N": ""}`, wantNaN},
		{`{"N": "b"}`, wantNaN + ": b"},
		{`{"N": "123456789012345678901234567890123456789"}`, wantDigits},
		{`{"N": "-1.23456789012345678901234567890123456789"}`, wantDigits},
		{`{"N": "1e126"}`, wantOverflow},
		{`{"N": "-1e126"}`, wantOverflow},
		{`{"N": "1e-131"}`, wantUnderflow},
		{`{"N": "-1e-131"}`, wantUnderflow},
		// Inside lists and maps, first problem in element order.
		{`{"L": [{"N": "x"}]}`, wantNaN + ": x"},
		{`{"L": [null]}`, wantEmptyAV},
		{`{"M": {"a": null}}`, wantEmptyAV},
		{`{"L": [{"SS": []}]}`, wantEmptySS},
		{`{"M": {"a": {"NULL": false}}}`, wantNullFalse},
		{`{"L": [{"SS": ["a", "a"]}, {"N": "x"}]}`, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
		{`{"L": [{"N": "x"}, {"SS": []}]}`, wantNaN + ": x"},
		{`{"L": [{"SS": []}, {"N": "x"}]}`, wantEmptySS},
		{`{"L": [{"NULL": false}, {"N": "x"}]}`, wantNullFalse},
		{`{"L": [{"SS": []}, null]}`, wantEmptySS},
		{`{"L": [{"N": "x"}, null]}`, wantNaN + ": x"},
		// Map entries: the value, then the name (DynamoDB Local).
		{`{"M": {"": {"N": "x"}}}`, wantNaN + ": x"},
		{`{"M": {"": {"S": "x"}}}`, "Empty attribute name"},
		{`{"L": [{"M": {"": {"S": "x"}}}, {"N": "x"}]}`, "Empty attribute name"},
		// Go maps have no order: the first error in name order wins.
		{`{"M": {"b": {"N": "y"}, "a": {"N": "x"}, "c": {"SS": []}}}`, wantNaN + ": x"},
		{`{"M": {"b": {"SS": []}, "a": {"NS": []}}}`, wantEmptyNS},
	}
	for _, tt := range tests {
		err := CheckValue(av(t, tt.value))
		checkErr(t, "CheckValue("+tt.value+")", err, tt.want)
	}
}

func checkErr(t *testing.T, what string, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Errorf("%s = %v, want nil", what, err)
		}
		return
	}
	code, msg := apierr.Code(err)
	if code != apierr.CodeValidation || msg != want {
		t.Errorf("%s = %s %q\n want ValidationException %q", what, code, msg, want)
	}
}

// TestCheckNesting: the item is level 1 and each list or map adds one;
// level 32 may hold scalars but not another list or map (DynamoDB Local;
// dynoxide saw DynamoDB accept 31 map wraps and reject 32).
func TestCheckNesting(t *testing.T) {
	leaf := &types.AttributeValueMemberS{Value: "s"}
	emptyMap := &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}}
	tests := []struct {
		v    types.AttributeValue
		want string
	}{
		{nested(30, leaf), ""},
		{nested(30, emptyMap), ""},
		{nested(31, leaf), ""},
		{nested(31, emptyMap), wantNesting},
		{nested(32, leaf), wantNesting},
		{nested(200, leaf), wantNesting},
		// Reached in document order: an earlier error wins, and the depth
		// error wins over problems inside the too-deep value.
		{&types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberN{Value: "x"}, nested(40, leaf)}}, wantNaN + ": x"},
		{&types.AttributeValueMemberL{Value: []types.AttributeValue{
			nested(40, leaf), &types.AttributeValueMemberN{Value: "x"}}}, wantNesting},
		{nested(40, &types.AttributeValueMemberN{Value: "x"}), wantNesting},
	}
	for i, tt := range tests {
		checkErr(t, "nesting case "+string(rune('A'+i)), CheckValue(tt.v), tt.want)
		// The same value as an attribute of an item.
		checkErr(t, "nesting item case "+string(rune('A'+i)), CheckItem(map[string]types.AttributeValue{"a": tt.v}), tt.want)
	}
}

func TestCheckOddValues(t *testing.T) {
	for _, v := range []types.AttributeValue{
		nil,
		(*types.AttributeValueMemberS)(nil),
		(*types.AttributeValueMemberN)(nil),
		(*types.AttributeValueMemberM)(nil),
		(*types.AttributeValueMemberNULL)(nil),
		&types.UnknownUnionMember{Tag: "FOO", Value: []byte(`"x"`)},
	} {
		checkErr(t, "CheckValue odd value", CheckValue(v), wantEmptyAV)
	}
	// Nil slices are empty lists and maps (valid) and empty sets (not).
	checkErr(t, "nil L", CheckValue(&types.AttributeValueMemberL{}), "")
	checkErr(t, "nil M", CheckValue(&types.AttributeValueMemberM{}), "")
	checkErr(t, "nil B", CheckValue(&types.AttributeValueMemberB{}), "")
	checkErr(t, "nil SS", CheckValue(&types.AttributeValueMemberSS{}), wantEmptySS)
	// wire's form of {"S":"a","N":"1"}.
	checkErr(t, "two types", CheckValue(&types.UnknownUnionMember{Tag: "S,N"}),
		"Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
}

func TestCheckItem(t *testing.T) {
	tests := []struct{ item, want string }{
		{everyType, ""},
		{`{}`, ""},
		{`{"pk": {"S": "x"}, "": {"S": "x"}}`, "Empty attribute name"},
		{`{"pk": {"S": "x"}, "": {"N": "x"}}`, wantNaN + ": x"},
		{`{"b": {"N": "y"}, "a": {"N": "x"}}`, wantNaN + ": x"},
		{`{"a": {"N": "1e999"}, "b": {"N": "x"}}`, wantOverflow},
		{`{"z": {"NULL": false}, "y": {"SS": ["q", "q"]}}`, "One or more parameter values were invalid: Input collection [q, q] contains duplicates."},
	}
	for _, tt := range tests {
		checkErr(t, "CheckItem("+tt.item+")", CheckItem(item(t, tt.item)), tt.want)
		// CheckItemSize gives the same verdict, and ItemSize when valid.
		it := item(t, tt.item)
		size, err := CheckItemSize(it)
		checkErr(t, "CheckItemSize("+tt.item+")", err, tt.want)
		if err == nil && size != ItemSize(it) {
			t.Errorf("CheckItemSize(%s) size = %d, ItemSize = %d", tt.item, size, ItemSize(it))
		}
	}
}

// TestCheckLargeSets takes the hashing path for duplicates.
func TestCheckLargeSets(t *testing.T) {
	ss := make([]string, 100)
	ns := make([]string, 100)
	bs := make([][]byte, 100)
	for i := range ss {
		ss[i] = strings.Repeat("a", i)
		ns[i] = strings.Repeat("1", i%30+1) + "e" + string(rune('0'+i/30))
		bs[i] = []byte(ss[i])
	}
	checkErr(t, "100 SS", CheckValue(&types.AttributeValueMemberSS{Value: ss}), "")
	checkErr(t, "100 NS", CheckValue(&types.AttributeValueMemberNS{Value: ns}), "")
	checkErr(t, "100 BS", CheckValue(&types.AttributeValueMemberBS{Value: bs}), "")
	ss = append(ss, "a")
	ns = append(ns, "1.0e1")
	bs = append(bs, []byte("aa"))
	if err := CheckValue(&types.AttributeValueMemberSS{Value: ss}); err == nil || !strings.Contains(err.Error(), "contains duplicates.") {
		t.Errorf("101 SS: %v", err)
	}
	checkErr(t, "101 NS", CheckValue(&types.AttributeValueMemberNS{Value: ns}), "Input collection contains duplicates")
	if err := CheckValue(&types.AttributeValueMemberBS{Value: bs}); err == nil || !strings.Contains(err.Error(), "of type BS contains duplicates.") {
		t.Errorf("101 BS: %v", err)
	}
}
