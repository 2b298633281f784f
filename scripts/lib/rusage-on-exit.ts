/** Preloaded by benchmarks (node --import): reports this process's peak memory when it exits. */
process.on('exit', () => {
  process.stderr.write(
    `\n@@rusage ${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`,
  );
});
