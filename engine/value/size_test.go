package value

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestSizeGolden replays testdata/sizes.txt, measured against DynamoDB
// Local's 400 KB limit.
func TestSizeGolden(t *testing.T) {
	f, err := os.Open("testdata/sizes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	cases := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		text, wantText, ok := strings.Cut(line, " => ")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		want, err := strconv.Atoi(wantText)
		if err != nil {
			t.Fatal(err)
		}
		v := av(t, text)
		if got := Size(v); got != want {
			t.Errorf("Size(%s) = %d, want %d", text, got, want)
		}
		// An attribute adds its name.
		if got := ItemSize(map[string]types.AttributeValue{"name": v}); got != want+4 {
			t.Errorf("ItemSize({name: %s}) = %d, want %d", text, got, want+4)
		}
		cases++
	}
	if cases < 50 {
		t.Fatalf("only %d cases", cases)
	}
}

func TestSizeNumbers(t *testing.T) {
	// Cases dynoxide measured against DynamoDB (eu-west-2) and dynalite's
	// boundary cases, run against DynamoDB; all agree with the base-100
	// layout.
	for in, want := range map[string]int{
		"1": 2, "12": 2, "123": 3, "1234": 3, "12345": 4, "123456": 4, "1234567": 5,
		"12345678": 5, "123456789": 6, "1234567891": 6, "12345678912": 7, "123456789123": 7,
		"1234567890123456789": 11, "12345678901234567890123456789012345678": 20,
		"0042": 2, "100": 2, "1010": 3, "0.0000001": 2, "0": 1, "1E125": 2, "1E-100": 2,
		"1.5": 3, "1.2": 3, "1.200": 3, "1.234": 4, "3.14159": 5, "100.5": 4, "0.15": 2, "15": 2,
		"-42": 3, "-0": 1,
		"11" + strings.Repeat("0", 124):                   2,
		"11111" + strings.Repeat("0", 121):                4,
		"111111" + strings.Repeat("0", 120):               4,
		"1111111" + strings.Repeat("0", 119):              5,
		strings.Repeat("1", 38) + strings.Repeat("0", 88): 20,
		// Not a number: its length, an upper bound.
		"abc": 3,
	} {
		if got := Size(&types.AttributeValueMemberN{Value: in}); got != want {
			t.Errorf("Size(N %s) = %d, want %d", in, got, want)
		}
	}
}

func TestItemSizeLimit(t *testing.T) {
	// The conformance suite's boundary: 100 attributes named with 200+
	// bytes and 3,900-byte values are over 400 KB.
	it := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "lim-is-attrnames"}}
	for i := range 100 {
		it["attr"+strings.Repeat("a", 200)+strconv.Itoa(1000 + i)[1:]] = &types.AttributeValueMemberS{Value: strings.Repeat("x", 3900)}
	}
	if size := ItemSize(it); size <= MaxItemSize {
		t.Errorf("ItemSize = %d, want over %d", size, MaxItemSize)
	}
	// And a value exactly at the limit: name "a" + 409,599 bytes.
	exact := map[string]types.AttributeValue{"a": &types.AttributeValueMemberS{Value: strings.Repeat("x", MaxItemSize-1)}}
	if size := ItemSize(exact); size != MaxItemSize {
		t.Errorf("ItemSize = %d, want %d", size, MaxItemSize)
	}
	// Odd inputs do not panic.
	for _, v := range []types.AttributeValue{nil, (*types.AttributeValueMemberL)(nil), &types.UnknownUnionMember{}} {
		if s := Size(v); s != 0 {
			t.Errorf("Size(%T) = %d", v, s)
		}
	}
}
