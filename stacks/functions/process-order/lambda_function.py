"""process-order: stores an order posted through the HTTP API in the orders table."""
import json
import os
from datetime import datetime, timezone

import boto3

# Clients are created once per execution environment and reused across invocations.
dynamodb = boto3.resource("dynamodb")
table = dynamodb.Table(os.environ["TABLE_NAME"])


def lambda_handler(event, context):
    try:
        body = json.loads(event.get("body") or "{}")
        claims = (event.get("requestContext", {}).get("authorizer", {}) or {}).get("jwt", {}).get("claims", {})
        item = {
            "id": body["id"],
            "user_id": claims.get("sub", "anonymous"),
            "data": body.get("data"),
            "timestamp": datetime.now(timezone.utc).isoformat(),
        }
        table.put_item(Item=item)
        return {
            "statusCode": 200,
            "headers": {"Content-Type": "application/json"},
            "body": json.dumps({"message": "Success", "id": item["id"]}),
        }
    except KeyError as e:
        return {"statusCode": 400, "body": json.dumps({"error": f"missing field {e}"})}
    except Exception as e:  # noqa: BLE001 - log and answer 500, the DLQ keeps async failures
        print(f"Error: {e}")
        return {"statusCode": 500, "body": json.dumps({"error": "Internal server error"})}
