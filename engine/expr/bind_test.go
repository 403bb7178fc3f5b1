package expr

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

var sx = &types.AttributeValueMemberS{Value: "x"}

// TestBindRequests runs whole requests through the Env helpers, the way the
// engine calls them: each expression in DynamoDB's order, then Unused, then
// (for a Query) CheckKeyCondition.
func TestBindRequests(t *testing.T) {
	type expr struct {
		kind Kind
		src  string
	}
	cases := []struct {
		name   string
		names  map[string]string
		values map[string]types.AttributeValue
		exprs  []expr
		want   string
	}{
		{"valid update and condition", map[string]string{"#a": "a"}, map[string]types.AttributeValue{":v": sx},
			[]expr{{UpdateExpr, "SET #a = :v"}, {ConditionExpr, "attribute_exists(#a)"}}, ""},
		{"a name used only by the second expression", map[string]string{"#a": "a", "#b": "b"}, map[string]types.AttributeValue{":v": sx},
			[]expr{{UpdateExpr, "SET #a = :v"}, {ConditionExpr, "attribute_exists(#b)"}}, ""},
		{"the update is checked before the condition", nil, map[string]types.AttributeValue{":v": sx},
			[]expr{{UpdateExpr, "SET #u = :v"}, {ConditionExpr, "a = "}},
			"Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #u"},
		{"unused names before unused values", map[string]string{"#u": "u"}, map[string]types.AttributeValue{":v": sx, ":u": sx},
			[]expr{{ConditionExpr, "a = :v"}},
			"Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}"},
		{"unused keys in HashMap order", map[string]string{"#z": "z", "#y": "y"}, map[string]types.AttributeValue{":v": sx},
			[]expr{{ConditionExpr, "a = :v"}},
			"Value provided in ExpressionAttributeNames unused in expressions: keys: {#y, #z}"},
		{"unused values in HashMap order", nil, map[string]types.AttributeValue{":v": sx, ":z": sx, ":a": sx, ":b": sx},
			[]expr{{ConditionExpr, "a = :v"}},
			"Value provided in ExpressionAttributeValues unused in expressions: keys: {:z, :a, :b}"},
		{"a deferred parse error loses to an earlier undefined value", nil, nil,
			[]expr{{ConditionExpr, "a = :v AND begins_with(b)"}},
			"Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v"},
		{"a deferred parse error with everything defined", nil, map[string]types.AttributeValue{":v": sx},
			[]expr{{ConditionExpr, "a = :v AND begins_with(b)"}},
			"Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"},
		{"REMOVE written first is path one", nil, map[string]types.AttributeValue{":v": sx},
			[]expr{{UpdateExpr, "REMOVE a.b SET a.b.c = :v"}},
			"Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, b, c]"},
		{"SET written first is path one", nil, map[string]types.AttributeValue{":v": sx},
			[]expr{{UpdateExpr, "SET a.b.c = :v REMOVE a.b"}},
			"Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b, c], path two: [a, b]"},
		{"query: filter, projection, key condition, unused, key checks", map[string]string{"#k": "pk"}, map[string]types.AttributeValue{":v": sx},
			[]expr{{FilterExpr, "a = :v"}, {ProjectionExpr, "a, b"}, {KeyConditionExpr, "pk = :v AND #k = :v"}},
			"KeyConditionExpressions must only contain one condition per key"},
		{"key checks come after unused", nil, map[string]types.AttributeValue{":v": sx, ":w": sx},
			[]expr{{KeyConditionExpr, "pk = :v OR sk = :v"}},
			"Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"},
	}
	cache := NewCache(100)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for round := range 2 { // the second round is served by the cache
				env := &Env{Names: c.names, Values: c.values}
				got := ""
				var key Cond
				for _, x := range c.exprs {
					var err error
					switch x.kind {
					case UpdateExpr:
						_, err = env.Update(cache, x.src)
					case ProjectionExpr:
						_, err = env.Projection(cache, x.src)
					default:
						var cond Cond
						cond, err = env.Condition(cache, x.kind, x.src)
						if x.kind == KeyConditionExpr {
							key = cond
						}
					}
					if err != nil {
						got = errMessage(err)
						break
					}
				}
				if got == "" {
					if err := env.Unused(); err != nil {
						got = errMessage(err)
					}
				}
				if got == "" && key != nil {
					if err := env.CheckKeyCondition(key); err != nil {
						got = errMessage(err)
					}
				}
				if got != c.want {
					t.Errorf("round %d:\ngot:  %s\nwant: %s", round, got, c.want)
				}
			}
		})
	}
}

func TestParseErrorPassesFinalErrors(t *testing.T) {
	_, err := ParseCondition(ConditionExpr, "a =")
	if got := (&Env{}).ParseError(err); got != err {
		t.Errorf("ParseError changed a syntax error: %v", got)
	}
	if got := (&Env{}).ParseError(nil); got != nil {
		t.Errorf("ParseError(nil) = %v", got)
	}
	// A deferred error is a ValidationException as it is.
	_, err = ParseCondition(ConditionExpr, "begins_with(a)")
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "ValidationException" ||
		api.ErrorMessage() != "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1" {
		t.Errorf("deferred error: %v", err)
	}
}

// TestBindHandBuiltUpdate binds an Update not made by ParseUpdate: its
// sections are taken in the order SET, REMOVE, ADD, DELETE.
func TestBindHandBuiltUpdate(t *testing.T) {
	u := &Update{
		Set:    []SetAction{{Path: Path{{Name: "a"}, {Name: "b"}}, Value: &ValueRef{Name: ":v"}}},
		Remove: []Path{{{Name: "a"}}},
	}
	env := &Env{Values: map[string]types.AttributeValue{":v": sx}}
	err := env.BindUpdate(u)
	want := "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]"
	if errMessage(err) != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestUnusedWithoutMaps(t *testing.T) {
	env := &Env{}
	c, err := ParseCondition(ConditionExpr, "a = b")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.BindCondition(ConditionExpr, c); err != nil {
		t.Fatal(err)
	}
	if err := env.Unused(); err != nil {
		t.Fatal(err)
	}
}
