import * as fs from "node:fs";
import * as k8s from "@pulumi/kubernetes";
import { Deployment } from "kubernetes-models/apps/v1";
import { Pod } from "kubernetes-models/v1";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { KubernetesService } from "../../components/kubernetes";
import { injectIstioSidecar, UnsupportedIstioVersionError } from "../../policy/istio-injection";
import { checkPodSecurity, checkWorkloadPodSecurity, type PodSpec, podTemplateOf } from "../../policy/pod-security";
import { only, runPlan } from "../support";

/** A pod that passes restricted: the minimum the standard asks for. */
const good = (): PodSpec => ({
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
        {
            name: "app",
            image: "nginx:1.27",
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        },
    ],
    volumes: [{ name: "tmp", emptyDir: {} }],
});

/** The Istio release the prod stack pins (stacks/Pulumi.prod.yaml, compute-layer:mesh.istioVersion). */
const PINNED = (
    parse(fs.readFileSync("stacks/Pulumi.prod.yaml", "utf8")) as { config: Record<string, { istioVersion?: string }> }
).config["compute-layer:mesh"]?.istioVersion;

const rules = (spec: unknown, level: "baseline" | "restricted" = "restricted") =>
    checkPodSecurity(spec, { level }).map((v) => `${v.rule} ${v.path}`);

