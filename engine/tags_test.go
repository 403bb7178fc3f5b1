package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/engine/apierr"
)

const tagARN = "arn:aws:dynamodb:us-east-1:000000000000:table/tagged"

func tag(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

// nTags returns n tags k0..k(n-1), each with value v.
func nTags(n int, v string) []types.Tag {
	out := make([]types.Tag, n)
	for i := range out {
		out[i] = tag(fmt.Sprintf("k%d", i), v)
	}
	return out
}

// listTags lists the tags of arn as "k=v" strings, failing the test on an
// error.
func listTags(t *testing.T, db *engine.DB, arn string) []string {
	t.Helper()
	out, err := db.ListTagsOfResource(context.Background(), &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(arn)})
	if err != nil {
		t.Fatalf("ListTagsOfResource: %v", err)
	}
	if out.Tags == nil {
		t.Fatal("ListTagsOfResource: Tags is nil, want a list")
	}
	got := make([]string, len(out.Tags))
	for i, tg := range out.Tags {
		got[i] = aws.ToString(tg.Key) + "=" + aws.ToString(tg.Value)
	}
	return got
}

func wantTags(t *testing.T, db *engine.DB, arn string, want ...string) {
	t.Helper()
	if got := listTags(t, db, arn); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("tags = %q, want %q", got, want)
	}
}

func wantErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	gotCode, gotMsg := apierr.Code(err)
	if gotCode != code || gotMsg != msg {
		t.Fatalf("error = %v (%s: %q), want %s: %q", err, gotCode, gotMsg, code, msg)
	}
}

