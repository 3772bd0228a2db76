/**
 * What Istio's sidecar injection adds to a pod, for a pinned Istio version: the facts read from
 * that release's injection template
 * (`manifests/charts/istio-control/istio-discovery/files/injection-template.yaml` in istio/istio at
 * the release tag) with the `istio-discovery` chart's default values (`global.proxy.privileged: false`,
 * `global.proxy.seccompProfile: {}`, interception mode REDIRECT, proxy uid/gid 1337,
 * `capNetBindService` off, `pilotCertProvider: istiod`).
 *
 * The part that decides admission under the restricted Pod Security Standard:
 * - without Istio CNI (`pilot.cni.enabled: false`), the init container `istio-init` programs
 *   iptables itself: it adds NET_ADMIN and NET_RAW and runs as user and group 0 with
 *   `runAsNonRoot: false`. Restricted rejects the pod.
 * - with Istio CNI, the node agent programs the pod's network; the init container becomes
 *   `istio-validation` (`--run-validation --skip-rule-apply`), drops ALL, adds nothing, and runs as
 *   1337 with `runAsNonRoot: true`.
 * - `istio-proxy` always drops ALL, forbids privilege escalation and runs as 1337, non-root,
 *   read-only root filesystem.
 * - none of the injected containers sets a seccomp profile (the chart's default is `{}`), so they
 *   pass restricted only when the pod's own securityContext sets RuntimeDefault or Localhost.
 *
 * Pure: returns a new pod spec, never touches its input.
 */
import type { Container, PodSpec, SecurityContext, Volume } from "./pod-security";

/**
 * The Istio minor versions whose injection templates were read for this module. Every release
 * from 1.28.0 to 1.29.6 has the same containers, security contexts and volumes in its template
 * (the differences are in resource quoting, `divisor` fields and the CRL ConfigMap's name).
 */
export const TRANSCRIBED_ISTIO_MINORS: readonly string[] = ["1.28", "1.29"];

/** The uid and gid the proxy runs as (the template's `.ProxyUID | default "1337"`). */
export const ISTIO_PROXY_UID = 1337;

export interface IstioInjectionOptions {
    /** The Istio release installed (`1.29.2`); its minor must be one of {@link TRANSCRIBED_ISTIO_MINORS}. */
    version: string;
    /**
     * Whether the Istio CNI node agent is installed and istiod knows it (`pilot.cni.enabled: true`).
     * Decides between `istio-init` (root, NET_ADMIN/NET_RAW) and `istio-validation` (non-root).
     */
    cni: boolean;
    /**
     * Whether istiod injects `istio-proxy` as a Kubernetes native sidecar (an init container with
     * `restartPolicy: Always`). Istio's default (`ENABLE_NATIVE_SIDECARS=auto`) does so when every
     * node's kubelet is 1.33 or newer. The security contexts are the same either way.
     * @default false
     */
    nativeSidecar?: boolean;
}

/** The error for a version whose template was not transcribed. */
export class UnsupportedIstioVersionError extends Error {}

/** Checks the version and returns its `docker.io/istio/proxyv2:<version>` image. */
function proxyImage(version: string): string {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    if (!m || !TRANSCRIBED_ISTIO_MINORS.includes(`${m[1]}.${m[2]}`)) {
        throw new UnsupportedIstioVersionError(
            `no injection template transcribed for Istio ${version}; known minors: ${TRANSCRIBED_ISTIO_MINORS.join(", ")} ` +
                "(read manifests/charts/istio-control/istio-discovery/files/injection-template.yaml at the release tag and add it)",
        );
    }
    return `docker.io/istio/proxyv2:${version}`;
}

/** The init container: `istio-init` without CNI, `istio-validation` with it. */
function initContainer(image: string, cni: boolean): Container {
    const args = [
        "istio-iptables",
        "-p",
        "15001",
        "-z",
        "15006",
        "-u",
        String(ISTIO_PROXY_UID),
        "-m",
        "REDIRECT",
        "-i",
        "*",
        "-x",
        "",
        "-b",
        "*",
        "-d",
        "15090,15021,15020",
        "--log_output_level=default:info",
    ];
    const securityContext: SecurityContext = cni
        ? {
              allowPrivilegeEscalation: false,
              privileged: false,
              capabilities: { drop: ["ALL"] },
              readOnlyRootFilesystem: true,
              runAsGroup: ISTIO_PROXY_UID,
              runAsUser: ISTIO_PROXY_UID,
              runAsNonRoot: true,
          }
        : {
              allowPrivilegeEscalation: false,
              privileged: false,
              capabilities: { add: ["NET_ADMIN", "NET_RAW"], drop: ["ALL"] },
              readOnlyRootFilesystem: false,
              runAsGroup: 0,
              runAsNonRoot: false,
              runAsUser: 0,
          };
    return {
        name: cni ? "istio-validation" : "istio-init",
        image,
        args: cni ? [...args, "--run-validation", "--skip-rule-apply"] : args,
        securityContext,
    };
}

