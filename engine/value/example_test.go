package value_test

import (
	"bytes"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

func ExampleParseNumber() {
	for _, s := range []string{"1.50", "1e2", "-0", "1.23E-10", "1e126", "abc"} {
		n, err := value.ParseNumber(s)
		if err != nil {
			_, msg := apierr.Code(err)
			fmt.Printf("%s: %s\n", s, msg)
			continue
		}
		fmt.Printf("%s: %s\n", s, n)
	}
	// Output:
	// 1.50: 1.5
	// 1e2: 100
	// -0: 0
	// 1.23E-10: 0.000000000123
	// 1e126: Number overflow. Attempting to store a number with magnitude larger than supported range
	// abc: The parameter cannot be converted to a numeric value: abc
}

func ExampleAppendKey() {
	key := func(n string) []byte {
		k, _ := value.AppendKey(nil, &types.AttributeValueMemberN{Value: n})
		return k
	}
	fmt.Println(bytes.Compare(key("-10"), key("9")), bytes.Compare(key("1.5"), key("1.50")))
	// Output: -1 0
}

func ExampleCheckValue() {
	err := value.CheckValue(&types.AttributeValueMemberSS{Value: []string{"a", "a"}})
	_, msg := apierr.Code(err)
	fmt.Println(msg)
	// Output: One or more parameter values were invalid: Input collection [a, a] contains duplicates.
}

func ExampleItemSize() {
	item := map[string]types.AttributeValue{
		"pk":    &types.AttributeValueMemberS{Value: "user#1"}, // 2 + 6
		"score": &types.AttributeValueMemberN{Value: "-12.5"},  // 5 + 4
		"tags": &types.AttributeValueMemberL{Value: []types.AttributeValue{ // 4 + 3 + (1 + 1)
			&types.AttributeValueMemberBOOL{Value: true},
		}},
	}
	fmt.Println(value.ItemSize(item), value.ItemSize(item) <= value.MaxItemSize)
	// Output: 26 true
}
