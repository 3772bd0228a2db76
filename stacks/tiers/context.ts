import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import type { Profile } from "../profile";

/**
 * What every tier function of the reference system receives: the environment's profile, its
 * validated config, and the tags every resource carries.
 */
export interface SystemContext {
    profile: Profile;
    config: StackConfig;
    /** The environment's name (`dev`, `staging`, `prod`). */
    env: Profile["name"];
    tags: Record<string, string>;
}

/** The outputs every environment exports. */
export interface SystemOutputs {
    albUrl: pulumi.Output<string>;
    apiEndpoint?: pulumi.Output<string | undefined>;
    ecsClusterName?: pulumi.Output<string>;
    eksClusterName?: pulumi.Output<string>;
    kubeconfig?: pulumi.Output<string>;
    /** The security group to start the self-hosted deploy runner in (the EKS API admits it). */
    deployRunnerSecurityGroupId?: pulumi.Output<string>;
    nlbDnsName?: pulumi.Output<string>;
    gwlbServiceName?: pulumi.Output<string>;
}
