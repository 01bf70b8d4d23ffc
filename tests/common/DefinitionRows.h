#pragma once
// Data rows shared by the UI tests that check something for every sample and every corpus
// definition (layout, labels): one "path" column, one row per file. Test-only; include inside a
// Qt Test's *_data() slot's translation unit.
#include "tests/common/SampleFiles.h"
#include "tests/model/CorpusManifest.h"

#include <QFileInfo>
#include <QtTest>

/// A "path" column with a row per samples/*/*.asl.json, named by file.
inline void addSampleRows() {
    QTest::addColumn<QString>("path");
    for (const QString& path : sampleDefinitionPaths())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

/// A "path" column with a row per corpus file that is JSON or YAML, named by its path in the
/// corpus; one empty row when the corpus is absent (the test then calls SKIP_WITHOUT_CORPUS).
inline void addCorpusRows() {
    QTest::addColumn<QString>("path");
    const QString root = corpusRoot();
    if (root.isEmpty()) {
        QTest::newRow("corpus absent") << QString();
        return;
    }
    for (const CorpusEntry& e : readManifest(root))
        if (e.kind != "unparsable") QTest::newRow(qPrintable(e.path)) << root + "/" + e.path;
}

/// In a test fed by addCorpusRows(): skips, saying why, when the corpus is absent.
#define SKIP_WITHOUT_CORPUS(path)                                                                  \
    do {                                                                                           \
        if ((path).isEmpty())                                                                      \
            QSKIP("corpus not found: set FLOWCAST_CORPUS or put ../shared/corpus beside the "      \
                  "checkout");                                                                     \
    } while (false)