// The checks of the three tagging operations, in DynamoDB's order, each
// case one request against a database with the table "tagged".
func TestTagValidation(t *testing.T) {
	db := openHashTable(t, "tagged")
	ctx := context.Background()
	const (
		vex  = apierr.CodeValidation
		rnf  = apierr.CodeResourceNotFound
		deny = apierr.CodeAccessDenied
	)
	long := strings.Repeat("x", 1284)
	longARN := "arn:aws:dynamodb:us-east-1:000000000000:table/" + strings.Repeat("t", 1284-46)
	otherAcct := "arn:aws:dynamodb:us-east-1:111122223333:table/tagged"
	otherRegion := "arn:aws:dynamodb:eu-west-1:000000000000:table/tagged"
	index := tagARN + "/index/gsi"
	stream := tagARN + "/stream/2024-01-01T00:00:00.000"
	backup := tagARN + "/backup/01700000000000-abcdefgh"
	missing := "arn:aws:dynamodb:us-east-1:000000000000:table/missing"
	one := []types.Tag{tag("k", "v")}
	cases := []struct {
		name      string
		call      func() error
		code, msg string
	}{
		// TagResource.
		{"tag: no ResourceArn", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{Tags: one})
			return err
		}, vex, "Invalid TableArn"},
		{"tag: empty ResourceArn", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(""), Tags: one})
			return err
		}, vex, "One or more parameter values were invalid: ARNs must start with 'arn:': "},
		{"tag: bare table name", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String("tagged"), Tags: one})
			return err
		}, vex, "One or more parameter values were invalid: ARNs must start with 'arn:': tagged"},
		{"tag: not an ARN, no Tags", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(long)})
			return err
		}, vex, "One or more parameter values were invalid: ARNs must start with 'arn:': " + long},
		{"tag: another service", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String("arn:aws:s3:::bucket"), Tags: one})
			return err
		}, vex, "One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: arn:aws:s3:::bucket"},
		{"tag: too few parts", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String("arn:aws:dynamodb"), Tags: one})
			return err
		}, vex, "One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: arn:aws:dynamodb"},
		{"tag: backup ARN", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(backup), Tags: one})
			return err
		}, vex, "One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: " + backup},
		{"tag: index ARN", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(index), Tags: one})
			return err
		}, vex, "One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: " + index},
		{"tag: another account, no Tags", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(otherAcct)})
			return err
		}, deny, "Access is denied"},
		{"tag: no Tags", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(otherRegion)})
			return err
		}, vex, "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"},
		{"tag: ARN too long", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(longARN), Tags: one})
			return err
		}, vex, "1 validation error detected: Value '" + longARN + "' at 'resourceArn' failed to satisfy constraint: Member must have length less than or equal to 1283"},
		{"tag: another region", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(otherRegion), Tags: []types.Tag{}})
			return err
		}, vex, "Invalid TableArn: Invalid ResourceArn provided as input " + otherRegion},
		{"tag: short table name", func() error {
			arn := "arn:aws:dynamodb:us-east-1:000000000000:table/ab"
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{}})
			return err
		}, vex, "Invalid TableArn: Invalid ResourceArn provided as input arn:aws:dynamodb:us-east-1:000000000000:table/ab"},
		{"tag: empty Tags, missing table", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(missing), Tags: []types.Tag{}})
			return err
		}, vex, "Atleast one Tag needs to be provided as Input."},
		{"tag: 51 tags", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(missing), Tags: nTags(51, "v")})
			return err
		}, vex, "Number of Tags exceed the current limit for the provided ResourceArn"},
		{"tag: Tag without members", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{{}}})
			return err
		}, vex, "The Tag Key provided is invalid, Key: null"},
		{"tag: Tag without Value", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{{Key: aws.String("k")}}})
			return err
		}, vex, "The Tag Value provided is invalid, Value: null"},
		{"tag: empty key", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("", "v")}})
			return err
		}, vex, "The Tag Key provided is invalid, Key: "},
		{"tag: 129-letter key after a good tag", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("good", "v"), tag(strings.Repeat("k", 129), "v")}})
			return err
		}, vex, "The Tag Key provided is invalid, Key: " + strings.Repeat("k", 129)},
		{"tag: 257-letter value", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("k", strings.Repeat("v", 257))}})
			return err
		}, vex, "The Tag Value provided is invalid, Value: " + strings.Repeat("v", 257)},
		{"tag: '#' in key", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("bad#char", "v")}})
			return err
		}, vex, "The Tag Key provided is invalid, Key: bad#char"},
		{"tag: emoji in value", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("k", "🔑")}})
			return err
		}, vex, "The Tag Value provided is invalid, Value: 🔑"},
		{"tag: aws: key", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("aws:foo", "v")}})
			return err
		}, vex, "Tag Key cannot be prefixed with aws:, Key: aws:foo"},
		{"tag: AWS: key", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("AWS:foo", "v")}})
			return err
		}, vex, "Tag Key cannot be prefixed with aws:, Key: AWS:foo"},
		{"tag: duplicate key", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("dup", "1"), tag("dup", "2")}})
			return err
		}, vex, "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup"},
		{"tag: missing table", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(missing), Tags: one})
			return err
		}, rnf, "Requested resource not found: ResourceArn: " + missing + " not found"},
		{"tag: upper-case ARN", func() error {
			arn := strings.ToUpper(tagARN)
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(arn), Tags: one})
			return err
		}, rnf, "Requested resource not found: ResourceArn: " + strings.ToUpper(tagARN) + " not found"},
		{"tag: stream ARN", func() error {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(stream), Tags: one})
			return err
		}, rnf, "Requested resource not found: ResourceArn: " + stream + " not found"},

		// UntagResource.
		{"untag: no ResourceArn", func() error {
			_, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{TagKeys: []string{"k"}})
			return err
		}, vex, "Invalid TableArn"},
		{"untag: no TagKeys", func() error {
			_, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(tagARN)})
			return err
		}, vex, "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"},
		{"untag: short table name", func() error {
			arn := "arn:aws:dynamodb:us-east-1:000000000000:table/ab"
			_, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{}})
			return err
		}, vex, "Invalid TableArn: Invalid ResourceArn provided as input arn:aws:dynamodb:us-east-1:000000000000:table/ab"},
		{"untag: empty TagKeys", func() error {
			_, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(missing), TagKeys: []string{}})
			return err
		}, vex, "Atleast one Tag Key needs to be provided as Input."},
		{"untag: 51 keys", func() error {
			keys := make([]string, 51)
			for i := range keys {
				keys[i] = fmt.Sprint("k", i)
			}
			_, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(tagARN), TagKeys: keys})
			return err
		}, vex, "Number of Tags exceed the current limit for the provided ResourceArn"},
		{"untag: empty key", func() error {
			_, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(tagARN), TagKeys: []string{"k", ""}})
			return err
		}, vex, "The Tag Key provided is invalid, Key: "},
		{"untag: aws: key", func() error {
			_, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(tagARN), TagKeys: []string{"aws:foo"}})
			return err
		}, vex, "Tag Key cannot be prefixed with aws:, Key: aws:foo"},
		{"untag: missing table", func() error {
			_, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(missing), TagKeys: []string{"k"}})
			return err
		}, rnf, "Requested resource not found: ResourceArn: " + missing + " not found"},

		// ListTagsOfResource.
		{"list: no ResourceArn", func() error {
			_, err := db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{})
			return err
		}, vex, "Invalid TableArn"},
		{"list: not an ARN", func() error {
			_, err := db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String("not-an-arn")})
			return err
		}, vex, "One or more parameter values were invalid: ARNs must start with 'arn:': not-an-arn"},
		{"list: another account", func() error {
			_, err := db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(otherAcct)})
			return err
		}, deny, "Access is denied"},
		{"list: another region", func() error {
			_, err := db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(otherRegion)})
			return err
		}, vex, "Invalid TableArn: Invalid ResourceArn provided as input " + otherRegion},
		{"list: missing table", func() error {
			_, err := db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(missing)})
			return err
		}, rnf, "Requested resource not found: ResourceArn: " + missing + " not found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantErr(t, c.call(), c.code, c.msg)
		})
	}
	// No failed request changed anything.
	wantTags(t, db, tagARN)
}

