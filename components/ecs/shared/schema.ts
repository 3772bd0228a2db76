import { input, z } from "../../../src/core/shape";

/** Tags: plain keys, values that may be Outputs. */
export const tagsSchema = z.record(z.string(), input(z.string()));
