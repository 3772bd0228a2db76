import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { imageProblem, parseImage } from "../../../components/kubernetes/shared/image";
import { kubernetesName, labelKeyProblem, labelValueProblem } from "../../../components/kubernetes/shared/names";
import { cpuProblem, memoryProblem, parseQuantity } from "../../../components/kubernetes/shared/quantity";

describe("parseQuantity", () => {
    // Values from the Kubernetes "Quantity" reference: m = 1e-3, k/M/G = powers of 1000, Ki/Mi/Gi = powers of 1024.
    it.each([
        ["250m", 0.25],
        ["500m", 0.5],
        ["0.5", 0.5],
        ["1", 1],
        [".5", 0.5],
        ["2.", 2],
        ["256Mi", 256 * 1024 * 1024],
        ["512Mi", 512 * 1024 * 1024],
        ["1Gi", 1024 ** 3],
        ["1Ki", 1024],
        ["512M", 512e6],
        ["1k", 1000],
        ["1G", 1e9],
        ["1E", 1e18],
        ["1e3", 1000],
        ["1E3", 1000],
        ["5e-3", 0.005],
        ["100u", 1e-4],
        ["+2", 2],
        ["30", 30],
    ])("%s is %d", (text, value) => {
        expect(parseQuantity(text)?.value).toBeCloseTo(value, 12);
    });

    it.each(["", "abc", "1.5.5", "Mi", "1mi", "1KB", "1 Gi", "1e", "1Gi ", "-", "0x10", "1m1"])(
        "%j is not a quantity",
        (text) => {
            expect(parseQuantity(text)).toBeUndefined();
        },
    );

    it("binary suffixes are 1024 times the next smaller one", () => {
        const order = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
        for (let i = 1; i < order.length; i++) {
            expect(parseQuantity(`1${order[i]}`)!.value / parseQuantity(`1${order[i - 1]}`)!.value).toBe(1024);
        }
    });

    it("a whole number of mebibytes parses to that many times 2^20 bytes", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => parseQuantity(`${n}Mi`)?.value === n * 2 ** 20),
        );
    });

    it("millicores parse to a thousandth of a core", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 0, max: 1_000_000 }),
                (n) => Math.abs(parseQuantity(`${n}m`)!.value - n / 1000) < 1e-9,
            ),
        );
    });
});

describe("CPU and memory quantities", () => {
    it("accepts the usual CPU forms", () => {
        for (const ok of ["250m", "0.5", "1", "2", "1500m", "0.001"]) expect(cpuProblem(ok)).toBeUndefined();
    });
    it("rejects CPU that is not a quantity or below 1m", () => {
        expect(cpuProblem("two")).toMatch(/CPU quantity/);
        expect(cpuProblem("0")).toMatch(/at least 1m/);
        expect(cpuProblem("0.0001")).toMatch(/at least 1m/);
        expect(cpuProblem("-1")).toMatch(/at least 1m/);
    });
    it("accepts the usual memory forms", () => {
        for (const ok of ["256Mi", "1Gi", "512M", "128974848", "129e6"]) expect(memoryProblem(ok)).toBeUndefined();
    });
    it("rejects milli-bytes, which is the usual typo for Mi", () => {
        expect(memoryProblem("256m")).toMatch(/milli-bytes/);
        expect(memoryProblem("256MB")).toMatch(/memory quantity/);
    });
});

describe("image references", () => {
    it.each([
        ["nginx:1.21", { path: "nginx", tag: "1.21" }],
        ["library/nginx:1.21-alpine", { path: "library/nginx", tag: "1.21-alpine" }],
        ["registry.example.com/team/app:2.3.1", { domain: "registry.example.com", path: "team/app", tag: "2.3.1" }],
        ["host:5000/app:v1", { domain: "host:5000", path: "app", tag: "v1" }],
        ["localhost/app:v1", { domain: "localhost", path: "app", tag: "v1" }],
        [
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:abc123",
            { domain: "123456789012.dkr.ecr.us-east-1.amazonaws.com", path: "web", tag: "abc123" },
        ],
        [`app@sha256:${"a".repeat(64)}`, { path: "app", digest: `sha256:${"a".repeat(64)}` }],
    ])("%s parses", (image, expected) => {
        expect(parseImage(image)).toEqual({ domain: undefined, tag: undefined, digest: undefined, ...expected });
    });

    it("a registry port is not a tag: host:5000/app is untagged", () => {
        expect(parseImage("host:5000/app")).toEqual({
            domain: "host:5000",
            path: "app",
            tag: undefined,
            digest: undefined,
        });
        expect(imageProblem("host:5000/app")).toMatch(/tag or a digest/);
        expect(imageProblem("host:5000/app:1.0")).toBeUndefined();
    });

    it("rejects untagged and latest, accepts pinned tags and digests", () => {
        expect(imageProblem("nginx")).toMatch(/tag or a digest/);
        expect(imageProblem("nginx:latest")).toMatch(/"latest"/);
        expect(imageProblem("nginx:1.21")).toBeUndefined();
        expect(imageProblem(`nginx:latest@sha256:${"0".repeat(64)}`)).toBeUndefined();
    });

    it.each([
        "",
        "NGINX:1.0",
        "nginx:",
        "nginx:-bad",
        "nginx@sha256:abc",
        "a//b:1",
        "nginx:1.0 ",
        `x:${"t".repeat(129)}`,
    ])("%j is not an image reference", (image) => {
        expect(imageProblem(image)).toMatch(/must be an image reference/);
    });
});

describe("Kubernetes names and labels", () => {
    it("derives an RFC 1035 label from the component name", () => {
        expect(kubernetesName("web-app")).toBe("web-app");
        expect(kubernetesName("Web_App")).toBe("web-app");
        expect(kubernetesName("9lives")).toBe("app-9lives");
        expect(kubernetesName("___")).toMatch(/^app-[0-9a-f]{7}$/);
    });

    it("every derived name is a valid Service name of at most 63 characters", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 120 }), (name) => {
                const n = kubernetesName(name);
                return n.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(n);
            }),
        );
    });

    it("long names stay distinct", () => {
        const a = kubernetesName(`${"x".repeat(70)}-a`);
        const b = kubernetesName(`${"x".repeat(70)}-b`);
        expect(a).not.toBe(b);
        expect(a.length).toBe(63);
    });

    it("checks label keys and values", () => {
        expect(labelKeyProblem("app")).toBeUndefined();
        expect(labelKeyProblem("app.kubernetes.io/name")).toBeUndefined();
        expect(labelKeyProblem("Bad Key")).toMatch(/label key/);
        expect(labelKeyProblem("UPPER.example/x")).toMatch(/label key/);
        expect(labelKeyProblem("x".repeat(64))).toMatch(/label key/);
        expect(labelValueProblem("v1")).toBeUndefined();
        expect(labelValueProblem("")).toBeUndefined();
        expect(labelValueProblem("-v1")).toMatch(/label value/);
        expect(labelValueProblem("v".repeat(64))).toMatch(/label value/);
    });
});
