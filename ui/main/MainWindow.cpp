#include "ui/main/MainWindow.h"

#include "ui/diagnostics/DiagnosticsPanel.h"
#include "ui/main/RecentFiles.h"
#include "ui/session/DefinitionSession.h"
#include "ui/tree/StateTreeView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>

namespace flowcast::ui {
namespace {

// The first local file among dropped URLs; empty when there is none.
QString droppedFile(const QMimeData* mime) {
    if (!mime || !mime->hasUrls()) return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile()) return url.toLocalFile();
    return {};
}

QString geometryKey() {
    return QStringLiteral("window/geometry");
}
QString splitterKey() {
    return QStringLiteral("window/splitter");
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<QSettings> settings, QWidget* parent)
    : QMainWindow(parent), m_settings(std::move(settings)),
      m_recent(std::make_unique<RecentFiles>(*m_settings)), m_session(new DefinitionSession(this)) {
    m_tree = new StateTreeView(*m_session);
    m_tree->setObjectName(QStringLiteral("stateTree"));
    m_diagnostics = new DiagnosticsPanel(*m_session);
    m_diagnostics->setObjectName(QStringLiteral("diagnosticsPanel"));

    // The tree (later the canvas) takes most of the height; the problem list keeps ~8 rows.
    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_diagnostics);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    createMenus();
    createStatusBar();
    setAcceptDrops(true);

    connect(m_session, &DefinitionSession::documentLoaded, this, &MainWindow::onSessionChanged);
    connect(m_session, &DefinitionSession::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_diagnostics, &DiagnosticsPanel::diagnosticActivated, m_tree,
            [this] { m_tree->setFocus(Qt::OtherFocusReason); });

    resize(1280, 800);
    m_splitter->setSizes({540, 200});
    restoreLayout();
    onSessionChanged();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open\u2026"), this, &MainWindow::onOpenTriggered);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setToolTipsVisible(true);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    m_reloadAction = file->addAction(tr("Re&load"), this, &MainWindow::reload);
    m_reloadAction->setShortcut(QKeySequence(Qt::Key_F5));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Flowcast"), this, &MainWindow::onAboutTriggered);
    rebuildRecentMenu();
}

void MainWindow::createStatusBar() {
    m_statesLabel = new QLabel;
    m_summaryLabel = new QLabel;
    m_summaryLabel->setObjectName(QStringLiteral("statusSummary"));
    m_statesLabel->setContentsMargins(8, 0, 8, 0);
    m_summaryLabel->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(m_statesLabel);
    statusBar()->addPermanentWidget(m_summaryLabel);
}

void MainWindow::restoreLayout() {
    const QByteArray geometry = m_settings->value(geometryKey()).toByteArray();
    if (!geometry.isEmpty()) restoreGeometry(geometry);
    const QByteArray splitter = m_settings->value(splitterKey()).toByteArray();
    if (!splitter.isEmpty()) m_splitter->restoreState(splitter);
}

QString MainWindow::statusSummary() const {
    return m_summaryLabel->text();
}

bool MainWindow::openFile(const QString& path) {
    if (path.isEmpty()) return false;
    const bool ok = m_session->open(path);
    // A file that exists but does not parse stays in the list: it is the one being fixed.
    if (QFileInfo(path).isFile()) m_recent->add(path);
    rebuildRecentMenu();
    return ok;
}

void MainWindow::reload() {
    m_session->reload();
}

void MainWindow::onOpenTriggered() {
    QString dir = QFileInfo(m_session->path()).absolutePath();
    if (m_session->path().isEmpty()) dir = QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open State Machine"), dir,
        tr("State machines (*.asl.json *.asl.yaml *.asl.yml *.json *.yaml *.yml);;All files (*)"));
    openFile(path);
}

void MainWindow::onAboutTriggered() {
    QMessageBox::about(
        this, tr("About Flowcast"),
        tr("<h3>Flowcast %1</h3><p>Design, simulate and price AWS Step Functions pipelines.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::onSessionChanged() {
    const bool hasFile = !m_session->path().isEmpty();
    setWindowTitle(hasFile ? tr("%1 \u2014 Flowcast").arg(m_session->fileName())
                           : QStringLiteral("Flowcast"));
    m_reloadAction->setEnabled(hasFile);
    m_summaryLabel->setText(
        hasFile ? DiagnosticsPanel::summary(m_session->errorCount(), m_session->warningCount())
                : QString());
    const auto states = m_session->stateCount();
    m_statesLabel->setText(m_session->hasDocument()
                               ? (states == 1 ? tr("1 state") : tr("%1 states").arg(states))
                               : QString());
}

void MainWindow::onLoadFailed(const QString& message) {
    onSessionChanged();
    statusBar()->showMessage(message, 10000);
}

void MainWindow::rebuildRecentMenu() {
    // The action that triggered a rebuild may be one of these: delete them later, not now.
    for (QAction* action : m_recentMenu->actions()) {
        m_recentMenu->removeAction(action);
        action->deleteLater();
    }
    const QStringList files = m_recent->files();
    for (int i = 0; i < files.size(); ++i) {
        const QString& file = files[i];
        QAction* action = m_recentMenu->addAction(QStringLiteral("&%1  %2").arg(
            i + 1 < 10 ? QString::number(i + 1) : QStringLiteral("0"), QFileInfo(file).fileName()));
        action->setToolTip(QDir::toNativeSeparators(file));
        action->setData(file);
        connect(action, &QAction::triggered, this, [this, file] { openFile(file); });
    }
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear Recent Files"), this, [this] {
            m_recent->clear();
            rebuildRecentMenu();
        });
    }
    m_recentMenu->menuAction()->setEnabled(!files.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!droppedFile(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString file = droppedFile(event->mimeData());
    if (file.isEmpty()) return;
    event->acceptProposedAction();
    openFile(file);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_settings->setValue(geometryKey(), saveGeometry());
    m_settings->setValue(splitterKey(), m_splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace flowcast::ui