describe("checkPodSecurity: every control of the Pod Security Standards", () => {
    it("passes the minimal restricted pod, and it is a valid Pod", () => {
        expect(checkPodSecurity(good())).toEqual([]);
        expect(() => new Pod({ metadata: { name: "p" }, spec: good() as never }).validate()).not.toThrow();
    });

    it("an empty pod spec (no containers) has nothing to reject; odd shapes never throw", () => {
        for (const odd of [
            null,
            undefined,
            42,
            "x",
            [],
            { containers: "nope" },
            { containers: [null, 1] },
            { volumes: [null] },
        ]) {
            expect(() => checkPodSecurity(odd)).not.toThrow();
        }
    });

    const cases: [string, (p: PodSpec) => void, string[]][] = [
        ["hostNetwork", (p) => (p.hostNetwork = true), ["hostNamespaces spec.hostNetwork"]],
        ["hostPID", (p) => (p.hostPID = true), ["hostNamespaces spec.hostPID"]],
        ["hostIPC", (p) => (p.hostIPC = true), ["hostNamespaces spec.hostIPC"]],
        [
            "privileged",
            (p) => (p.containers![0].securityContext!.privileged = true),
            ["privileged spec.containers[0].securityContext.privileged"],
        ],
        [
            "a capability outside the default set",
            (p) => (p.containers![0].securityContext!.capabilities!.add = ["SYS_ADMIN"]),
            [
                "capabilities_baseline spec.containers[0].securityContext.capabilities.add",
                "capabilities_restricted spec.containers[0].securityContext.capabilities.add",
            ],
        ],
        [
            "a default-set capability other than NET_BIND_SERVICE",
            (p) => (p.containers![0].securityContext!.capabilities!.add = ["CHOWN"]),
            ["capabilities_restricted spec.containers[0].securityContext.capabilities.add"],
        ],
        [
            "not dropping ALL",
            (p) => (p.containers![0].securityContext!.capabilities = { drop: ["NET_RAW"] }),
            ["capabilities_restricted spec.containers[0].securityContext.capabilities.drop"],
        ],
        [
            "a hostPath volume",
            (p) => p.volumes!.push({ name: "h", hostPath: { path: "/var/run" } }),
            ["hostPathVolumes spec.volumes[1].hostPath", "restrictedVolumes spec.volumes[1].hostPath"],
        ],
        [
            "an nfs volume",
            (p) => p.volumes!.push({ name: "n", nfs: { server: "x", path: "/" } }),
            ["restrictedVolumes spec.volumes[1].nfs"],
        ],
        [
            "a host port",
            (p) => (p.containers![0].ports = [{ containerPort: 80, hostPort: 8080 }]),
            ["hostPorts spec.containers[0].ports[0].hostPort"],
        ],
        [
            "AppArmor unconfined (field)",
            (p) => (p.containers![0].securityContext!.appArmorProfile = { type: "Unconfined" }),
            ["appArmorProfile spec.containers[0].securityContext.appArmorProfile.type"],
        ],
        [
            "AppArmor unconfined (pod)",
            (p) => (p.securityContext!.appArmorProfile = { type: "Unconfined" }),
            ["appArmorProfile spec.securityContext.appArmorProfile.type"],
        ],
        [
            "a custom SELinux type",
            (p) => (p.securityContext!.seLinuxOptions = { type: "spc_t" }),
            ["seLinuxOptions spec.securityContext.seLinuxOptions.type"],
        ],
        [
            "a custom SELinux user",
            (p) => (p.containers![0].securityContext!.seLinuxOptions = { user: "root" }),
            ["seLinuxOptions spec.containers[0].securityContext.seLinuxOptions.user"],
        ],
        [
            "an unmasked /proc",
            (p) => (p.containers![0].securityContext!.procMount = "Unmasked"),
            ["procMount spec.containers[0].securityContext.procMount"],
        ],
        [
            "seccomp Unconfined on a container",
            (p) => (p.containers![0].securityContext!.seccompProfile = { type: "Unconfined" }),
            [
                "seccompProfile_baseline spec.containers[0].securityContext.seccompProfile.type",
                "seccompProfile_restricted spec.containers[0].securityContext.seccompProfile.type",
            ],
        ],
        [
            "an unsafe sysctl",
            (p) =>
                (p.securityContext!.sysctls = [
                    { name: "net.ipv4.ip_local_port_range", value: "1 2" },
                    { name: "kernel.msgmax", value: "1" },
                ]),
            ["sysctls spec.securityContext.sysctls[1].name"],
        ],
        [
            "allowPrivilegeEscalation unset",
            (p) => delete p.containers![0].securityContext!.allowPrivilegeEscalation,
            ["allowPrivilegeEscalation spec.containers[0].securityContext.allowPrivilegeEscalation"],
        ],
        [
            "runAsNonRoot false on a container",
            (p) => (p.containers![0].securityContext!.runAsNonRoot = false),
            ["runAsNonRoot spec.containers[0].securityContext.runAsNonRoot"],
        ],
        [
            "runAsNonRoot nowhere",
            (p) => delete p.securityContext!.runAsNonRoot,
            ["runAsNonRoot spec.containers[0].securityContext.runAsNonRoot"],
        ],
        [
            "runAsUser 0 on the pod",
            (p) => (p.securityContext!.runAsUser = 0),
            ["runAsUser spec.securityContext.runAsUser"],
        ],
        [
            "seccomp nowhere",
            (p) => delete p.securityContext!.seccompProfile,
            ["seccompProfile_restricted spec.containers[0].securityContext.seccompProfile.type"],
        ],
        [
            "Windows HostProcess",
            (p) => (p.securityContext!.windowsOptions = { hostProcess: true }),
            ["hostProcess spec.securityContext.windowsOptions.hostProcess"],
        ],
    ];
    for (const [what, breakIt, expected] of cases) {
        it(`rejects ${what}`, () => {
            const p = good();
            breakIt(p);
            expect(rules(p)).toEqual(expected);
        });
    }

    it("checks initContainers and ephemeralContainers too, with the pod's defaults", () => {
        const p = good();
        p.initContainers = [
            {
                name: "init",
                image: "busybox:1.36",
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsUser: 0 },
            },
        ];
        p.ephemeralContainers = [{ name: "debug", image: "busybox:1.36" }];
        expect(rules(p)).toEqual([
            "capabilities_restricted spec.ephemeralContainers[0].securityContext.capabilities.drop",
            "runAsUser spec.initContainers[0].securityContext.runAsUser",
            "allowPrivilegeEscalation spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation",
        ]);
    });

    it("a container's own RuntimeDefault and runAsNonRoot satisfy restricted without pod defaults", () => {
        const p = good();
        p.securityContext = {};
        Object.assign(p.containers![0].securityContext!, {
            runAsNonRoot: true,
            seccompProfile: { type: "Localhost", localhostProfile: "p.json" },
        });
        expect(rules(p)).toEqual([]);
    });

    it("baseline ignores the restricted-only controls; NET_BIND_SERVICE may be added", () => {
        const p: PodSpec = {
            containers: [{ name: "c", securityContext: { capabilities: { add: ["NET_BIND_SERVICE", "CHOWN"] } } }],
        };
        expect(rules(p, "baseline")).toEqual([]);
        expect(rules(p)).toContain("capabilities_restricted spec.containers[0].securityContext.capabilities.add");
    });

    it("reads the legacy AppArmor and seccomp annotations", () => {
        const v = checkPodSecurity(good(), {
            metadata: {
                annotations: {
                    "container.apparmor.security.beta.kubernetes.io/app": "unconfined",
                    "seccomp.security.alpha.kubernetes.io/pod": "unconfined",
                },
            },
            path: "spec.template.spec",
        });
        expect(v.map((x) => `${x.rule} ${x.path}`)).toEqual([
            'appArmorProfile spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
            'seccompProfile_baseline spec.template.metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
        ]);
    });

    it("finds the pod template of every workload kind", () => {
        const spec = good();
        const t = { metadata: { labels: { a: "b" } }, spec };
        expect(podTemplateOf({ kind: "Pod", spec })?.path).toBe("spec");
        for (const kind of ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"])
            expect(podTemplateOf({ kind, spec: { template: t } })?.path).toBe("spec.template.spec");
        expect(podTemplateOf({ kind: "CronJob", spec: { jobTemplate: { spec: { template: t } } } })?.path).toBe(
            "spec.jobTemplate.spec.template.spec",
        );
        expect(podTemplateOf({ kind: "Service", spec: {} })).toBeUndefined();
        const bad = {
            kind: "CronJob",
            spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: "c" }] } } } } },
        };
        expect(
            checkWorkloadPodSecurity(bad).every((v) =>
                v.path.startsWith("spec.jobTemplate.spec.template.spec.containers[0]"),
            ),
        ).toBe(true);
        expect(checkWorkloadPodSecurity(bad).length).toBeGreaterThan(0);
    });
});

