package validate

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Tagging: TagResource, UntagResource and ListTagsOfResource.
//
// DynamoDB checks a tagging request in stages, and the first failing stage
// answers:
//
//  1. The ResourceArn is read before anything else, as authorization needs
//     it: absent is "Invalid TableArn"; not an ARN, not a table or stream
//     ARN, or another account's ARN fail here. mhart/dynalite's tests,
//     recorded against DynamoDB, show this stage answering before the model
//     constraints: {} -> "Invalid TableArn"; ResourceArn 'a:b:c:d:e:f' with
//     no Tags -> AccessDeniedException (today's DynamoDB says "ARNs must
//     start with 'arn:'" instead, ack-api-quirks DDB-TABLE-071/DDB-TABLE-011,
//     verified 2026-10-08).
//  2. The model constraints (Coral): resourceArn at most 1283 long, Tags
//     and TagKeys not null. dynalite: ResourceArn 'a:b:c:d:e:f/g' with no
//     Tags -> "Value null at 'tags' failed to satisfy constraint".
//  3. The ARN against this endpoint: other region, malformed table name ->
//     "Invalid TableArn: Invalid ResourceArn provided as input <arn>"
//     (dynalite: table name 'ab'; ack-api-quirks DDB-TABLE-071: other
//     region).
//  4. The operation's own rules: an empty list, then the tags or keys
//     themselves (ack-api-quirks DDB-TABLE-107, DDB-TABLE-457).
//
// Only then does the engine look the table up (ResourceNotFoundException,
// MsgTagResourceNotFoundFmt) and check the 50-tag limit against the merged
// set (DDB-TABLE-108). Nested tag members get no model checks: a 129-letter
// key or a Tag without Key is reported by stage 4's words, not Coral's
// (DDB-TABLE-107, DDB-TABLE-457 "ct_tags_empty_entry", "tag_key_only").

// Limits and messages of tagging.
const (
	// MaxTags is the number of tags a table may carry, and the most one
	// TagResource or UntagResource may name.
	MaxTags = maxTags
	// maxResourceARN is the model's length limit of ResourceArn.
	maxResourceARN = 1283
	maxTagKey      = 128
	maxTagValue    = 256

	// MsgTagLimit is the ValidationException for more than MaxTags tags,
	// in one request or on the table once the request's are added
	// (ack-api-quirks DDB-TABLE-108: not a LimitExceededException).
	MsgTagLimit = "Number of Tags exceed the current limit for the provided ResourceArn"
	// MsgTagResourceNotFoundFmt is the ResourceNotFoundException of all
	// three tagging operations; %s is the ARN as given. ack-api-quirks
	// DDB-TABLE-070 and DDB-TABLE-446 (verified 2026-10-08) quote
	// "ResourceArn"; dynalite's older recording spells it "ResourcArn" and
	// has UntagResource say only "Requested resource not found".
	MsgTagResourceNotFoundFmt = "Requested resource not found: ResourceArn: %s not found"

	msgNoTags    = "Atleast one Tag needs to be provided as Input."
	msgNoTagKeys = "Atleast one Tag Key needs to be provided as Input."
)

// TagTarget is what a checked tagging ResourceArn names.
type TagTarget struct {
	// Table is the table's name as written in the ARN.
	Table string
	// Stream reports a stream ARN (table/<name>/stream/<label>). DynamoDB
	// accepts its form but finds no tags behind it: ResourceNotFoundException
	// (ack-api-quirks DDB-TABLE-071).
	Stream bool
}

// TagResource checks a TagResource request for an endpoint of region and
// account and returns the resource it names. Besides ValidationException
// it returns DynamoDB's AccessDeniedException for another account's ARN,
// which DynamoDB reports at that point of the order.
func TagResource(in *dynamodb.TagResourceInput, region, account string) (TagTarget, error) {
	target, err := resourceARN(in.ResourceArn, region, account, func() error {
		var c collector
		c.structure(
			member{"resourceArn", func() { c.resourceARNLength(in.ResourceArn) }},
			member{"tags", func() {
				if in.Tags == nil {
					c.add(null, "tags", notNull)
				}
			}},
		)
		return c.err()
	})
	if err != nil {
		return TagTarget{}, err
	}
	if len(in.Tags) == 0 {
		// ack-api-quirks DDB-TABLE-107; dynalite "should return ... if Tags
		// are empty" (before the table lookup).
		return TagTarget{}, apierr.Validation(msgNoTags)
	}
	if err := checkTagList(in.Tags); err != nil {
		return TagTarget{}, err
	}
	return target, nil
}

