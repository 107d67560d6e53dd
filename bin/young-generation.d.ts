export declare const YOUNG_GENERATION: readonly string[];
export declare const LARGE_INPUT_BYTES: number;
export declare function inputBytes(args: readonly string[]): number;
export declare function needsYoungGeneration(args: readonly string[], execArgv: readonly string[]): boolean;
export declare function largeRunEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
