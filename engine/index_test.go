package engine_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine"
)

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

// createIndexed creates table name with key (pk S, sk S), a global index
// "byG" (g S, gs N; INCLUDE x), a keys-only global index "byH" (h S) and a
// local index "byL" (pk, l N; ALL).
func createIndexed(t testing.TB, db *engine.DB, name string) {
	t.Helper()
	def := func(n string, typ types.ScalarAttributeType) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(n), AttributeType: typ}
	}
	key := func(n string, kt types.KeyType) types.KeySchemaElement {
		return types.KeySchemaElement{AttributeName: aws.String(n), KeyType: kt}
	}
	_, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{def("pk", "S"), def("sk", "S"), def("g", "S"), def("gs", "N"),
			def("h", "S"), def("l", "N")},
		KeySchema: []types.KeySchemaElement{key("pk", types.KeyTypeHash), key("sk", types.KeyTypeRange)},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{
			{IndexName: aws.String("byG"), KeySchema: []types.KeySchemaElement{key("g", types.KeyTypeHash), key("gs", types.KeyTypeRange)},
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"x"}}},
			{IndexName: aws.String("byH"), KeySchema: []types.KeySchemaElement{key("h", types.KeyTypeHash)},
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}},
		},
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{
			{IndexName: aws.String("byL"), KeySchema: []types.KeySchemaElement{key("pk", types.KeyTypeHash), key("l", types.KeyTypeRange)},
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}},
		},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// indexModel is what each index of createIndexed must hold for the given
// table items: the projected entries, as canonical strings, sorted.
func indexModel(items []map[string]types.AttributeValue) map[string][]string {
	want := map[string][]string{"byG": {}, "byH": {}, "byL": {}}
	for _, it := range items {
		pick := func(names ...string) string {
			m := map[string]types.AttributeValue{}
			for _, n := range names {
				if v, ok := it[n]; ok {
					m[n] = v
				}
			}
			return canonical(m)
		}
		if _, ok := it["g"]; ok {
			if _, ok := it["gs"]; ok {
				want["byG"] = append(want["byG"], pick("pk", "sk", "g", "gs", "x"))
			}
		}
		if _, ok := it["h"]; ok {
			want["byH"] = append(want["byH"], pick("pk", "sk", "h"))
		}
		if _, ok := it["l"]; ok {
			want["byL"] = append(want["byL"], canonical(it))
		}
	}
	for _, v := range want {
		slices.Sort(v)
	}
	return want
}

func canonical(m map[string]types.AttributeValue) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	out := ""
	for _, n := range names {
		switch v := m[n].(type) {
		case *types.AttributeValueMemberS:
			out += n + "=S:" + v.Value + ";"
		case *types.AttributeValueMemberN:
			out += n + "=N:" + v.Value + ";"
		default:
			out += fmt.Sprintf("%s=%T;", n, v)
		}
	}
	return out
}

// scanAll reads every item of a table or index, page by page.
func scanAll(t testing.TB, db *engine.DB, table string, index *string) []map[string]types.AttributeValue {
	t.Helper()
	var out []map[string]types.AttributeValue
	var start map[string]types.AttributeValue
	for {
		p, err := db.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(table), IndexName: index, ExclusiveStartKey: start, Limit: aws.Int32(7)})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Items...)
		if p.LastEvaluatedKey == nil {
			return out
		}
		start = p.LastEvaluatedKey
	}
}

// checkIndexes compares every index with what the table implies, and the
// index item counts DescribeTable reports.
func checkIndexes(t testing.TB, db *engine.DB, table string, when string) {
	t.Helper()
	want := indexModel(scanAll(t, db, table, nil))
	d, err := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, g := range d.Table.GlobalSecondaryIndexes {
		counts[*g.IndexName] = *g.ItemCount
	}
	for _, l := range d.Table.LocalSecondaryIndexes {
		counts[*l.IndexName] = *l.ItemCount
	}
	for name, entries := range want {
		var got []string
		for _, it := range scanAll(t, db, table, aws.String(name)) {
			got = append(got, canonical(it))
		}
		slices.Sort(got)
		if !slices.Equal(got, entries) {
			t.Fatalf("%s: index %s holds\n%v\nwant\n%v", when, name, got, entries)
		}
		if counts[name] != int64(len(entries)) {
			t.Fatalf("%s: index %s ItemCount = %d, want %d", when, name, counts[name], len(entries))
		}
	}
}

