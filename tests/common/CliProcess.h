#pragma once
// Test helper: runs a command-line program and collects what a person would see.
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

struct CliRun {
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

inline CliRun runProgram(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    return {p.exitCode(), p.exitStatus() == QProcess::CrashExit,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// Writes JSON given with ' for " (QuotedJson's convention; the texts hold no real ') into
/// `dir/name` and returns the path.
template <class Dir>
inline QString writeQuotedJson(const Dir& dir, const QString& name, const QString& singleQuoted) {
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QString(singleQuoted).replace('\'', '"').toUtf8());
    return path;
}
