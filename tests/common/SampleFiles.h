#pragma once
// Files the UI tests share: every sample definition, and a small CloudFormation template (a
// read-only document in the editor). Test-only.
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

/// Every samples/*/*.asl.json, in folder order, as absolute paths.
inline QStringList sampleDefinitionPaths() {
    QStringList paths;
    const QDir dir(QString(FLOWCAST_SOURCE_DIR) + "/samples");
    for (const QString& sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        for (const QString& f : QDir(dir.filePath(sub)).entryList({"*.asl.json"}, QDir::Files))
            paths << dir.filePath(sub + "/" + f);
    return paths;
}

/// Writes `stack.json` in `dir`: a template holding one state machine with one Succeed state.
/// Returns its path, or an empty string when it cannot be written.
inline QString writeOneStateTemplate(const QDir& dir) {
    const QString path = dir.filePath(QStringLiteral("stack.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write("{\"Resources\": {\"Flow\": {\"Type\": \"AWS::StepFunctions::StateMachine\", "
               "\"Properties\": {\"Definition\": {\"StartAt\": \"A\", \"States\": "
               "{\"A\": {\"Type\": \"Succeed\"}}}}}}}");
    return path;
}
