#pragma once
// Autosave and crash recovery. While the session's document is modified, a few seconds after the
// last change the whole project (definition, layout, other sections) is written atomically to a
// recovery file named after the document's path, beside a note of that path and the time. Saving,
// or closing without changes, removes it. At start the window asks about any recovery file left
// behind: one exists only when Flowcast stopped with unsaved work.
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

namespace flowcast::ui {

class DefinitionSession;

class Autosave : public QObject {
    Q_OBJECT
public:
    struct Recovery {
        QString file;   ///< the recovery project
        QString source; ///< the document it is for; empty for an untitled one
        QDateTime savedAt;
    };

    /// `directory` holds the recovery files (created when needed).
    Autosave(DefinitionSession& session, QString directory, int delayMs = 5000,
             QObject* parent = nullptr);
    ~Autosave() override;

    /// The recovery file for the session's current document.
    QString recoveryFile() const;
    /// Writes the recovery file now when the document is modified; true when written.
    bool writeNow();
    /// Removes the current document's recovery file (after a save, or when the user discards the
    /// changes).
    void discard();

    /// Recovery files in `directory`, newest first; unreadable ones are skipped.
    static QList<Recovery> pending(const QString& directory);

private slots:
    void onChanged();
    void onModifiedChanged(bool modified);

private:
    DefinitionSession& m_session;
    QString m_directory;
    QString m_written; ///< the recovery file last written, removed when work is saved
    QTimer m_timer;
};

} // namespace flowcast::ui
