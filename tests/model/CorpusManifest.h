#pragma once
// Reads ../shared/corpus/MANIFEST.tsv for the conformance tests and benchmarks (test-only helper).
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QVector>

struct CorpusEntry {
    QString path;              // relative to the corpus root
    QString format;            // json | yaml
    QString kind;              // asl | container | unparsable
    bool jsonOk = false;
    QString expectedBySuite;   // valid | invalid | "" (validator suite only)
    bool aslValidatorValid = false;
    QString aslValidatorError;
};

/// $FLOWCAST_CORPUS, else ../shared/corpus beside the checkout; empty when neither exists.
inline QString corpusRoot() {
    const QString env = qEnvironmentVariable("FLOWCAST_CORPUS");
    if (!env.isEmpty()) return QDir(env).exists() ? env : QString();
    const QString shared = QString(FLOWCAST_SHARED_DIR) + "/corpus";
    return QDir(shared).exists("MANIFEST.tsv") ? QDir(shared).canonicalPath() : QString();
}

inline QVector<CorpusEntry> readManifest(const QString& root) {
    QVector<CorpusEntry> out;
    QFile f(root + "/MANIFEST.tsv");
    if (!f.open(QIODevice::ReadOnly)) return out;
    bool header = true;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).chopped(1);
        if (header) {
            header = false;
            continue;
        }
        const QStringList c = line.split('\t');
        if (c.size() < 6) continue;
        out.push_back({c[0], c[1], c[2], c[3] == "1", c[4], c[5] == "1", c.size() > 6 ? c[6] : QString()});
    }
    return out;
}
