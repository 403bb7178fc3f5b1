#!/usr/bin/env bash
# Smoke test of real clients against `dynabase serve`: the AWS CLI and boto3
# must work unchanged (create a table, put, get with number canonicalisation,
# a typed error, delete). Installs them from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
apt_updated=""
need() { # need PACKAGE: apt-get install it once
  [[ -n $apt_updated ]] || { apt-get update -qq; apt_updated=1; }
  apt-get install -y -qq "$1" >/dev/null
}
python=python3
if ! "$python" -c 'import boto3' 2>/dev/null; then
  python=/usr/bin/python3
  "$python" -c 'import boto3' 2>/dev/null || need python3-boto3
fi
command -v aws >/dev/null 2>&1 || need awscli

tmp=$(mktemp -d)
go build -o "$tmp/dynabase" ./cmd/dynabase
port=$(( 40000 + RANDOM % 10000 ))
"$tmp/dynabase" serve --addr "127.0.0.1:$port" --data "$tmp/data" 2>"$tmp/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.05; done

export AWS_ACCESS_KEY_ID=ci AWS_SECRET_ACCESS_KEY=ci AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
ep=(--endpoint-url "http://127.0.0.1:$port")

echo "-- AWS CLI"
aws dynamodb create-table "${ep[@]}" --table-name cli --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH >/dev/null
aws dynamodb put-item "${ep[@]}" --table-name cli --item '{"id":{"S":"a"},"n":{"N":"1.50"}}'
got=$(aws dynamodb get-item "${ep[@]}" --table-name cli --key '{"id":{"S":"a"}}' --query Item.n.N --output text)
[[ $got == 1.5 ]] || { echo "AWS CLI get-item: n=$got, want 1.5"; exit 1; }
if aws dynamodb get-item "${ep[@]}" --table-name missing --key '{"id":{"S":"a"}}' 2>"$tmp/err"; then
  echo "AWS CLI: get-item on a missing table succeeded"; exit 1
fi
grep -q ResourceNotFoundException "$tmp/err" || { echo "AWS CLI: unexpected error: $(cat "$tmp/err")"; exit 1; }
aws dynamodb list-tables "${ep[@]}" --query 'TableNames' --output text | tr '\t' '\n' | grep -qx cli
echo "AWS CLI ok"

echo "-- boto3"
"$python" - "http://127.0.0.1:$port" <<'PY'
import sys
import boto3
from botocore.exceptions import ClientError

ddb = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="ci", aws_secret_access_key="ci")
ddb.create_table(TableName="boto", BillingMode="PAY_PER_REQUEST",
                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                       {"AttributeName": "sk", "AttributeType": "N"}],
                 KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                            {"AttributeName": "sk", "KeyType": "RANGE"}])
item = {"pk": {"S": "u#1"}, "sk": {"N": "007"}, "b": {"B": b"\x00\xff"},
        "m": {"M": {"l": {"L": [{"NULL": True}, {"SS": ["x", "y"]}]}}}}
ddb.put_item(TableName="boto", Item=item)
got = ddb.get_item(TableName="boto", Key={"pk": {"S": "u#1"}, "sk": {"N": "7"}})["Item"]
assert got["sk"] == {"N": "7"}, got
assert got["b"] == {"B": b"\x00\xff"}, got
assert got["m"]["M"]["l"]["L"][1]["SS"] == ["x", "y"], got
try:
    ddb.put_item(TableName="boto", Item={"pk": {"S": "x"}})
    raise SystemExit("boto3: PutItem without the sort key succeeded")
except ClientError as e:
    assert e.response["Error"]["Code"] == "ValidationException", e.response
old = ddb.delete_item(TableName="boto", Key={"pk": {"S": "u#1"}, "sk": {"N": "7"}}, ReturnValues="ALL_OLD")
assert old["Attributes"]["pk"] == {"S": "u#1"}, old
# Expressions, Query, batches and transactions through boto3's own models.
ddb.batch_write_item(RequestItems={"boto": [{"PutRequest": {"Item": {"pk": {"S": "p"}, "sk": {"N": str(i)}}}} for i in range(5)]})
q = ddb.query(TableName="boto", KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
              ExpressionAttributeValues={":p": {"S": "p"}, ":a": {"N": "1"}, ":b": {"N": "3"}}, ScanIndexForward=False)
assert [i["sk"]["N"] for i in q["Items"]] == ["3", "2", "1"], q
up = ddb.update_item(TableName="boto", Key={"pk": {"S": "p"}, "sk": {"N": "0"}}, UpdateExpression="ADD n :one",
                     ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues="UPDATED_NEW")
