#include "ui/session/Autosave.h"

#include "model/document/ProjectFile.h"
#include "ui/session/DefinitionSession.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace flowcast::ui {

Autosave::Autosave(DefinitionSession& session, QString directory, int delayMs, QObject* parent)
    : QObject(parent), m_session(session), m_directory(std::move(directory)) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(delayMs);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::writeNow);
    connect(&m_session, &DefinitionSession::contentChanged, this, &Autosave::onChanged);
    connect(&m_session, &DefinitionSession::layoutChanged, this, &Autosave::onChanged);
    connect(&m_session, &DefinitionSession::projectChanged, this, &Autosave::onChanged);
    connect(&m_session, &DefinitionSession::modifiedChanged, this, &Autosave::onModifiedChanged);
    connect(&m_session, &DefinitionSession::saved, this, &Autosave::discard);
}

Autosave::~Autosave() = default;

QString Autosave::recoveryFile() const {
    // One file per document: the path's digest (an untitled document has its own name).
    const QString key =
        m_session.path().isEmpty()
            ? QStringLiteral("untitled")
            : QString::fromLatin1(
                  QCryptographicHash::hash(QFileInfo(m_session.path()).absoluteFilePath().toUtf8(),
                                           QCryptographicHash::Sha1)
                      .toHex()
                      .left(16));
    return QDir(m_directory).filePath(key + QStringLiteral(".flowcast.json"));
}

bool Autosave::writeNow() {
    m_timer.stop();
    if (!m_session.isModified() || !m_session.isEditable()) return false;
    if (!QDir().mkpath(m_directory)) return false;
    model::Project project = m_session.project();
    project.other["recovery"] = {
        {"source", m_session.path().isEmpty()
                       ? std::string()
                       : QFileInfo(m_session.path()).absoluteFilePath().toStdString()},
        {"savedAt", QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()}};
    const QString file = recoveryFile();
    if (!model::ProjectFile::write(file.toStdString(), project).empty()) return false;
    if (!m_written.isEmpty() && m_written != file)
        QFile::remove(m_written); // the document was saved under another name meanwhile
    m_written = file;
    return true;
}

void Autosave::discard() {
    m_timer.stop();
    if (!m_written.isEmpty()) QFile::remove(m_written);
    QFile::remove(recoveryFile());
    m_written.clear();
}

QList<Autosave::Recovery> Autosave::pending(const QString& directory) {
    QList<Recovery> out;
    const QStringList files =
        QDir(directory).entryList({QStringLiteral("*.flowcast.json")}, QDir::Files);
    for (const QString& name : files) {
        const QString file = QDir(directory).filePath(name);
        const model::ProjectReadResult read = model::ProjectFile::read(file.toStdString());
        if (!read.project || !read.project->other.contains("recovery")) continue;
        // A damaged note is skipped (never a crash at start); the file stays for the user.
        const model::Json& note = read.project->other["recovery"];
        const auto text = [&note](const char* key) {
            const auto it = note.is_object() ? note.find(key) : note.end();
            return it != note.end() && it->is_string() ? QString::fromStdString(*it) : QString();
        };
        const QDateTime savedAt = QDateTime::fromString(text("savedAt"), Qt::ISODate);
        if (!note.is_object() || !savedAt.isValid()) continue;
        out.push_back({file, text("source"), savedAt});
    }
    std::sort(out.begin(), out.end(),
              [](const Recovery& a, const Recovery& b) { return a.savedAt > b.savedAt; });
    return out;
}

void Autosave::onChanged() {
    if (m_session.isModified()) m_timer.start();
}

void Autosave::onModifiedChanged(bool modified) {
    if (modified) {
        m_timer.start();
        return;
    }
    // Undone back to the file, or another file opened: only what this run wrote goes. A recovery
    // file left by an earlier run stays until the user saves or discards that work.
    m_timer.stop();
    if (!m_written.isEmpty()) QFile::remove(m_written);
    m_written.clear();
}

} // namespace flowcast::ui
