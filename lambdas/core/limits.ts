/** Size limits shared by the core, the CLI, the pipeline and the stack (a tiny module: cheap to import). */

/** 10 MB: far above any real article, low enough that a Lambda never loads a runaway file. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