// UntagResource checks an UntagResource request as TagResource does. Keys
// that the table does not carry are fine (ack-api-quirks DDB-TABLE-105);
// the keys themselves must be valid keys, not "aws:" ones, and at most
// MaxTags (DDB-TABLE-105, DDB-TABLE-107, DDB-TABLE-457 "untag_empty_key").
// Repeated keys are accepted: nothing shows DynamoDB rejecting them.
func UntagResource(in *dynamodb.UntagResourceInput, region, account string) (TagTarget, error) {
	target, err := resourceARN(in.ResourceArn, region, account, func() error {
		var c collector
		c.structure(
			member{"resourceArn", func() { c.resourceARNLength(in.ResourceArn) }},
			member{"tagKeys", func() {
				if in.TagKeys == nil {
					c.add(null, "tagKeys", notNull)
				}
			}},
		)
		return c.err()
	})
	if err != nil {
		return TagTarget{}, err
	}
	if len(in.TagKeys) == 0 {
		return TagTarget{}, apierr.Validation(msgNoTagKeys)
	}
	if len(in.TagKeys) > MaxTags {
		return TagTarget{}, apierr.Validation(MsgTagLimit)
	}
	for i := range in.TagKeys {
		if err := checkTagKey(&in.TagKeys[i]); err != nil {
			return TagTarget{}, err
		}
	}
	return target, nil
}

// ListTagsOfResource checks a ListTagsOfResource request as TagResource
// does. NextToken has no constraints in the model.
func ListTagsOfResource(in *dynamodb.ListTagsOfResourceInput, region, account string) (TagTarget, error) {
	return resourceARN(in.ResourceArn, region, account, func() error {
		var c collector
		c.structure(
			member{"resourceArn", func() { c.resourceARNLength(in.ResourceArn) }},
			member{"nextToken", nil},
		)
		return c.err()
	})
}

// resourceARN runs the ResourceArn stages of a tagging request (see the
// top of this file) with the operation's model checks, model, in their
// place among them.
func resourceARN(arn *string, region, account string, model func() error) (TagTarget, error) {
	if arn == nil {
		// dynalite "should return ValidationException for no ResourceArn".
		return TagTarget{}, apierr.Validation("Invalid TableArn")
	}
	s := *arn
	// DynamoDB reads the ARN without regard to case: an all-uppercase ARN
	// of an existing table gets ResourceNotFoundException (its table name
	// no longer matches), not a validation error (ack-api-quirks
	// DDB-TABLE-071).
	if !hasPrefixFold(s, "arn:") {
		// ack-api-quirks DDB-TABLE-071 and DDB-TABLE-011: 'not-an-arn' and
		// a bare table name. The conformance suite (tier2/tags "rejects
		// TagResource with an invalid ARN format") agrees on the type.
		return TagTarget{}, apierr.Validation(invalid + "ARNs must start with 'arn:': " + s)
	}
	// arn:partition:service:region:account:resource
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || !strings.EqualFold(parts[2], "dynamodb") {
		return TagTarget{}, notDynamoDBResource(s)
	}
	kind, name := tagResourceKind(parts[5])
	switch kind {
	case resourceOther:
		// ack-api-quirks DDB-BACKUP-013: backup ARNs, which are
		// table/<name>/backup/<id>, are "not a DynamoDB resource arn".
		return TagTarget{}, notDynamoDBResource(s)
	case resourceIndex:
		// ack-api-quirks DDB-TABLE-442 catalogue (index ARNs), verified
		// 2026-10-09. ScyllaDB's test_tag.py quotes DynamoDB of 2022 saying
		// "Invalid TableArn: Invalid ResourceArn provided as input" instead.
		return TagTarget{}, apierr.Validation(invalid +
			"Invalid resource arn provided, only table or stream is accepted. Provided resource arn: " + s)
	}
	if parts[4] != account {
		// ack-api-quirks DDB-TABLE-071 and DDB-TABLE-011; the conformance
		// suite's tier2/tags "rejects ListTagsOfResource with a non-existent
		// ARN" (an ARN of account 000000000000, foreign to the suite's).
		return TagTarget{}, apierr.New(apierr.CodeAccessDenied, "Access is denied")
	}
	if err := model(); err != nil {
		return TagTarget{}, err
	}
	// dynabase's ARNs are always in partition aws (newDescription).
	if !strings.EqualFold(parts[1], "aws") || !strings.EqualFold(parts[3], region) ||
		!isName(name) || javaLen(name) < 3 || javaLen(name) > 255 {
		// ack-api-quirks DDB-TABLE-442 catalogue (other-region ARN);
		// dynalite "should return ValidationException for short table name".
		return TagTarget{}, apierr.Validation("Invalid TableArn: Invalid ResourceArn provided as input " + s)
	}
	return TagTarget{Table: name, Stream: kind == resourceStream}, nil
}

