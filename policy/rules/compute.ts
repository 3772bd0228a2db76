/**
 * Compute: EC2 launch templates and instances, ECS services and task definitions, Lambda.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { asList, asObj, asStr, at, isTrue, ofTypes, type Props, refersTo, resourceRule, stackRule, T } from "./common";

export const imdsv2Required: ResourceValidationPolicy = resourceRule({
    name: "ec2-imdsv2-required",
    description:
        "Instances must require IMDSv2 session tokens with a response hop limit of 1. IMDSv1 lets any SSRF in the " +
        "application read the instance role's credentials; a hop limit above 1 lets containers on the host reach them.",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } (the AutoScalingGroup component does; ' +
        'remove the transform or override that changes it), or httpEndpoint: "disabled" when the instance needs no metadata.',
    types: [T.launchTemplate, T.instance, T.launchConfiguration],
    check: (props, _args, report) => {
        const md = asObj(props.metadataOptions);
        if (asStr(md?.httpEndpoint) === "disabled") return;
        const tokens = asStr(md?.httpTokens);
        if (tokens !== "required")
            report(
                `metadataOptions.httpTokens is ${tokens ?? "unset (IMDSv1 allowed)"}; it must be "required" (IMDSv2 only)`,
            );
        const hops = md?.httpPutResponseHopLimit;
        if (hops !== 1 && hops !== "1")
            report(
                `metadataOptions.httpPutResponseHopLimit is ${hops ?? "unset"}; it must be 1 so that containers cannot reach the instance's credentials`,
            );
    },
});

function ebsMappingsOf(props: Props, type: string): { path: string; ebs: Props | undefined }[] {
    if (type === T.instance || type === T.launchConfiguration) {
        const out: { path: string; ebs: Props | undefined }[] = [
            { path: "rootBlockDevice", ebs: asObj(props.rootBlockDevice) ?? {} },
        ];
        for (const [i, d] of asList(props.ebsBlockDevices).entries())
            out.push({ path: `ebsBlockDevices[${i}]`, ebs: asObj(d) });
        return out;
    }
    return asList(props.blockDeviceMappings)
        .map((m, i) => ({
            path: `blockDeviceMappings[${i}].ebs`,
            ebs: asObj(asObj(m)?.ebs),
            virtual: asStr(asObj(m)?.virtualName),
        }))
        .filter((m) => m.virtual === undefined);
}

export const ebsEncrypted: ResourceValidationPolicy = resourceRule({
    name: "ebs-encrypted",
    description:
        "Every EBS volume an instance gets must be encrypted. An unencrypted volume leaves the data readable from its " +
        "snapshots and from the disk outside the instance, and it cannot be encrypted in place later.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set encrypted: true on every EBS block device mapping (the AutoScalingGroup and EksCluster components do; a launch " +
        "template without mappings inherits the AMI's unencrypted root volume — declare the root device).",
    types: [T.launchTemplate, T.instance, T.launchConfiguration, T.ebsVolume],
    check: (props, args, report) => {
        if (args.type === T.ebsVolume) {
            if (!isTrue(props.encrypted)) report("encrypted is not true");
            return;
        }
        const mappings = ebsMappingsOf(props, args.type);
        if (args.type === T.launchTemplate && mappings.length === 0) {
            report(
                "declares no EBS block device mapping: the root volume follows the AMI's snapshot, unencrypted unless the account encrypts by default",
            );
        }
        for (const m of mappings) if (!m.ebs || !isTrue(m.ebs.encrypted)) report(`${m.path}.encrypted is not true`);
    },
});

export const noPublicIpOnCompute: ResourceValidationPolicy = resourceRule({
    name: "no-public-ip-on-compute",
    description:
        "Instances and ECS tasks must not get public IP addresses: they sit behind load balancers in private subnets, and " +
        "a public address exposes every port their security group opens to the internet.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Leave associatePublicIpAddress / assignPublicIp false (the default of the components) and place the compute in " +
        "private subnets with a NAT gateway or VPC endpoints for egress.",
    types: [T.launchTemplate, T.instance, T.launchConfiguration, T.ecsService],
    check: (props, args, report) => {
        if (args.type === T.ecsService) {
            if (isTrue(at(props, "networkConfiguration.assignPublicIp")))
                report("networkConfiguration.assignPublicIp is true");
            return;
        }
        if (args.type === T.launchTemplate) {
            asList(props.networkInterfaces).forEach((n, i) => {
                if (isTrue(asObj(n)?.associatePublicIpAddress))
                    report(`networkInterfaces[${i}].associatePublicIpAddress is true`);
            });
            return;
        }
        if (isTrue(props.associatePublicIpAddress)) report("associatePublicIpAddress is true");
    },
});

export const ecsCircuitBreaker: ResourceValidationPolicy = resourceRule({
    name: "ecs-circuit-breaker-rollback",
    description:
        "ECS services with the rolling (ECS) deployment controller must enable the deployment circuit breaker with " +
        "rollback, so that a deployment whose tasks never become healthy rolls back instead of cycling forever.",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set deploymentCircuitBreaker: { enable: true, rollback: true } (the EcsService component's default).",
    types: [T.ecsService],
    check: (props, _args, report) => {
        const controller = asStr(at(props, "deploymentController.type")) ?? "ECS";
        if (controller !== "ECS") return;
        const cb = asObj(props.deploymentCircuitBreaker);
        if (!isTrue(cb?.enable) || !isTrue(cb?.rollback)) {
            report(
                `deploymentCircuitBreaker is ${cb ? JSON.stringify(cb) : "unset"}; it must be { enable: true, rollback: true }`,
            );
        }
    },
});

/** Environment variable names that say they hold a secret (references such as `_ARN` or `_NAME` are fine). */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY)/i;
const REFERENCE_SUFFIX = /_(ARN|NAME|ID|URL|URI|PATH|FILE|REGION|TTL)$/i;
/** Values that look like a credential whatever the name. */
const SECRET_VALUES: [RegExp, string][] = [
    [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id"],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
    [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, "a GitHub token"],
    [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
    [/:\/\/[^/\s:@]+:[^/\s@]+@/, "a URL with a password"],
];

/** The reason a plain environment entry looks secret, or undefined. */
export function secretLooking(name: string, value: unknown): string | undefined {
    if (typeof value === "string") {
        for (const [re, what] of SECRET_VALUES) if (re.test(value)) return `its value looks like ${what}`;
    }
    if (SECRET_NAME.test(name) && !REFERENCE_SUFFIX.test(name) && value !== undefined && value !== "")
        return "its name says it holds a secret";
    return undefined;
}

export const ecsSecretsFromValueFrom: ResourceValidationPolicy = resourceRule({
    name: "ecs-secrets-value-from",
    description:
        "ECS containers must receive secrets through `secrets[].valueFrom` (Secrets Manager or SSM Parameter Store), " +
        "never as plain `environment` values: those are stored in the task definition, readable by anyone who can " +
        "describe it, and kept in every revision.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Move the value into Secrets Manager or SSM and pass it with the EcsService component's `secrets` " +
        "({ NAME: secretArn }) instead of `environment`.",
    types: [T.ecsTaskDefinition],
    check: (props, _args, report) => {
        const raw = props.containerDefinitions;
        let defs: unknown;
        try {
            defs = typeof raw === "string" ? JSON.parse(raw) : raw;
        } catch {
            report("containerDefinitions is not valid JSON");
            return;
        }
        for (const def of asList(defs)) {
            const c = asObj(def);
            if (!c) continue;
            const name = asStr(c.name) ?? "?";
            for (const e of asList(c.environment)) {
                const entry = asObj(e);
                const key = asStr(entry?.name) ?? "";
                const why = secretLooking(key, entry?.value);
                if (why)
                    report(
                        `container "${name}": environment ${key} is a plain value and ${why}; pass it through secrets[].valueFrom`,
                    );
            }
            for (const s of asList(c.secrets)) {
                const entry = asObj(s);
                if (!asStr(entry?.valueFrom))
                    report(`container "${name}": secret ${asStr(entry?.name) ?? "?"} has no valueFrom ARN`);
            }
        }
    },
});

export const lambdaTracing: ResourceValidationPolicy = resourceRule({
    name: "lambda-active-tracing",
    description:
        "Lambda functions should trace actively with X-Ray, so that a slow or failing invocation can be followed through its callers and dependencies.",
    enforcementLevel: "advisory",
    remediationSteps:
        'Set tracingConfig: { mode: "Active" } (the LambdaFunction component\'s default) and allow xray:PutTraceSegments in the role.',
    types: [T.lambdaFunction],
    check: (props, _args, report) => {
        const mode = asStr(at(props, "tracingConfig.mode"));
        if (mode !== "Active") report(`tracingConfig.mode is ${mode ?? "unset (PassThrough)"}; it should be Active`);
    },
});

export const lambdaFailureDestination: StackValidationPolicy = stackRule({
    name: "lambda-failure-destination",
    description:
        "Lambda functions should keep the events they fail on: a dead-letter queue or an on-failure destination. " +
        "Without one, an asynchronous event that exhausts its retries is dropped without a trace.",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set deadLetterConfig.targetArn (the LambdaFunction component's deadLetterQueue) or an " +
        "aws.lambda.FunctionEventInvokeConfig with destinationConfig.onFailure.destination.",
    check: (resources, _args, report) => {
        const configs = ofTypes(resources, T.lambdaEventInvokeConfig);
        for (const fn of ofTypes(resources, T.lambdaFunction)) {
            if (asStr(at(fn.props, "deadLetterConfig.targetArn"))) continue;
            const ids = [fn.props.name, fn.props.arn, fn.props.id];
            const hasDestination = configs.some(
                (c) =>
                    refersTo(c, fn, c.props.functionName, ids) &&
                    asStr(at(c.props, "destinationConfig.onFailure.destination")),
            );
            if (!hasDestination)
                report(
                    `function ${asStr(fn.props.name) ?? fn.name} has neither a dead-letter queue nor an on-failure destination`,
                    fn.urn,
                );
        }
    },
});

export const lambdaPermissionSourceArn: ResourceValidationPolicy = resourceRule({
    name: "lambda-permission-source-arn",
    description:
        "A Lambda permission for an AWS service principal must name the source ARN. Without it, any resource of that " +
        "service in any account (any API Gateway, any S3 bucket, any SNS topic) can invoke the function — the confused-deputy problem.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set sourceArn to the invoking resource's ARN (the API's executionArn/*/*, the bucket's or topic's ARN); add sourceAccount for S3.",
    types: [T.lambdaPermission],
    check: (props, _args, report) => {
        const principal = asStr(props.principal) ?? "";
        if (!principal.endsWith(".amazonaws.com") && principal !== "*") return;
        if (!asStr(props.sourceArn)) report(`the permission for ${principal} has no sourceArn`);
    },
});