// TagResource upserts, UntagResource removes the named keys and ignores
// absent ones, and ListTagsOfResource lists in the order keys were first
// added.
func TestTagUntagList(t *testing.T) {
	db := openHashTable(t, "tagged")
	ctx := context.Background()
	tagWith := func(tags ...types.Tag) {
		t.Helper()
		if _, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: tags}); err != nil {
			t.Fatalf("TagResource: %v", err)
		}
	}
	untag := func(keys ...string) {
		t.Helper()
		if _, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(tagARN), TagKeys: keys}); err != nil {
			t.Fatalf("UntagResource: %v", err)
		}
	}
	wantTags(t, db, tagARN)
	tagWith(tag("env", "test"), tag("Env", ""), tag("sp ace", "a b+c-d=e.f_g:h/i@j"), tag("ключ", "café 表"))
	wantTags(t, db, tagARN, "env=test", "Env=", "sp ace=a b+c-d=e.f_g:h/i@j", "ключ=café 表")
	tagWith(tag("env", "prod"), tag("team", "db"))
	wantTags(t, db, tagARN, "env=prod", "Env=", "sp ace=a b+c-d=e.f_g:h/i@j", "ключ=café 表", "team=db")
	untag("Env", "never-set", "ключ")
	wantTags(t, db, tagARN, "env=prod", "sp ace=a b+c-d=e.f_g:h/i@j", "team=db")
	untag("never-set")
	wantTags(t, db, tagARN, "env=prod", "sp ace=a b+c-d=e.f_g:h/i@j", "team=db")
	// Any case of the table's ARN prefix names it; only the name is exact.
	mixed := "ARN:Aws:DynamoDB:US-EAST-1:000000000000:Table/tagged"
	if _, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(mixed), TagKeys: []string{"team"}}); err != nil {
		t.Fatalf("UntagResource with %s: %v", mixed, err)
	}
	wantTags(t, db, tagARN, "env=prod", "sp ace=a b+c-d=e.f_g:h/i@j")

	// The listed tags are copies: changing them changes nothing stored.
	out, err := db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(tagARN)})
	if err != nil {
		t.Fatal(err)
	}
	*out.Tags[0].Value = "changed"
	// Nor does changing a request after it returned.
	req := []types.Tag{tag("later", "v")}
	tagWith(req...)
	*req[0].Value = "changed"
	wantTags(t, db, tagARN, "env=prod", "sp ace=a b+c-d=e.f_g:h/i@j", "later=v")
}

