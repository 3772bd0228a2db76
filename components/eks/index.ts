// The eks tier's public exports.
export {};
