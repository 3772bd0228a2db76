// A program of your own: raw @pulumi/aws resources beside compute-layer components. Plan it
// offline, with no cloud account:
//
//     npx compute-layer plan --program index.ts --stack dev
//     npx compute-layer plan --program index.ts --stack dev --format json --out base.json
//
// The bin reads Pulumi.dev.yaml next to this file.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LambdaFunction } from "compute-layer";

const config = new pulumi.Config();
const bucket = new aws.s3.BucketV2("uploads", { forceDestroy: config.getBoolean("forceDestroy") ?? false });

const resize = new LambdaFunction("resize", {
    runtime: "python3.12",
    handler: "resize.main",
    code: { s3Bucket: config.require("artifactBucket"), s3Key: "resize.zip" },
    events: { s3: [{ bucket: bucket.bucket, events: ["s3:ObjectCreated:*"] }] },
});

export const functionName = resize.function.name;
