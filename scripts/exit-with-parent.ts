// Preloaded (node --import) into Prism alone (./prism-cli.ts), the child process that comparisons start.
// Its parent opens an IPC channel to it; the operating system closes it when the parent dies, however
// it dies (SIGKILL included), and then the child exits too. No process outlives the one that started it.
if (process.channel) {
  process.on('disconnect', () => process.exit(0));
  // The channel alone must not keep the child alive once its own work is done.
  process.channel.unref();
}
