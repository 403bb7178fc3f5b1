package value

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The tests write values in DynamoDB's JSON form, which is how the golden
// files were recorded against DynamoDB Local.

// av parses one attribute value in DynamoDB JSON ({"S": "x"}).
func av(t testing.TB, text string) types.AttributeValue {
	t.Helper()
	var raw any
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		t.Fatalf("bad test JSON %s: %v", text, err)
	}
	v, err := fromJSON(raw)
	if err != nil {
		t.Fatalf("bad attribute value %s: %v", text, err)
	}
	return v
}

// item parses an item in DynamoDB JSON ({"a": {"S": "x"}}).
func item(t testing.TB, text string) map[string]types.AttributeValue {
	t.Helper()
	v := av(t, `{"M":`+text+`}`)
	return v.(*types.AttributeValueMemberM).Value
}

func fromJSON(raw any) (types.AttributeValue, error) {
	if raw == nil {
		return nil, nil // JSON null stands for a nil member ({} on the wire)
	}
	obj, ok := raw.(map[string]any)
	if !ok || len(obj) != 1 {
		return nil, fmt.Errorf("want an object with one member, got %v", raw)
	}
	for k, v := range obj {
		switch k {
		case "S":
			return &types.AttributeValueMemberS{Value: v.(string)}, nil
		case "N":
			return &types.AttributeValueMemberN{Value: v.(string)}, nil
		case "B":
			b, err := base64.StdEncoding.DecodeString(v.(string))
			return &types.AttributeValueMemberB{Value: b}, err
		case "BOOL":
			return &types.AttributeValueMemberBOOL{Value: v.(bool)}, nil
		case "NULL":
			return &types.AttributeValueMemberNULL{Value: v.(bool)}, nil
		case "SS", "NS", "BS":
			list := v.([]any)
			ss := make([]string, len(list))
			for i, e := range list {
				ss[i] = e.(string)
			}
			switch k {
			case "SS":
				return &types.AttributeValueMemberSS{Value: ss}, nil
			case "NS":
				return &types.AttributeValueMemberNS{Value: ss}, nil
			}
			bs := make([][]byte, len(ss))
			for i, s := range ss {
				var err error
				if bs[i], err = base64.StdEncoding.DecodeString(s); err != nil {
					return nil, err
				}
			}
			return &types.AttributeValueMemberBS{Value: bs}, nil
		case "L":
			list := v.([]any)
			out := make([]types.AttributeValue, len(list))
			for i, e := range list {
				var err error
				if out[i], err = fromJSON(e); err != nil {
					return nil, err
				}
			}
			return &types.AttributeValueMemberL{Value: out}, nil
		case "M":
			m := v.(map[string]any)
			out := make(map[string]types.AttributeValue, len(m))
			for name, e := range m {
				var err error
				if out[name], err = fromJSON(e); err != nil {
					return nil, err
				}
			}
			return &types.AttributeValueMemberM{Value: out}, nil
		}
	}
	return nil, fmt.Errorf("unknown member in %v", raw)
}

// show renders a value in DynamoDB JSON with map entries sorted, for
// failure messages and exact comparisons of decoded values.
func show(v types.AttributeValue) string {
	var b strings.Builder
	showTo(&b, v)
	return b.String()
}

func showItem(m map[string]types.AttributeValue) string {
	return show(&types.AttributeValueMemberM{Value: m})
}

func showTo(b *strings.Builder, v types.AttributeValue) {
	q := func(s string) { j, _ := json.Marshal(s); b.Write(j) }
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case *types.AttributeValueMemberS:
		b.WriteString(`{"S":`)
		q(v.Value)
		b.WriteString("}")
	case *types.AttributeValueMemberN:
		b.WriteString(`{"N":`)
		q(v.Value)
		b.WriteString("}")
	case *types.AttributeValueMemberB:
		b.WriteString(`{"B":`)
		q(base64.StdEncoding.EncodeToString(v.Value))
		b.WriteString("}")
	case *types.AttributeValueMemberBOOL:
		fmt.Fprintf(b, `{"BOOL":%v}`, v.Value)
	case *types.AttributeValueMemberNULL:
		fmt.Fprintf(b, `{"NULL":%v}`, v.Value)
	case *types.AttributeValueMemberSS:
		j, _ := json.Marshal(v.Value)
		fmt.Fprintf(b, `{"SS":%s}`, j)
	case *types.AttributeValueMemberNS:
		j, _ := json.Marshal(v.Value)
		fmt.Fprintf(b, `{"NS":%s}`, j)
	case *types.AttributeValueMemberBS:
		ss := make([]string, len(v.Value))
		for i, x := range v.Value {
			ss[i] = base64.StdEncoding.EncodeToString(x)
		}
		j, _ := json.Marshal(ss)
		fmt.Fprintf(b, `{"BS":%s}`, j)
	case *types.AttributeValueMemberL:
		b.WriteString(`{"L":[`)
		for i, e := range v.Value {
			if i > 0 {
				b.WriteString(",")
			}
			showTo(b, e)
		}
		b.WriteString("]}")
	case *types.AttributeValueMemberM:
		names := make([]string, 0, len(v.Value))
		for k := range v.Value {
			names = append(names, k)
		}
		sort.Strings(names)
		b.WriteString(`{"M":{`)
		for i, k := range names {
			if i > 0 {
				b.WriteString(",")
			}
			q(k)
			b.WriteString(":")
			showTo(b, v.Value[k])
		}
		b.WriteString("}}")
	default:
		fmt.Fprintf(b, "%T", v)
	}
}
