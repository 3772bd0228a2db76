"""process-order: stores an order posted through the HTTP API in the orders table."""
import base64
import json
import os
from datetime import datetime, timezone
from decimal import Decimal

import boto3

# Clients are created once per execution environment and reused across invocations.
dynamodb = boto3.resource("dynamodb")
table = dynamodb.Table(os.environ["TABLE_NAME"])


def _answer(status, body):
    # default=str: numbers come back from the body as Decimal.
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body, default=str),
    }


def lambda_handler(event, context):
    raw = event.get("body") or "{}"
    if event.get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode("utf-8")
    try:
        # DynamoDB numbers are Decimal: boto3's serializer rejects a float ("Float types are not supported").
        body = json.loads(raw, parse_float=Decimal)
    except ValueError:
        return _answer(400, {"error": "the body is not JSON"})
    if not isinstance(body, dict) or "id" not in body:
        return _answer(400, {"error": "the body must be a JSON object with an id"})
    try:
        claims = (event.get("requestContext", {}).get("authorizer", {}) or {}).get("jwt", {}).get("claims", {})
        item = {
            "id": body["id"],
            "user_id": claims.get("sub", "anonymous"),
            "data": body.get("data"),
            "timestamp": datetime.now(timezone.utc).isoformat(),
        }
        table.put_item(Item=item)
        return _answer(200, {"message": "Success", "id": item["id"]})
    except Exception as e:  # noqa: BLE001 - log and answer 500, the DLQ keeps async failures
        print(f"Error: {e}")
        return _answer(500, {"error": "Internal server error"})
