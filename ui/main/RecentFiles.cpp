#include "ui/main/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace flowcast::ui {
namespace {
QString settingsKey() {
    return QStringLiteral("recentFiles");
}
} // namespace

RecentFiles::RecentFiles(QSettings& settings) : m_settings(settings) {}

QStringList RecentFiles::stored() const {
    return m_settings.value(settingsKey()).toStringList();
}

void RecentFiles::store(const QStringList& files) {
    m_settings.setValue(settingsKey(), files);
    m_settings.sync();
}

QStringList RecentFiles::files() {
    const QStringList all = stored();
    QStringList existing;
    for (const QString& file : all)
        if (QFileInfo(file).isFile()) existing << file;
    if (existing != all) store(existing);
    return existing;
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = stored();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxFiles)
        list.removeLast();
    store(list);
}

void RecentFiles::clear() {
    store({});
}

} // namespace flowcast::ui
