"""The "tutorial stack" that bench/rest.sh measures beside dynabase: FastAPI,
run by uvicorn with its defaults (one worker process), reading a DynamoDB table
with boto3, written the way the FastAPI + DynamoDB tutorials write it.

    GET /companies/{id}  ->  200 {"id": ..., "name": ..., "keywords": [...]}
                             404 {"detail": "company not found"}

Settings (environment): DYNAMODB_ENDPOINT (default http://127.0.0.1:8000, e.g.
Amazon DynamoDB Local), COMPANIES_TABLE (default "companies"; hash key "id" S),
and boto3's usual AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION.

    cd bench/fastapi && uvicorn app:app --host 127.0.0.1 --port 18022
"""
import os

import boto3
from fastapi import FastAPI, HTTPException

dynamodb = boto3.resource(
    "dynamodb",
    endpoint_url=os.environ.get("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"),
    region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
)
table = dynamodb.Table(os.environ.get("COMPANIES_TABLE", "companies"))

app = FastAPI()


# A plain `def`: boto3 blocks, so FastAPI runs it in its thread pool.
@app.get("/companies/{id}")
def get_company(id: str):
    item = table.get_item(Key={"id": id}).get("Item")
    if item is None:
        raise HTTPException(status_code=404, detail="company not found")
    return {"id": item["id"], "name": item["name"], "keywords": item.get("keywords", [])}