func notDynamoDBResource(arn string) error {
	return apierr.Validation(invalid + "Provided Arn is not a DynamoDB resource arn: " + arn)
}

// Kinds of DynamoDB resource a tagging ARN's resource part may name.
const (
	resourceOther = iota
	resourceTable
	resourceIndex
	resourceStream
)

// tagResourceKind classifies the resource part of an ARN:
// table/<name>, table/<name>/index/<index>, table/<name>/stream/<label>, or
// anything else. name is the table name of the first three.
func tagResourceKind(resource string) (kind int, name string) {
	if !hasPrefixFold(resource, "table/") {
		return resourceOther, ""
	}
	rest := resource[len("table/"):]
	name, sub, ok := strings.Cut(rest, "/")
	if !ok {
		return resourceTable, name
	}
	what, id, ok := strings.Cut(sub, "/")
	if !ok || id == "" || strings.Contains(id, "/") {
		return resourceOther, ""
	}
	switch {
	case strings.EqualFold(what, "index"):
		return resourceIndex, name
	case strings.EqualFold(what, "stream"):
		return resourceStream, name
	}
	return resourceOther, ""
}

// resourceARNLength applies the model's length constraint of ResourceArn
// (its presence and minimum length are stage 1's).
func (c *collector) resourceARNLength(arn *string) {
	if arn != nil && javaLen(*arn) > maxResourceARN {
		c.add(quote(*arn), "resourceArn", maxLen(maxResourceARN))
	}
}

// checkTagList checks the tags of a TagResource request: at most MaxTags,
// then each tag in order: its key, its value, and that no key comes twice
// (ack-api-quirks DDB-TABLE-107, DDB-TABLE-372, DDB-TABLE-457: a Tag with
// neither member is reported for its Key, one without Value for its Value).
//
// CreateTable's checkTags applies the same rules except that it refuses
// only a lower-case "aws:" prefix.
func checkTagList(tags []types.Tag) error {
	if len(tags) > MaxTags {
		return apierr.Validation(MsgTagLimit)
	}
	seen := make(map[string]bool, len(tags))
	for i := range tags {
		t := &tags[i]
		if err := checkTagKey(t.Key); err != nil {
			return err
		}
		if t.Value == nil || !validTagText(*t.Value, 0, maxTagValue) {
			return apierr.Validation("The Tag Value provided is invalid, Value: " + orNull(t.Value))
		}
		if seen[*t.Key] {
			return apierr.Validation("Duplicate Tag Keys provided as input: Duplicate Tag Key found " + *t.Key)
		}
		seen[*t.Key] = true
	}
	return nil
}

// checkTagKey checks one tag key: 1 to 128 letters, digits, spaces and
// + - = . _ : / @ (validTagText), and no "aws:" prefix in any case
// (ack-api-quirks DDB-TABLE-105: 'AWS:foo' is refused, 'myaws:foo' is not,
// on TagResource and UntagResource alike).
func checkTagKey(key *string) error {
	if key == nil || !validTagText(*key, 1, maxTagKey) {
		return apierr.Validation("The Tag Key provided is invalid, Key: " + orNull(key))
	}
	if hasPrefixFold(*key, "aws:") {
		return apierr.Validation("Tag Key cannot be prefixed with aws:, Key: " + *key)
	}
	return nil
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII and Unicode case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