// The 50-tag limit holds for the table's tags once a request's are added:
// at 50, new values for present keys are fine, any new key fails and
// nothing of the request is applied.
func TestTagLimitAfterMerge(t *testing.T) {
	db := openHashTable(t, "tagged")
	ctx := context.Background()
	if _, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: nTags(50, "a")}); err != nil {
		t.Fatal(err)
	}
	_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("k0", "new"), tag("k50", "v")}})
	wantErr(t, err, apierr.CodeValidation, "Number of Tags exceed the current limit for the provided ResourceArn")
	if _, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: nTags(50, "b")}); err != nil {
		t.Fatalf("re-setting 50 present keys: %v", err)
	}
	got := listTags(t, db, tagARN)
	if len(got) != 50 {
		t.Fatalf("%d tags, want 50", len(got))
	}
	for _, kv := range got {
		if !strings.HasSuffix(kv, "=b") {
			t.Fatalf("tag %q: want every value b", kv)
		}
	}
	if _, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(tagARN), TagKeys: []string{"k0"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("k50", "v")}}); err != nil {
		t.Fatalf("a 50th tag after removing one: %v", err)
	}
}

// Tags are durable with the table's catalog entry, CreateTable's included,
// and go with the table: a new table of the same name starts untagged.
func TestTagsPersistAndDieWithTable(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	open := func() *engine.DB {
		t.Helper()
		db, err := engine.Open(engine.Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	create := func(db *engine.DB, tags []types.Tag) {
		t.Helper()
		_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName:            aws.String("tagged"),
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
			KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
			BillingMode:          types.BillingModePayPerRequest,
			Tags:                 tags,
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	db := open()
	create(db, []types.Tag{tag("created", "yes")})
	if _, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag("added", "later")}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = open()
	wantTags(t, db, tagARN, "created=yes", "added=later")
	if _, err := db.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(tagARN), TagKeys: []string{"created"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = open()
	defer db.Close()
	wantTags(t, db, tagARN, "added=later")
	if _, err := db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("tagged")}); err != nil {
		t.Fatal(err)
	}
	_, err := db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(tagARN)})
	wantErr(t, err, apierr.CodeResourceNotFound, "Requested resource not found: ResourceArn: "+tagARN+" not found")
	create(db, nil)
	wantTags(t, db, tagARN)
}

// The ARN checks use the database's own region and account.
func TestTagsOwnRegionAndAccount(t *testing.T) {
	db, err := engine.Open(engine.Options{InMemory: true, Region: "eu-west-2", AccountID: "123456789012"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	out, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("tagged"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
		Tags:                 []types.Tag{tag("a", "b")},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(out.TableDescription.TableArn)
	wantTags(t, db, arn, "a=b")
	_, err = db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(tagARN)})
	wantErr(t, err, apierr.CodeAccessDenied, "Access is denied")
	_, err = db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(strings.Replace(arn, "eu-west-2", "us-east-1", 1))})
	wantErr(t, err, apierr.CodeValidation, "Invalid TableArn: Invalid ResourceArn provided as input "+strings.Replace(arn, "eu-west-2", "us-east-1", 1))

	ep, err := db.DescribeEndpoints(ctx, &dynamodb.DescribeEndpointsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ep.Endpoints) != 1 || aws.ToString(ep.Endpoints[0].Address) != "dynamodb.eu-west-2.amazonaws.com" || ep.Endpoints[0].CachePeriodInMinutes != 1440 {
		t.Fatalf("DescribeEndpoints = %+v", ep.Endpoints)
	}
}

// Concurrent TagResource calls of different keys all land: each merges
// into the table's current tags under the catalog entry's lock.
func TestConcurrentTagging(t *testing.T) {
	db := openHashTable(t, "tagged")
	ctx := context.Background()
	const n = 40
	errs := make(chan error, n)
	for i := range n {
		go func() {
			_, err := db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tagARN), Tags: []types.Tag{tag(fmt.Sprint("k", i), "v")}})
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := listTags(t, db, tagARN); len(got) != n {
		t.Fatalf("%d tags after %d concurrent TagResource calls: %q", len(got), n, got)
	}
}
