import { VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1";
import { describe, expect, it } from "vitest";
import { undeclaredSpecFields } from "./upstream-fields";

describe("undeclaredSpecFields: the upstream Istio schemas, unknown keys included", () => {
    it("finds a misspelt field that the model's validate() lets through", () => {
        const spec = { hosts: ["web"], http: [{ route: [{ destination: { host: "web" } }], retries: { atempts: 3 } }] };
        expect(() => new VirtualService({ metadata: { name: "web" }, spec } as never).validate()).not.toThrow();
        expect(undeclaredSpecFields("VirtualService", spec)).toEqual(["spec.http[0].retries.atempts"]);
    });

    it("finds a field at the wrong level", () => {
        expect(
            undeclaredSpecFields("DestinationRule", { host: "web", outlierDetection: { consecutive5xxErrors: 5 } }),
        ).toEqual(["spec.outlierDetection"]);
    });

    it("accepts the keys of maps (header matches, label selectors) and of free-form objects", () => {
        expect(
            undeclaredSpecFields("VirtualService", {
                hosts: ["web"],
                http: [
                    {
                        match: [{ headers: { "x-beta": { exact: "true" } } }],
                        route: [{ destination: { host: "web" } }],
                    },
                ],
            }),
        ).toEqual([]);
        expect(
            undeclaredSpecFields("AuthorizationPolicy", { selector: { matchLabels: { app: "web" } }, action: "DENY" }),
        ).toEqual([]);
        // A header map's values are still checked.
        expect(
            undeclaredSpecFields("VirtualService", {
                http: [{ match: [{ headers: { "x-beta": { exactly: "true" } } }] }],
            }),
        ).toEqual(["spec.http[0].match[0].headers.x-beta.exactly"]);
    });

    it("refuses a kind it has no schema for", () => {
        expect(() => undeclaredSpecFields("Sidecar", {})).toThrow(/no upstream schema module for Sidecar/);
    });
});
