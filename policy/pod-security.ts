/**
 * The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
 * baseline and restricted, as a pure check of a pod spec — the controls the `PodSecurity` admission
 * plugin enforces when a namespace has `pod-security.kubernetes.io/enforce: restricted`.
 *
 * The rule ids are the check ids of the upstream admission library (k8s.io/pod-security-admission),
 * so a violation here names the same check as the API server's rejection message.
 *
 * Every control applies to `containers`, `initContainers` and `ephemeralContainers`, and the
 * pod-level security context is the default of each container's (a container's own setting wins).
 * Input is plain JSON as a manifest or plan holds it: odd shapes never throw, they are read as unset.
 */
import { joinPath } from "../src/core/validation";

/** The two profiles that restrict anything. */
export type PodSecurityLevel = "baseline" | "restricted";

/** The check ids of the Pod Security Standards' controls. */
export type PodSecurityRule =
    | "hostProcess"
    | "hostNamespaces"
    | "privileged"
    | "capabilities_baseline"
    | "hostPathVolumes"
    | "hostPorts"
    | "appArmorProfile"
    | "seLinuxOptions"
    | "procMount"
    | "seccompProfile_baseline"
    | "sysctls"
    | "restrictedVolumes"
    | "allowPrivilegeEscalation"
    | "runAsNonRoot"
    | "runAsUser"
    | "seccompProfile_restricted"
    | "capabilities_restricted";

/** One control a pod breaks. */
export interface PodSecurityViolation {
    /** The check id, e.g. `capabilities_restricted`. */
    rule: PodSecurityRule;
    /** The control's name on the Pod Security Standards page, e.g. "Capabilities". */
    control: string;
    /** The lowest profile that forbids it: `baseline` violations fail both profiles. */
    level: PodSecurityLevel;
    /** The field at fault, from the manifest's root, e.g. `spec.template.spec.initContainers[0].securityContext.runAsUser`. */
    path: string;
    /** What is wrong and what the profile allows. */
    message: string;
}

/** The fields of a container's security context the standards read. */
export interface SecurityContext {
    privileged?: boolean;
    allowPrivilegeEscalation?: boolean;
    runAsNonRoot?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    readOnlyRootFilesystem?: boolean;
    procMount?: string;
    capabilities?: { add?: string[]; drop?: string[] };
    seccompProfile?: { type?: string; localhostProfile?: string };
    appArmorProfile?: { type?: string; localhostProfile?: string };
    seLinuxOptions?: { type?: string; user?: string; role?: string; level?: string };
    windowsOptions?: { hostProcess?: boolean; [key: string]: unknown };
    [key: string]: unknown;
}

/** The fields of the pod-level security context the standards read. */
export interface PodSecurityContext {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    fsGroup?: number;
    supplementalGroups?: number[];
    seccompProfile?: { type?: string; localhostProfile?: string };
    appArmorProfile?: { type?: string; localhostProfile?: string };
    seLinuxOptions?: { type?: string; user?: string; role?: string; level?: string };
    sysctls?: { name: string; value: string }[];
    windowsOptions?: { hostProcess?: boolean; [key: string]: unknown };
    [key: string]: unknown;
}

/** A container, as far as the standards and the Istio injection read it. */
export interface Container {
    name: string;
    image?: string;
    ports?: { containerPort?: number; hostPort?: number; name?: string; protocol?: string; [key: string]: unknown }[];
    securityContext?: SecurityContext;
    restartPolicy?: string;
    [key: string]: unknown;
}

/** A volume: its name and one source key (`emptyDir`, `hostPath`, `configMap`, …). */
export interface Volume {
    name: string;
    [source: string]: unknown;
}

/** A pod spec, as far as the standards read it. */
export interface PodSpec {
    containers?: Container[];
    initContainers?: Container[];
    ephemeralContainers?: Container[];
    volumes?: Volume[];
    securityContext?: PodSecurityContext;
    hostNetwork?: boolean;
    hostPID?: boolean;
    hostIPC?: boolean;
    os?: { name?: string };
    [key: string]: unknown;
}

/** A pod's metadata: the annotations carry the legacy AppArmor and seccomp settings. */
export interface PodMetadata {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
}