// TestIndexesFollowTable runs random puts, updates, deletes, batch writes
// and transactions, which add, move and drop index keys, and checks after
// each burst (and across reopening) that every index holds exactly the
// projection of the table's items that carry its keys.
func TestIndexesFollowTable(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	open := func() *engine.DB {
		db, err := engine.Open(engine.Options{Dir: dir, NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open()
	defer func() { db.Close() }()
	createIndexed(t, db, "ixf")
	rng := rand.New(rand.NewPCG(3, 4))
	tbl := aws.String("ixf")
	randomItem := func() map[string]types.AttributeValue {
		it := map[string]types.AttributeValue{"pk": s("p" + strconv.Itoa(rng.IntN(4))), "sk": s(strconv.Itoa(rng.IntN(30)))}
		if rng.IntN(3) > 0 {
			it["g"] = s("g" + strconv.Itoa(rng.IntN(3)))
		}
		if rng.IntN(3) > 0 {
			it["gs"] = n(rng.IntN(5))
		}
		if rng.IntN(2) == 0 {
			it["h"] = s("h" + strconv.Itoa(rng.IntN(3)))
		}
		if rng.IntN(2) == 0 {
			it["l"] = n(rng.IntN(10))
		}
		if rng.IntN(2) == 0 {
			it["x"] = s("x" + strconv.Itoa(rng.IntN(100)))
		}
		it["y"] = s("y")
		return it
	}
	keyOf := func(it map[string]types.AttributeValue) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"pk": it["pk"], "sk": it["sk"]}
	}
	for round := range 12 {
		for range 60 {
			it := randomItem()
			var err error
			switch rng.IntN(5) {
			case 0:
				_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: it})
			case 1:
				_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: keyOf(it)})
			case 2:
				// Move or drop index keys of an item that may exist.
				_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: keyOf(it),
					UpdateExpression:          aws.String("SET g = :g, x = :x REMOVE h ADD l :one"),
					ExpressionAttributeValues: map[string]types.AttributeValue{":g": s("g" + strconv.Itoa(rng.IntN(3))), ":x": s("u"), ":one": n(1)}})
			case 3:
				var reqs []types.WriteRequest
				seen := map[string]bool{}
				for range 1 + rng.IntN(10) {
					b := randomItem()
					k := canonical(keyOf(b))
					if seen[k] {
						continue
					}
					seen[k] = true
					if rng.IntN(3) == 0 {
						reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: keyOf(b)}})
					} else {
						reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: b}})
					}
				}
				_, err = db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"ixf": reqs}})
			default:
				a, b := randomItem(), randomItem()
				if canonical(keyOf(a)) == canonical(keyOf(b)) {
					continue
				}
				_, err = db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
					{Put: &types.Put{TableName: tbl, Item: a}},
					{Update: &types.Update{TableName: tbl, Key: keyOf(b), UpdateExpression: aws.String("SET h = :h REMOVE l"),
						ExpressionAttributeValues: map[string]types.AttributeValue{":h": s("h9")}}},
				}})
			}
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		checkIndexes(t, db, "ixf", fmt.Sprintf("round %d", round))
		if round%4 == 3 {
			db.Close()
			db = open()
			checkIndexes(t, db, "ixf", fmt.Sprintf("round %d, reopened", round))
		}
	}
}

// TestIndexQueryOrderAndPaging queries a global index page by page in both
// directions: entries come in index sort key order, ties in table key
// order, and LastEvaluatedKey (index and table keys) resumes exactly.
func TestIndexQueryOrderAndPaging(t *testing.T) {
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	createIndexed(t, db, "ixq")
	var want []string
	for i := range 40 {
		gs := i % 7
		it := map[string]types.AttributeValue{"pk": s(fmt.Sprintf("p%02d", i)), "sk": s("s"), "g": s("G"), "gs": n(gs)}
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("ixq"), Item: it}); err != nil {
			t.Fatal(err)
		}
	}
	for gs := range 7 {
		for i := range 40 {
			if i%7 == gs {
				want = append(want, fmt.Sprintf("p%02d", i))
			}
		}
	}
	for _, forward := range []bool{true, false} {
		var got []string
		var start map[string]types.AttributeValue
		for {
			out, err := db.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("ixq"), IndexName: aws.String("byG"),
				KeyConditionExpression:    aws.String("g = :g"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":g": s("G")},
				ScanIndexForward:          aws.Bool(forward), Limit: aws.Int32(3), ExclusiveStartKey: start})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range out.Items {
				got = append(got, it["pk"].(*types.AttributeValueMemberS).Value)
			}
			if out.LastEvaluatedKey == nil {
				break
			}
			if len(out.LastEvaluatedKey) != 4 {
				t.Fatalf("LastEvaluatedKey %v: want the index and table keys", out.LastEvaluatedKey)
			}
			start = out.LastEvaluatedKey
		}
		exp := slices.Clone(want)
		if !forward {
			slices.Reverse(exp)
		}
		if !slices.Equal(got, exp) {
			t.Fatalf("forward=%v: got %v\nwant %v", forward, got, exp)
		}
	}
}

// TestItemCollectionMetrics: writes to a table with a local index report
// the item collection of the written item when asked; others never do.
func TestItemCollectionMetrics(t *testing.T) {
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	createIndexed(t, db, "icm")
	size := types.ReturnItemCollectionMetricsSize
	put, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("icm"), ReturnItemCollectionMetrics: size,
		Item: map[string]types.AttributeValue{"pk": s("p"), "sk": s("1"), "l": n(1)}})
	if err != nil {
		t.Fatal(err)
	}
	m := put.ItemCollectionMetrics
	if m == nil || canonical(m.ItemCollectionKey) != canonical(map[string]types.AttributeValue{"pk": s("p")}) ||
		!slices.Equal(m.SizeEstimateRangeGB, []float64{0, 1}) {
		t.Fatalf("PutItem ItemCollectionMetrics = %+v", m)
	}
	upd, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("icm"), ReturnItemCollectionMetrics: size,
		Key: map[string]types.AttributeValue{"pk": s("p"), "sk": s("1")}, UpdateExpression: aws.String("SET q = :q"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":q": s("q")}})
	if err != nil || upd.ItemCollectionMetrics == nil {
		t.Fatalf("UpdateItem: %v, metrics %+v", err, upd)
	}
	del, err := db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("icm"), ReturnItemCollectionMetrics: size,
		Key: map[string]types.AttributeValue{"pk": s("p"), "sk": s("1")}})
	if err != nil || del.ItemCollectionMetrics == nil {
		t.Fatalf("DeleteItem: %v, metrics %+v", err, del)
	}
	plain, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("icm"),
		Item: map[string]types.AttributeValue{"pk": s("p"), "sk": s("1")}})
	if err != nil || plain.ItemCollectionMetrics != nil {
		t.Fatalf("PutItem without SIZE: %v, metrics %+v", err, plain.ItemCollectionMetrics)
	}
}
