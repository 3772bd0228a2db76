/**
 * Every rule of the compute-layer policy pack, as plain `ResourceValidationPolicy` /
 * `StackValidationPolicy` objects. `index.ts` builds the `PolicyPack` from this list for
 * `pulumi preview --policy-pack policy`; the offline `check` command runs the same list over a plan.
 * This module imports only types from `@pulumi/policy`, so the offline check does not need it.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { autoscalerCountsIgnored } from "./rules/autoscaling";
import {
    ebsEncrypted,
    ecsCircuitBreaker,
    ecsSecretsFromValueFrom,
    imdsv2Required,
    lambdaFailureDestination,
    lambdaPermissionSourceArn,
    lambdaTracing,
    noPublicIpOnCompute,
} from "./rules/compute";
import { noOpenPorts, routeAuthorizer, routeAuthorizerProd } from "./rules/edges";
import {
    eksControlPlaneLogs,
    eksEndpointAccess,
    eksSecretsEncryption,
    hpaHasPdb,
    imagesPinned,
    loadBalancerServiceScheme,
    podSecurityRestricted,
} from "./rules/kubernetes";
import {
    deletionProtection,
    dropInvalidHeaders,
    httpOnlyRedirects,
    listenerTlsPolicy,
    targetGroupHealthCheck,
} from "./rules/load-balancers";

export * from "./rules/autoscaling";
export { T } from "./rules/common";
export * from "./rules/compute";
export * from "./rules/edges";
export * from "./rules/kubernetes";
export * from "./rules/load-balancers";

/** The pack's name (PulumiPolicy.yaml and the PolicyPack). */
export const POLICY_PACK_NAME = "compute-layer";

/** Every rule, in the order they are reported. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    // Compute
    imdsv2Required,
    ebsEncrypted,
    noPublicIpOnCompute,
    ecsCircuitBreaker,
    ecsSecretsFromValueFrom,
    lambdaFailureDestination,
    lambdaTracing,
    lambdaPermissionSourceArn,
    // Load balancers
    listenerTlsPolicy,
    httpOnlyRedirects,
    dropInvalidHeaders,
    deletionProtection,
    targetGroupHealthCheck,
    // EKS and Kubernetes
    eksSecretsEncryption,
    eksControlPlaneLogs,
    eksEndpointAccess,
    podSecurityRestricted,
    loadBalancerServiceScheme,
    hpaHasPdb,
    imagesPinned,
    // Edges
    routeAuthorizerProd,
    routeAuthorizer,
    noOpenPorts,
    // Counts owned by autoscalers
    autoscalerCountsIgnored,
];
