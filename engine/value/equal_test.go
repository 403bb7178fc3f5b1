package value

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`{"S": "a"}`, `{"S": "a"}`, true},
		{`{"S": "a"}`, `{"S": "b"}`, false},
		{`{"S": "1"}`, `{"N": "1"}`, false},
		{`{"N": "1"}`, `{"N": "1.0"}`, true},
		{`{"N": "-0"}`, `{"N": "0e10"}`, true},
		{`{"N": "100"}`, `{"N": "1E2"}`, true},
		{`{"N": "1"}`, `{"N": "1.0000000000000000000000000000000000001"}`, false},
		{`{"N": "x"}`, `{"N": "x"}`, true},
		{`{"N": "x"}`, `{"N": "1"}`, false},
		{`{"B": "AQI="}`, `{"B": "AQI="}`, true},
		{`{"B": ""}`, `{"B": "AA=="}`, false},
		{`{"BOOL": true}`, `{"BOOL": true}`, true},
		{`{"BOOL": true}`, `{"BOOL": false}`, false},
		{`{"NULL": true}`, `{"NULL": true}`, true},
		{`{"SS": ["a", "b"]}`, `{"SS": ["b", "a"]}`, true},
		{`{"SS": ["a", "b"]}`, `{"SS": ["a", "c"]}`, false},
		{`{"SS": ["a"]}`, `{"SS": ["a", "b"]}`, false},
		{`{"NS": ["1", "2.50"]}`, `{"NS": ["2.5", "1.0"]}`, true},
		{`{"NS": ["1", "2"]}`, `{"NS": ["1", "3"]}`, false},
		{`{"BS": ["AQ==", "Ag=="]}`, `{"BS": ["Ag==", "AQ=="]}`, true},
		{`{"BS": ["AQ=="]}`, `{"BS": ["Ag=="]}`, false},
		{`{"L": [{"N": "1"}, {"S": "x"}]}`, `{"L": [{"N": "1.0"}, {"S": "x"}]}`, true},
		{`{"L": [{"N": "1"}, {"S": "x"}]}`, `{"L": [{"S": "x"}, {"N": "1"}]}`, false},
		{`{"L": []}`, `{"L": [{"S": "x"}]}`, false},
		{`{"M": {"a": {"N": "1"}, "b": {"SS": ["x", "y"]}}}`, `{"M": {"b": {"SS": ["y", "x"]}, "a": {"N": "01"}}}`, true},
		{`{"M": {"a": {"N": "1"}}}`, `{"M": {"b": {"N": "1"}}}`, false},
		{`{"M": {"a": {"N": "1"}}}`, `{"M": {"a": {"N": "1"}, "b": {"N": "1"}}}`, false},
		{`{"L": []}`, `{"M": {}}`, false},
		{`null`, `null`, false},
	}
	for _, tt := range tests {
		a, b := av(t, tt.a), av(t, tt.b)
		if got := Equal(a, b); got != tt.want {
			t.Errorf("Equal(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := Equal(b, a); got != tt.want {
			t.Errorf("Equal(%s, %s) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
	// Large sets take the hashing path.
	big1, big2 := make([]string, 50), make([]string, 50)
	for i := range big1 {
		big1[i] = randomName(i)
		big2[49-i] = randomName(i)
	}
	if !Equal(&types.AttributeValueMemberSS{Value: big1}, &types.AttributeValueMemberSS{Value: big2}) {
		t.Error("large equal sets compare unequal")
	}
	big2[0] = "other"
	if Equal(&types.AttributeValueMemberSS{Value: big1}, &types.AttributeValueMemberSS{Value: big2}) {
		t.Error("large unequal sets compare equal")
	}
}

func randomName(i int) string { return string(rune('a'+i%26)) + string(rune('A'+i/26)) }

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
		ok   bool
	}{
		{`{"S": "a"}`, `{"S": "b"}`, -1, true},
		{`{"S": "é"}`, `{"S": "z"}`, 1, true}, // UTF-8 bytes
		{`{"N": "10"}`, `{"N": "9"}`, 1, true},
		{`{"N": "-10"}`, `{"N": "-9"}`, -1, true},
		{`{"N": "1.0"}`, `{"N": "1"}`, 0, true},
		{`{"B": "/w=="}`, `{"B": "AA=="}`, 1, true}, // unsigned
		{`{"S": "1"}`, `{"N": "1"}`, 0, false},
		{`{"N": "x"}`, `{"N": "1"}`, 0, false},
		{`{"BOOL": true}`, `{"BOOL": true}`, 0, false},
		{`{"SS": ["a"]}`, `{"SS": ["a"]}`, 0, false},
	}
	for _, tt := range tests {
		got, ok := Compare(av(t, tt.a), av(t, tt.b))
		if got != tt.want || ok != tt.ok {
			t.Errorf("Compare(%s, %s) = %d, %v, want %d, %v", tt.a, tt.b, got, ok, tt.want, tt.ok)
		}
	}
}
