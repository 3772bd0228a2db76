// The shared scaling vocabulary (issue 3).
export {};
