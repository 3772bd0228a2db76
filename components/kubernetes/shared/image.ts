export { type ImageReference, imageProblem, parseImage } from "../../../src/core/image";