describe(`the KubernetesService pod under Istio injection (the pinned ${PINNED})`, () => {
    const version = PINNED ?? "unpinned";
    let deployment: Record<string, unknown>;
    beforeAll(async () => {
        const plan = await runPlan(() => {
            const provider = new k8s.Provider("k", { kubeconfig: "{}" });
            new KubernetesService(
                "web-app",
                { namespace: "production", image: "nginx:1.27", port: 8080 },
                { provider },
            );
        });
        deployment = JSON.parse(JSON.stringify(only(plan, "kubernetes:apps/v1:Deployment").inputs)) as Record<
            string,
            unknown
        >;
    });
    const podSpec = () => podTemplateOf(deployment)!.spec;

    it("the component's pod passes restricted as it is", () => {
        expect(checkWorkloadPodSecurity(deployment)).toEqual([]);
    });

    it("injected without CNI it fails: istio-init adds NET_ADMIN/NET_RAW and runs as root", () => {
        const injected = injectIstioSidecar(podSpec(), { version, cni: false });
        expect(injected.initContainers!.map((c) => c.name)).toEqual(["istio-init"]);
        expect(injected.containers!.map((c) => c.name)).toEqual([podSpec().containers![0].name, "istio-proxy"]);
        expect(rules(injected)).toEqual([
            "capabilities_baseline spec.initContainers[0].securityContext.capabilities.add",
            "capabilities_restricted spec.initContainers[0].securityContext.capabilities.add",
            "runAsNonRoot spec.initContainers[0].securityContext.runAsNonRoot",
            "runAsUser spec.initContainers[0].securityContext.runAsUser",
        ]);
        // The injected Deployment is still a valid object: the failure is admission, not schema.
        const d = structuredClone(deployment) as { spec: { template: { spec: unknown } } };
        d.spec.template.spec = injected;
        expect(() => new Deployment(d as never).validate()).not.toThrow();
    });

    it("injected with CNI it passes: istio-validation and istio-proxy run as 1337, non-root, all dropped", () => {
        const injected = injectIstioSidecar(podSpec(), { version, cni: true });
        expect(injected.initContainers!.map((c) => c.name)).toEqual(["istio-validation"]);
        expect(checkPodSecurity(injected)).toEqual([]);
        const native = injectIstioSidecar(podSpec(), { version, cni: true, nativeSidecar: true });
        expect(native.initContainers!.map((c) => `${c.name}:${c.restartPolicy ?? ""}`)).toEqual([
            "istio-validation:",
            "istio-proxy:Always",
        ]);
        expect(checkPodSecurity(native)).toEqual([]);
        expect(injected.volumes!.map((v) => v.name)).toContain("istio-token");
        // Both injected pods are still valid Deployments (native sidecars: restartPolicy on an init container).
        for (const spec of [injected, native]) {
            const d = structuredClone(deployment) as { spec: { template: { spec: unknown } } };
            d.spec.template.spec = spec;
            expect(() => new Deployment(d as never).validate()).not.toThrow();
        }
    });

    it("the injected containers set no seccomp profile: without the pod's RuntimeDefault they fail restricted", () => {
        const bare = { ...podSpec(), securityContext: { runAsNonRoot: true } };
        bare.containers = bare.containers!.map((c) => ({
            ...c,
            securityContext: { ...c.securityContext, seccompProfile: { type: "RuntimeDefault" } },
        }));
        const injected = injectIstioSidecar(bare, { version, cni: true });
        expect(rules(injected)).toEqual([
            "seccompProfile_restricted spec.initContainers[0].securityContext.seccompProfile.type",
            "seccompProfile_restricted spec.containers[1].securityContext.seccompProfile.type",
        ]);
    });

    it("refuses a version whose template was not transcribed, and does not modify its input", () => {
        expect(() => injectIstioSidecar(podSpec(), { version: "1.20.0", cni: true })).toThrow(
            UnsupportedIstioVersionError,
        );
        expect(() => injectIstioSidecar(podSpec(), { version: "latest", cni: true })).toThrow(
            /known minors: 1.28, 1.29/,
        );
        const before = JSON.stringify(podSpec());
        injectIstioSidecar(podSpec(), { version: "1.28.3", cni: false });
        expect(JSON.stringify(podSpec())).toBe(before);
    });
});