/** The `istio-proxy` container (Envoy and the pilot agent). */
function proxyContainer(image: string, native: boolean): Container {
    const c: Container = {
        name: "istio-proxy",
        image,
        ports: [{ containerPort: 15090, protocol: "TCP", name: "http-envoy-prom" }],
        args: ["proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local"],
        startupProbe: {
            httpGet: { path: "/healthz/ready", port: 15021 },
            initialDelaySeconds: 0,
            periodSeconds: 1,
            timeoutSeconds: 3,
            failureThreshold: 600,
        },
        readinessProbe: {
            httpGet: { path: "/healthz/ready", port: 15021 },
            initialDelaySeconds: 0,
            periodSeconds: 15,
            timeoutSeconds: 3,
            failureThreshold: 4,
        },
        securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            privileged: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            runAsUser: ISTIO_PROXY_UID,
            runAsGroup: ISTIO_PROXY_UID,
        },
        volumeMounts: [
            { name: "workload-socket", mountPath: "/var/run/secrets/workload-spiffe-uds" },
            { name: "credential-socket", mountPath: "/var/run/secrets/credential-uds" },
            { name: "workload-certs", mountPath: "/var/run/secrets/workload-spiffe-credentials" },
            { name: "istiod-ca-cert", mountPath: "/var/run/secrets/istio" },
            { name: "istio-ca-crl", mountPath: "/var/run/secrets/istio/crl" },
            { name: "istio-data", mountPath: "/var/lib/istio/data" },
            { name: "istio-envoy", mountPath: "/etc/istio/proxy" },
            { name: "istio-token", mountPath: "/var/run/secrets/tokens" },
            { name: "istio-podinfo", mountPath: "/etc/istio/pod" },
        ],
    };
    if (native) c.restartPolicy = "Always";
    return c;
}

/**
 * The volumes the template adds. The template writes the first three as `- emptyDir:` with no
 * value (a volume with no source), which the API server defaults to an emptyDir; they are
 * rendered here as that emptyDir.
 */
function istioVolumes(): Volume[] {
    return [
        { name: "workload-socket", emptyDir: {} },
        { name: "credential-socket", emptyDir: {} },
        { name: "workload-certs", emptyDir: {} },
        { name: "istio-envoy", emptyDir: { medium: "Memory" } },
        { name: "istio-data", emptyDir: {} },
        {
            name: "istio-podinfo",
            downwardAPI: {
                items: [
                    { path: "labels", fieldRef: { fieldPath: "metadata.labels" } },
                    { path: "annotations", fieldRef: { fieldPath: "metadata.annotations" } },
                ],
            },
        },
        {
            name: "istio-token",
            projected: {
                sources: [
                    { serviceAccountToken: { path: "istio-token", expirationSeconds: 43200, audience: "istio-ca" } },
                ],
            },
        },
        { name: "istiod-ca-cert", configMap: { name: "istio-ca-root-cert" } },
        { name: "istio-ca-crl", configMap: { name: "istio-ca-crl", optional: true } },
    ];
}

/**
 * The pod spec as Istio's sidecar injector would leave it: the init container (`istio-init`, or
 * `istio-validation` with CNI) before the pod's own init containers, `istio-proxy` after its
 * containers (or, as a native sidecar, after the injected init container), and Istio's volumes
 * after the pod's own. The pod-level securityContext is kept as it is: the injector does not
 * change it.
 *
 * Throws {@link UnsupportedIstioVersionError} for a version whose template was not transcribed.
 */
export function injectIstioSidecar(podSpec: PodSpec, options: IstioInjectionOptions): PodSpec {
    const image = proxyImage(options.version);
    const native = options.nativeSidecar ?? false;
    const init = initContainer(image, options.cni);
    const proxy = proxyContainer(image, native);
    const ownInit = podSpec.initContainers ?? [];
    const own = podSpec.containers ?? [];
    return {
        ...podSpec,
        initContainers: native ? [init, proxy, ...ownInit] : [init, ...ownInit],
        containers: native ? [...own] : [...own, proxy],
        volumes: [...(podSpec.volumes ?? []), ...istioVolumes()],
    };
}
