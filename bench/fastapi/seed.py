"""Creates table "companies" (hash key "id" S, on demand) in DynamoDB and puts
one company into it, with boto3, for bench/rest.sh:

    python3 seed.py ENDPOINT ID NAME KEYWORD...

Credentials and region come from the environment as usual (dummy ones do for
DynamoDB Local). An existing table is reused; the item is overwritten.
"""
import os
import sys

import boto3

endpoint, company_id, name, *keywords = sys.argv[1:]
dynamodb = boto3.resource(
    "dynamodb",
    endpoint_url=endpoint,
    region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
)
name_of_table = os.environ.get("COMPANIES_TABLE", "companies")
client = dynamodb.meta.client
if name_of_table not in client.list_tables()["TableNames"]:
    client.create_table(
        TableName=name_of_table,
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(
        TableName=name_of_table, WaiterConfig={"Delay": 1, "MaxAttempts": 30}
    )
table = dynamodb.Table(name_of_table)
table.put_item(Item={"id": company_id, "name": name, "keywords": keywords})
print(table.get_item(Key={"id": company_id}, ConsistentRead=True)["Item"])
