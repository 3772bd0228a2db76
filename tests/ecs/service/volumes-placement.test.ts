import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { EcsService, type EcsServiceArgs, planEcsService } from "../../../components/ecs";
import { input, jsonInput, only, resource, runPlan } from "../../support";
import { referenceService } from "./reference";

const CTX = { stack: "dev", now: new Date("2026-01-01T00:00:00Z") };
const FS = "fs-0123456789abcdef0";
const AP = "fsap-0123456789abcdef0";
const nginx = referenceService().containers.nginx;
const withMounts = (mountPoints: NonNullable<typeof nginx.mountPoints>) => ({ nginx: { ...nginx, mountPoints } });

function paths(over: Partial<EcsServiceArgs>): string[] {
    try {
        planEcsService("web-app", referenceService(over), CTX);
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e.errors.map((x) => x.propertyPath);
        throw e;
    }
    return [];
}

describe("EcsService.volumes: EFS, bind mounts and Docker volumes", () => {
    it("EFS with transit encryption and an access point, mounted through the task role, with the NFS rule on the file system's group", async () => {
        const plan = await runPlan(
            () =>
                void new EcsService(
                    "web-app",
                    referenceService({
                        volumes: {
                            content: {
                                efs: { fileSystemId: FS, accessPointId: AP, mountTargetSecurityGroupId: "sg-0efs" },
                            },
                        },
                        containers: withMounts([{ volume: "content", containerPath: "/usr/share/nginx/html" }]),
                    }),
                ),
        );
        const task = only(plan, "aws:ecs/taskDefinition:TaskDefinition");
        expect(task.inputs.volumes).toEqual([
            {
                name: "content",
                efsVolumeConfiguration: {
                    fileSystemId: FS,
                    transitEncryption: "ENABLED",
                    authorizationConfig: { accessPointId: AP, iam: "ENABLED" },
                },
            },
        ]);
        const [container] = JSON.parse(String(task.inputs.containerDefinitions)) as { mountPoints: unknown }[];
        expect(container.mountPoints).toEqual([
            { sourceVolume: "content", containerPath: "/usr/share/nginx/html", readOnly: false },
        ]);
        expect(jsonInput(resource(plan, "aws:iam/rolePolicy:RolePolicy", "web-app-task-efs"), "policy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "MountEfs0",
                    Effect: "Allow",
                    Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                    Resource: `arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/${FS}`,
                    Condition: {
                        StringEquals: {
                            "elasticfilesystem:AccessPointArn": `arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/${AP}`,
                        },
                    },
                },
            ],
        });
        const nfs = resource(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-app-efs-content");
        expect(nfs.inputs).toMatchObject({
            securityGroupId: "sg-0efs",
            ipProtocol: "tcp",
            fromPort: 2049,
            toPort: 2049,
        });
        expect(input(nfs, "referencedSecurityGroupId")).toBe(
            resource(plan, "aws:ec2/securityGroup:SecurityGroup", "web-app-sg").outputs?.id,
        );
    });

    it("read-only mounts only grant ClientMount; iam: false grants nothing", () => {
        const ro = planEcsService(
            "web-app",
            referenceService({
                volumes: { c: { efs: { fileSystemId: FS } } },
                containers: withMounts([{ volume: "c", containerPath: "/data", readOnly: true }]),
            }),
            CTX,
        );
        expect(ro.efs).toEqual([{ volume: "c", fileSystemId: FS, write: false, iam: true }]);
        const noIam = planEcsService(
            "web-app",
            referenceService({ volumes: { c: { efs: { fileSystemId: FS, iam: false, transitEncryption: false } } } }),
            CTX,
        );
        expect(noIam.efs[0].iam).toBe(false);
        expect(noIam.taskDefinition.volumes).toEqual([
            { name: "c", efsVolumeConfiguration: { fileSystemId: FS, transitEncryption: "DISABLED" } },
        ]);
    });

    it("bind mounts on Fargate (scratch) and on EC2 (a host path); Docker volumes on EC2", () => {
        const fargate = planEcsService("web-app", referenceService({ volumes: { scratch: { bind: {} } } }), CTX);
        expect(fargate.taskDefinition.volumes).toEqual([{ name: "scratch" }]);
        const ec2 = planEcsService(
            "web-app",
            referenceService({
                launchType: "EC2",
                volumes: {
                    logs: { bind: { hostPath: "/var/log/app" } },
                    cache: { docker: { scope: "shared", autoprovision: true, driver: "local", labels: { a: "b" } } },
                },
            }),
            CTX,
        );
        expect(ec2.taskDefinition.volumes).toEqual([
            { name: "logs", hostPath: "/var/log/app" },
            {
                name: "cache",
                dockerVolumeConfiguration: {
                    scope: "shared",
                    autoprovision: true,
                    driver: "local",
                    labels: { a: "b" },
                },
            },
        ]);
    });

    it.each<[string, Partial<EcsServiceArgs>, string[]]>([
        [
            "a mount of an undeclared volume",
            { containers: withMounts([{ volume: "data", containerPath: "/data" }]) },
            ["containers.nginx.mountPoints[0].volume"],
        ],
        [
            "a relative container path",
            { volumes: { d: { bind: {} } }, containers: withMounts([{ volume: "d", containerPath: "data" }]) },
            ["containers.nginx.mountPoints[0].containerPath"],
        ],
        [
            "one path mounted twice",
            {
                volumes: { d: { bind: {} }, e: { bind: {} } },
                containers: withMounts([
                    { volume: "d", containerPath: "/x" },
                    { volume: "e", containerPath: "/x" },
                ]),
            },
            ["containers.nginx.mountPoints[1].containerPath"],
        ],
        ["a volume of no kind", { volumes: { d: {} } }, ["volumes.d"]],
        ["a volume of two kinds", { volumes: { d: { bind: {}, docker: {} } } }, ["volumes.d"]],
        ["a host path on Fargate", { volumes: { d: { bind: { hostPath: "/srv" } } } }, ["volumes.d.bind.hostPath"]],
        ["a Docker volume on Fargate", { volumes: { d: { docker: {} } } }, ["volumes.d.docker"]],
        [
            "autoprovision on a task-scoped Docker volume",
            { launchType: "EC2", volumes: { d: { docker: { autoprovision: true } } } },
            ["volumes.d.docker.autoprovision"],
        ],
        [
            "EFS IAM without transit encryption",
            { volumes: { d: { efs: { fileSystemId: FS, transitEncryption: false } } } },
            ["volumes.d.efs.transitEncryption"],
        ],
        [
            "a root directory with an access point",
            { volumes: { d: { efs: { fileSystemId: FS, accessPointId: AP, rootDirectory: "/x" } } } },
            ["volumes.d.efs.rootDirectory"],
        ],
        ["a volume name ECS rejects", { volumes: { "my data": { bind: {} } } }, ["volumes.my data"]],
        [
            "more than 20 volumes",
            { volumes: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`v${i}`, { bind: {} }])) },
            ["volumes"],
        ],
        [
            "a string for transitEncryption",
            { volumes: { d: { efs: { fileSystemId: FS, transitEncryption: "true" as unknown as boolean } } } },
            ["volumes.d.efs.transitEncryption"],
        ],
    ])("rejects %s", (_label, over, expected) => {
        expect(paths(over)).toEqual(expected);
    });
});

