// The lambda tier's public exports.
export {};
