// The entry point. Worker processes cap glibc's malloc arenas here, on the main thread before
// Swift's runtime has started any other thread: arenas made before the cap stay (see MallocArenas).
if CommandLine.arguments.dropFirst().first == "worker" {
    MallocArenas.limit()
}
await PensionPay.runAsRoot()
