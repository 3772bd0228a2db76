// The mesh tier's public exports.
export {};
