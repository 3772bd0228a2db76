/**
 * The context a documentation fragment may assume: what a program would have built before it.
 * Fragments also get the SDKs (`pulumi`, `aws`, `k8s`) and every name the package root exports
 * (see code-blocks.ts); whole programs import what they use.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ApplicationLoadBalancer, EcsCluster, EksCluster } from "../../src/eager";

export declare const vpcId: pulumi.Output<string>;
export declare const publicSubnetIds: pulumi.Output<string[]>;
export declare const privateSubnetIds: pulumi.Output<string[]>;
export declare const certificateArn: string;
export declare const alb: ApplicationLoadBalancer;
export declare const cluster: EcsCluster;
export declare const eks: EksCluster;
export declare const queueArn: pulumi.Output<string>;
