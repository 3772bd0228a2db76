import type * as pulumi from "@pulumi/pulumi";
import { isKnown, joinPath, type Tags, type Validator } from "../../../src/core";

/**
 * A PrivateLink endpoint service's permissions and options (`aws.ec2.VpcEndpointService`), shared by
 * the NLB's `endpointService` and the GWLB's own service.
 */
export interface EndpointServiceInput {
    acceptanceRequired?: boolean;
    allowedPrincipals?: pulumi.Input<string>[];
    privateDnsName?: pulumi.Input<string>;
    supportedRegions?: string[];
}

/** The `aws.ec2.VpcEndpointService`'s inputs; the component adds the load balancer's ARN. */
export interface PlannedEndpointService {
    acceptanceRequired: boolean;
    allowedPrincipals: pulumi.Input<string>[];
    privateDnsName?: pulumi.Input<string>;
    supportedRegions?: string[];
    tags: pulumi.Input<Tags>;
}

/**
 * Principals that may create endpoints to a service: an account (`arn:aws:iam::<account>:root`), a
 * role or a user, or `*` (everyone). https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions
 */
export const PRINCIPAL = /^(\*|arn:aws[\w-]*:iam::\d{12}:(root|role\/.+|user\/.+))$/;
/** An AWS Region code such as `us-east-1`, `eu-central-2` or `us-gov-west-1`. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
/** A private DNS name: lower-case labels, an optional leading `*.` wildcard, at most 255 characters. */
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Checks an endpoint service's principals (ARNs, never `*` without acceptance), private DNS name and
 * supported Regions, at their paths under `prefix` (none: the args root). Returns the service's inputs.
 */
export function planEndpointService(
    v: Validator,
    s: EndpointServiceInput,
    prefix: string | undefined,
    tags: pulumi.Input<Tags>,
): PlannedEndpointService {
    const at = (field: string) => joinPath(prefix, field);
    const principals = s.allowedPrincipals ?? [];
    principals.forEach((p, i) => {
        if (isKnown(p) && !PRINCIPAL.test(p)) {
            v.add(
                `${at("allowedPrincipals")}[${i}]`,
                `must be an IAM principal ARN such as "arn:aws:iam::123456789012:root" or a role/user ARN, or "*" (got ${JSON.stringify(p)})`,
            );
        }
    });
    v.unique(
        principals.map((p, i) => ({ value: isKnown(p) ? p : undefined, path: `${at("allowedPrincipals")}[${i}]` })),
        "principal",
    );
    const acceptanceRequired = s.acceptanceRequired ?? true;
    if (!acceptanceRequired && principals.some((p) => p === "*")) {
        v.add(
            at("allowedPrincipals"),
            'must not contain "*" while acceptanceRequired is false: any AWS account could connect unreviewed',
        );
    }
    if (isKnown(s.privateDnsName) && (s.privateDnsName.length > 255 || !DNS_NAME.test(s.privateDnsName))) {
        v.add(
            at("privateDnsName"),
            `must be a domain name such as "api.example.com" or "*.example.com" in lower case, at most 255 characters (got ${JSON.stringify(s.privateDnsName)})`,
        );
    }
    (s.supportedRegions ?? []).forEach((r, i) => {
        if (!REGION.test(r))
            v.add(
                `${at("supportedRegions")}[${i}]`,
                `must be an AWS Region code such as "us-east-1" (got ${JSON.stringify(r)})`,
            );
    });
    v.unique(
        (s.supportedRegions ?? []).map((r, i) => ({ value: r, path: `${at("supportedRegions")}[${i}]` })),
        "Region",
    );
    return {
        acceptanceRequired,
        allowedPrincipals: principals,
        ...(s.privateDnsName !== undefined ? { privateDnsName: s.privateDnsName } : {}),
        ...(s.supportedRegions !== undefined ? { supportedRegions: s.supportedRegions } : {}),
        tags,
    };
}