describe("EcsService placement (EC2 capacity only)", () => {
    it("renders ordered placement strategies and constraints on EC2", () => {
        const plan = planEcsService(
            "web-app",
            referenceService({
                launchType: "EC2",
                placementStrategies: [
                    { type: "spread", field: "attribute:ecs.availability-zone" },
                    { type: "binpack", field: "memory" },
                ],
                placementConstraints: [
                    { type: "distinctInstance" },
                    { type: "memberOf", expression: "attribute:ecs.instance-type =~ m7i.*" },
                ],
            }),
            CTX,
        );
        expect(plan.service.orderedPlacementStrategies).toEqual([
            { type: "spread", field: "attribute:ecs.availability-zone" },
            { type: "binpack", field: "memory" },
        ]);
        expect(plan.service.placementConstraints).toEqual([
            { type: "distinctInstance" },
            { type: "memberOf", expression: "attribute:ecs.instance-type =~ m7i.*" },
        ]);
    });

    it.each<[string, Partial<EcsServiceArgs>, string[]]>([
        ["strategies on Fargate", { placementStrategies: [{ type: "random" }] }, ["placementStrategies"]],
        ["constraints on Fargate", { placementConstraints: [{ type: "distinctInstance" }] }, ["placementConstraints"]],
        [
            "binpack on a field other than cpu or memory",
            { launchType: "EC2", placementStrategies: [{ type: "binpack", field: "instanceId" }] },
            ["placementStrategies[0].field"],
        ],
        [
            "spread without a field",
            { launchType: "EC2", placementStrategies: [{ type: "spread" }] },
            ["placementStrategies[0].field"],
        ],
        [
            "random with a field",
            { launchType: "EC2", placementStrategies: [{ type: "random", field: "cpu" }] },
            ["placementStrategies[0].field"],
        ],
        [
            "memberOf without an expression",
            { launchType: "EC2", placementConstraints: [{ type: "memberOf" }] },
            ["placementConstraints[0].expression"],
        ],
        [
            "distinctInstance with an expression",
            { launchType: "EC2", placementConstraints: [{ type: "distinctInstance", expression: "x" }] },
            ["placementConstraints[0].expression"],
        ],
        [
            "more than 10 constraints",
            {
                launchType: "EC2",
                placementConstraints: Array.from({ length: 11 }, () => ({ type: "distinctInstance" as const })),
            },
            ["placementConstraints"],
        ],
    ])("rejects %s", (_label, over, expected) => {
        expect(paths(over)).toEqual(expected);
    });
});

describe("EcsService images: pinned, as KubernetesService requires", () => {
    it.each([
        ["nginx:latest", /must not use the "latest" tag/],
        ["nginx", /must name a tag or a digest/],
        ["Not An Image!", /must be an image reference/],
    ])("rejects %s", (image, reason) => {
        expect(() =>
            planEcsService("web-app", referenceService({ containers: { nginx: { ...nginx, image } } }), CTX),
        ).toThrow(reason);
        expect(paths({ containers: { nginx: { ...nginx, image } } })).toEqual(["containers.nginx.image"]);
    });

    it("accepts a version tag, a digest (even with latest), and an Output (checked by ECS at deploy time)", () => {
        const digest = `nginx:latest@sha256:${"a".repeat(64)}`;
        for (const image of [
            "nginx:1.27",
            digest,
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
            pulumi.output("nginx:latest"),
        ]) {
            expect(paths({ containers: { nginx: { ...nginx, image } } })).toEqual([]);
        }
    });
});
