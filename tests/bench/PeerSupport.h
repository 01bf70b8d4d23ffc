#pragma once
// What the benchmarks that time a Node peer in the same run share: running a shell command and
// finding where ../shared/peers/peer installed the tools. Bench-only.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

/// Runs `command` through the shell and returns what it printed on stdout.
inline std::string runCommand(const std::string& command) {
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buf[4096];
        while (std::size_t n = fread(buf, 1, sizeof buf, p))
            out.append(buf, n);
        pclose(p);
    }
    return out;
}

/// Where ../shared/peers/peer installs the Node tools: $FLOWCAST_PEERS_DIR, else
/// ~/.cache/flowcast-peers (the peer script's own rule).
inline std::filesystem::path peersDirectory() {
    const char* home = std::getenv("HOME");
    const char* dirEnv = std::getenv("FLOWCAST_PEERS_DIR");
    return dirEnv ? std::filesystem::path(dirEnv)
                  : std::filesystem::path(home ? home : "/root") / ".cache/flowcast-peers";
}