assert up["Attributes"] == {"n": {"N": "1"}}, up
try:
    ddb.transact_write_items(TransactItems=[
        {"ConditionCheck": {"TableName": "boto", "Key": {"pk": {"S": "p"}, "sk": {"N": "0"}},
                            "ConditionExpression": "n > :z", "ExpressionAttributeValues": {":z": {"N": "5"}},
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
        {"Put": {"TableName": "boto", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}}}])
    raise SystemExit("boto3: a transaction with a false condition succeeded")
except ddb.exceptions.TransactionCanceledException as e:
    reasons = e.response["CancellationReasons"]
    assert [r["Code"] for r in reasons] == ["ConditionalCheckFailed", "None"], reasons
    assert reasons[0]["Item"]["n"] == {"N": "1"}, reasons
got = ddb.transact_get_items(TransactItems=[{"Get": {"TableName": "boto", "Key": {"pk": {"S": "p"}, "sk": {"N": "9"}}}}])
assert got["Responses"] == [{}], got
# A global index added later, TTL and tags.
ddb.update_table(TableName="boto", AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                 GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                          "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
ddb.get_waiter("table_exists").wait(TableName="boto")
ddb.put_item(TableName="boto", Item={"pk": {"S": "p"}, "sk": {"N": "20"}, "g": {"S": "grp"}})
import time
for _ in range(100):
    if all(i["IndexStatus"] == "ACTIVE" for i in ddb.describe_table(TableName="boto")["Table"]["GlobalSecondaryIndexes"]):
        break
    time.sleep(0.1)
q = ddb.query(TableName="boto", IndexName="byG", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "grp"}})
assert q["Items"] == [{"pk": {"S": "p"}, "sk": {"N": "20"}, "g": {"S": "grp"}}], q
ddb.update_time_to_live(TableName="boto", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
assert ddb.describe_time_to_live(TableName="boto")["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED"
arn = ddb.describe_table(TableName="boto")["Table"]["TableArn"]
ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "core"}])
assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "core"}]
print("boto3 ok")
PY

echo "-- REST API beside the DynamoDB API (curl, then the AWS CLI reads its table)"
base="http://127.0.0.1:$port"
code=$(curl -s -o "$tmp/put" -w '%{http_code}' -X PUT "$base/companies" -H 'Content-Type: application/json' -d '{"name":"Acme","keywords":["rockets"]}')
[[ $code == 201 ]] || { echo "PUT /companies: $code $(cat "$tmp/put")"; exit 1; }
curl -sf "$base/companies/acme" | grep -q '"keywords":\["rockets"\]' || { echo "GET /companies/acme lacks the keywords"; exit 1; }
got=$(aws dynamodb get-item "${ep[@]}" --table-name companies --key '{"id":{"S":"acme"}}' --query Item.name.S --output text)
[[ $got == Acme ]] || { echo "the REST write is not in table companies: $got"; exit 1; }
code=$(curl -s -o "$tmp/bad" -w '%{http_code}' -X PUT "$base/companies" -H 'Content-Type: application/json' -d '{"name":5}')
[[ $code == 422 ]] && grep -q body.name "$tmp/bad" || { echo "PUT /companies with a bad body: $code $(cat "$tmp/bad")"; exit 1; }
curl -sf "$base/openapi.json" -o "$tmp/openapi.json"
# Validate it as OpenAPI 3.1 with openapi-spec-validator where a Python has it
# (Debian's package where the archive has it); a smoke extra, so without one
# it is skipped, said aloud.
validator=""
for py in python3 /usr/bin/python3; do
  "$py" -c 'import openapi_spec_validator' 2>/dev/null && { validator=$py; break; }
done
if [[ -z $validator ]] && (need python3-openapi-spec-validator) 2>/dev/null; then validator=/usr/bin/python3; fi
if [[ -n $validator ]]; then
  "$validator" - "$tmp/openapi.json" <<'PY'
import json, sys
from openapi_spec_validator import validate_spec
spec = json.load(open(sys.argv[1]))
assert spec["openapi"] == "3.1.0", spec["openapi"]
validate_spec(spec)  # raises on an invalid document
print("openapi.json: valid OpenAPI", spec["openapi"], "with", len(spec["paths"]), "paths")
PY
else
  grep -q '"openapi":"3.1.0"' "$tmp/openapi.json" || { echo "GET /openapi.json is not OpenAPI 3.1"; exit 1; }
  echo "openapi.json: says 3.1.0 (no openapi-spec-validator here to check it further)"
fi
echo "REST ok"
