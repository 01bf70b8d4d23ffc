#pragma once
// The files opened lately, most recent first, kept in the QSettings the window was given (never
// the application's default settings, so tests and several windows stay apart). At most
// kMaxFiles; files that no longer exist are dropped whenever the list is read.
#include <QString>
#include <QStringList>

class QSettings;

namespace flowcast::ui {

class RecentFiles {
public:
    static constexpr int kMaxFiles = 10;

    explicit RecentFiles(QSettings& settings);

    /// Absolute paths, most recent first; drops (and forgets) files that no longer exist.
    QStringList files();
    /// Puts `path` first (made absolute; a second entry for the same file is removed).
    void add(const QString& path);
    void clear();

private:
    QStringList stored() const;
    void store(const QStringList& files);

    QSettings& m_settings;
};

} // namespace flowcast::ui