export interface CheckPodOptions {
    /** @default "restricted" */
    level?: PodSecurityLevel;
    /** The pod's metadata (annotations). @default {} */
    metadata?: PodMetadata;
    /** Where the pod spec sits in its manifest, for the violations' paths. @default "spec" */
    path?: string;
}

/** The capabilities baseline allows a container to add (the container runtime's default set). */
export const BASELINE_CAPABILITIES: readonly string[] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/** The only capability restricted allows a container to add (after dropping ALL). */
export const RESTRICTED_CAPABILITIES: readonly string[] = ["NET_BIND_SERVICE"];

/** The "safe" sysctls baseline allows (namespaced, isolated from other pods). */
export const SAFE_SYSCTLS: readonly string[] = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];

/** The volume sources restricted allows; everything else (hostPath, nfs, awsElasticBlockStore, …) is forbidden. */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/** SELinux types baseline allows. */
export const ALLOWED_SELINUX_TYPES: readonly string[] = [
    "",
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

const CONTROLS: Record<PodSecurityRule, { control: string; level: PodSecurityLevel }> = {
    hostProcess: { control: "HostProcess", level: "baseline" },
    hostNamespaces: { control: "Host Namespaces", level: "baseline" },
    privileged: { control: "Privileged Containers", level: "baseline" },
    capabilities_baseline: { control: "Capabilities", level: "baseline" },
    hostPathVolumes: { control: "HostPath Volumes", level: "baseline" },
    hostPorts: { control: "Host Ports", level: "baseline" },
    appArmorProfile: { control: "AppArmor", level: "baseline" },
    seLinuxOptions: { control: "SELinux", level: "baseline" },
    procMount: { control: "/proc Mount Type", level: "baseline" },
    seccompProfile_baseline: { control: "Seccomp", level: "baseline" },
    sysctls: { control: "Sysctls", level: "baseline" },
    restrictedVolumes: { control: "Volume Types", level: "restricted" },
    allowPrivilegeEscalation: { control: "Privilege Escalation", level: "restricted" },
    runAsNonRoot: { control: "Running as Non-root", level: "restricted" },
    runAsUser: { control: "Running as Non-root user", level: "restricted" },
    seccompProfile_restricted: { control: "Seccomp", level: "restricted" },
    capabilities_restricted: { control: "Capabilities", level: "restricted" },
};

const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

function obj(v: unknown): Record<string, unknown> | undefined {
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function list(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

/** Every container of a pod with its path, init containers first. */
function containersOf(
    spec: Record<string, unknown>,
    base: string,
): { c: Record<string, unknown>; path: string; name: string }[] {
    const out: { c: Record<string, unknown>; path: string; name: string }[] = [];
    for (const key of CONTAINER_LISTS) {
        list(spec[key]).forEach((item, i) => {
            const c = obj(item);
            if (c) out.push({ c, path: joinPath(base, key, i), name: str(c.name) ?? `${key}[${i}]` });
        });
    }
    return out;
}

/**
 * Checks a pod spec against the Pod Security Standards' `level` (restricted includes baseline).
 * Returns every violation, each with the check id, the field's path and the reason; empty when
 * the pod would be admitted.
 */
export function checkPodSecurity(podSpec: PodSpec | unknown, options: CheckPodOptions = {}): PodSecurityViolation[] {
    const level = options.level ?? "restricted";
    const base = options.path ?? "spec";
    const spec = obj(podSpec) ?? {};
    const annotations = obj(obj(options.metadata)?.annotations) ?? {};
    const metaPath = base.endsWith("spec")
        ? `${base.slice(0, -"spec".length)}metadata.annotations`
        : "metadata.annotations";
    const out: PodSecurityViolation[] = [];
    const add = (rule: PodSecurityRule, path: string, message: string) => {
        const c = CONTROLS[rule];
        if (c.level === "restricted" && level !== "restricted") return;
        out.push({ rule, control: c.control, level: c.level, path, message });
    };
    const podSc = obj(spec.securityContext) ?? {};
    const podScPath = joinPath(base, "securityContext");
    const containers = containersOf(spec, base);
    const windows = str(obj(spec.os)?.name) === "windows";

    // HostProcess (Windows host access).
    if (obj(podSc.windowsOptions)?.hostProcess === true)
        add(
            "hostProcess",
            joinPath(podScPath, "windowsOptions.hostProcess"),
            "must be unset or false: HostProcess pods have privileged access to the Windows node",
        );
    for (const { c, path } of containers) {
        if (obj(obj(c.securityContext)?.windowsOptions)?.hostProcess === true) {
            add(
                "hostProcess",
                joinPath(path, "securityContext.windowsOptions.hostProcess"),
                "must be unset or false: HostProcess containers have privileged access to the Windows node",
            );
        }
    }

    // Host namespaces.
    for (const key of ["hostNetwork", "hostPID", "hostIPC"]) {
        if (spec[key] === true)
            add(
                "hostNamespaces",
                joinPath(base, key),
                "must be unset or false: sharing the host's namespaces is forbidden",
            );
    }

    // Privileged containers, capabilities (both levels), host ports, /proc mount, AppArmor, SELinux, seccomp.
    for (const { c, path, name } of containers) {
        const sc = obj(c.securityContext) ?? {};
        const scPath = joinPath(path, "securityContext");
        if (sc.privileged === true)
            add("privileged", joinPath(scPath, "privileged"), `container "${name}" must not be privileged`);
        const caps = obj(sc.capabilities) ?? {};
        const added = list(caps.add).map(String);
        const notBaseline = added.filter((cap) => !BASELINE_CAPABILITIES.includes(cap));
        if (notBaseline.length > 0) {
            add(
                "capabilities_baseline",
                joinPath(scPath, "capabilities.add"),
                `container "${name}" adds ${notBaseline.join(", ")}; baseline allows only ${BASELINE_CAPABILITIES.join(", ")}`,
            );
        }
        if (!windows) {
            const dropped = list(caps.drop).map(String);
            if (!dropped.includes("ALL"))
                add(
                    "capabilities_restricted",
                    joinPath(scPath, "capabilities.drop"),
                    `container "${name}" must drop ALL capabilities`,
                );
            const notRestricted = added.filter((cap) => !RESTRICTED_CAPABILITIES.includes(cap));
            if (notRestricted.length > 0) {
                add(
                    "capabilities_restricted",
                    joinPath(scPath, "capabilities.add"),
                    `container "${name}" adds ${notRestricted.join(", ")}; restricted allows adding only NET_BIND_SERVICE`,
                );
            }
        }
        list(c.ports).forEach((p, i) => {
            const hostPort = obj(p)?.hostPort;
            if (typeof hostPort === "number" && hostPort !== 0)
                add(
                    "hostPorts",
                    joinPath(path, "ports", i, "hostPort"),
                    `container "${name}" must not use host port ${hostPort}`,
                );
        });
        const procMount = str(sc.procMount);
        if (procMount !== undefined && procMount !== "Default")
            add(
                "procMount",
                joinPath(scPath, "procMount"),
                `container "${name}" must use the Default /proc mount (got ${procMount})`,
            );
        checkAppArmor(obj(sc.appArmorProfile), joinPath(scPath, "appArmorProfile.type"), `container "${name}"`, add);
        checkSeLinux(obj(sc.seLinuxOptions), joinPath(scPath, "seLinuxOptions"), `container "${name}"`, add);
        if (str(obj(sc.seccompProfile)?.type) === "Unconfined")
            add(
                "seccompProfile_baseline",
                joinPath(scPath, "seccompProfile.type"),
                `container "${name}" must not be Unconfined`,
            );
    }
    checkAppArmor(obj(podSc.appArmorProfile), joinPath(podScPath, "appArmorProfile.type"), "the pod", add);
    checkSeLinux(obj(podSc.seLinuxOptions), joinPath(podScPath, "seLinuxOptions"), "the pod", add);
    if (str(obj(podSc.seccompProfile)?.type) === "Unconfined")
        add("seccompProfile_baseline", joinPath(podScPath, "seccompProfile.type"), "the pod must not be Unconfined");
    for (const [key, value] of Object.entries(annotations)) {
        const v = String(value);
        if (
            key.startsWith("container.apparmor.security.beta.kubernetes.io/") &&
            v !== "runtime/default" &&
            !v.startsWith("localhost/")
        ) {
            add(
                "appArmorProfile",
                joinPath(metaPath, `[${JSON.stringify(key)}]`),
                `must be runtime/default or localhost/<profile> (got ${v})`,
            );
        }
        if (
            (key === "seccomp.security.alpha.kubernetes.io/pod" ||
                key.startsWith("container.seccomp.security.alpha.kubernetes.io/")) &&
            v === "unconfined"
        ) {
            add("seccompProfile_baseline", joinPath(metaPath, `[${JSON.stringify(key)}]`), "must not be unconfined");
        }
    }

    // Volumes: hostPath (baseline), any non-core type (restricted).
    list(spec.volumes).forEach((item, i) => {
        const vol = obj(item);
        if (!vol) return;
        const name = str(vol.name) ?? `volumes[${i}]`;
        const sources = Object.keys(vol).filter((k) => k !== "name" && vol[k] !== undefined && vol[k] !== null);
        for (const source of sources) {
            if (source === "hostPath")
                add(
                    "hostPathVolumes",
                    joinPath(base, "volumes", i, "hostPath"),
                    `volume "${name}" must not be a hostPath`,
                );
            if (!RESTRICTED_VOLUME_TYPES.includes(source)) {
                add(
                    "restrictedVolumes",
                    joinPath(base, "volumes", i, source),
                    `volume "${name}" is ${source}; restricted allows only ${RESTRICTED_VOLUME_TYPES.join(", ")}`,
                );
            }
        }
    });

    // Sysctls.
    list(podSc.sysctls).forEach((item, i) => {
        const name = str(obj(item)?.name) ?? "";
        if (!SAFE_SYSCTLS.includes(name))
            add(
                "sysctls",
                joinPath(podScPath, "sysctls", i, "name"),
                `sysctl ${name || "(unnamed)"} is not one of the safe sysctls (${SAFE_SYSCTLS.join(", ")})`,
            );
    });

    // Restricted: privilege escalation, non-root, non-zero uid, seccomp (with pod-level defaults).
    const podNonRoot = podSc.runAsNonRoot;
    if (podNonRoot === false)
        add(
            "runAsNonRoot",
            joinPath(podScPath, "runAsNonRoot"),
            "must be true (or unset with every container setting it)",
        );
    if (podSc.runAsUser === 0) add("runAsUser", joinPath(podScPath, "runAsUser"), "must not be 0 (root)");
    const podSeccomp = str(obj(podSc.seccompProfile)?.type);
    const podSeccompOk = podSeccomp === "RuntimeDefault" || podSeccomp === "Localhost";
    if (podSeccomp !== undefined && !podSeccompOk && podSeccomp !== "Unconfined" && !windows) {
        add(
            "seccompProfile_restricted",
            joinPath(podScPath, "seccompProfile.type"),
            `must be RuntimeDefault or Localhost (got ${podSeccomp})`,
        );
    }
    for (const { c, path, name } of containers) {
        const sc = obj(c.securityContext) ?? {};
        const scPath = joinPath(path, "securityContext");
        if (!windows && sc.allowPrivilegeEscalation !== false) {
            add(
                "allowPrivilegeEscalation",
                joinPath(scPath, "allowPrivilegeEscalation"),
                `container "${name}" must set allowPrivilegeEscalation to false (got ${sc.allowPrivilegeEscalation ?? "unset"})`,
            );
        }
        if (sc.runAsNonRoot === false)
            add(
                "runAsNonRoot",
                joinPath(scPath, "runAsNonRoot"),
                `container "${name}" must not set runAsNonRoot to false`,
            );
        else if (sc.runAsNonRoot !== true && podNonRoot !== true) {
            add(
                "runAsNonRoot",
                joinPath(scPath, "runAsNonRoot"),
                `container "${name}" must set runAsNonRoot to true, or the pod's securityContext must`,
            );
        }
        if (sc.runAsUser === 0)
            add("runAsUser", joinPath(scPath, "runAsUser"), `container "${name}" must not run as user 0 (root)`);
        if (!windows) {
            const type = str(obj(sc.seccompProfile)?.type);
            if (type === undefined) {
                if (!podSeccompOk)
                    add(
                        "seccompProfile_restricted",
                        joinPath(scPath, "seccompProfile.type"),
                        `container "${name}" must set seccompProfile.type to RuntimeDefault or Localhost, or the pod's securityContext must`,
                    );
            } else if (type !== "RuntimeDefault" && type !== "Localhost") {
                add(
                    "seccompProfile_restricted",
                    joinPath(scPath, "seccompProfile.type"),
                    `container "${name}" must use RuntimeDefault or Localhost (got ${type})`,
                );
            }
        }
    }
    return out;
}

type Add = (rule: PodSecurityRule, path: string, message: string) => void;

function checkAppArmor(profile: Record<string, unknown> | undefined, path: string, who: string, add: Add): void {
    const type = str(profile?.type);
    if (type !== undefined && type !== "RuntimeDefault" && type !== "Localhost")
        add(
            "appArmorProfile",
            path,
            `${who} must use the RuntimeDefault or a Localhost AppArmor profile (got ${type})`,
        );
}

function checkSeLinux(options: Record<string, unknown> | undefined, path: string, who: string, add: Add): void {
    if (!options) return;
    const type = str(options.type);
    if (type !== undefined && !ALLOWED_SELINUX_TYPES.includes(type))
        add(
            "seLinuxOptions",
            joinPath(path, "type"),
            `${who} sets SELinux type ${type}; allowed: ${ALLOWED_SELINUX_TYPES.filter(Boolean).join(", ")}`,
        );
    for (const key of ["user", "role"]) {
        const v = str(options[key]);
        if (v !== undefined && v !== "")
            add("seLinuxOptions", joinPath(path, key), `${who} must not set a custom SELinux ${key}`);
    }
}

/** A pod template found inside a workload manifest. */
export interface PodTemplate {
    metadata: PodMetadata;
    spec: PodSpec;
    /** Where `spec` sits in the manifest, e.g. `spec.template.spec` or `spec.jobTemplate.spec.template.spec`. */
    path: string;
}

/** The workload kinds whose pod template sits at `spec.template`. */
export const TEMPLATE_KINDS: readonly string[] = [
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
];

/**
 * The pod template of a manifest: a Pod itself, the template of a Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController or Job, the job template's of a CronJob, or a
 * PodTemplate's. `undefined` for any other kind or a manifest without a spec.
 */
export function podTemplateOf(manifest: unknown): PodTemplate | undefined {
    const m = obj(manifest);
    const kind = str(m?.kind);
    const spec = obj(m?.spec);
    if (!m || !kind) return undefined;
    if (kind === "Pod")
        return spec
            ? { metadata: (obj(m.metadata) ?? {}) as PodMetadata, spec: spec as PodSpec, path: "spec" }
            : undefined;
    if (kind === "PodTemplate") {
        const t = obj(m.template);
        const s = obj(t?.spec);
        return s
            ? { metadata: (obj(t?.metadata) ?? {}) as PodMetadata, spec: s as PodSpec, path: "template.spec" }
            : undefined;
    }
    let template: Record<string, unknown> | undefined;
    let path: string;
    if (kind === "CronJob") {
        template = obj(obj(obj(spec?.jobTemplate)?.spec)?.template);
        path = "spec.jobTemplate.spec.template.spec";
    } else if (TEMPLATE_KINDS.includes(kind)) {
        template = obj(spec?.template);
        path = "spec.template.spec";
    } else return undefined;
    const s = obj(template?.spec);
    return s ? { metadata: (obj(template?.metadata) ?? {}) as PodMetadata, spec: s as PodSpec, path } : undefined;
}

/** Checks the pod template of a workload manifest (see {@link podTemplateOf}); empty for kinds without one. */
export function checkWorkloadPodSecurity(
    manifest: unknown,
    level: PodSecurityLevel = "restricted",
): PodSecurityViolation[] {
    const t = podTemplateOf(manifest);
    return t ? checkPodSecurity(t.spec, { level, metadata: t.metadata, path: t.path }) : [];
}
