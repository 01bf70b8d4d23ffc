#include "ui/main/MainWindow.h"

#include "model/document/StateCatalog.h"
#include "model/document/StateEdits.h"
#include "ui/canvas/CanvasScene.h"
#include "ui/canvas/CanvasView.h"
#include "ui/canvas/DiagramExport.h"
#include "ui/code/CodeView.h"
#include "ui/config/ConfigView.h"
#include "ui/diagnostics/DiagnosticsPanel.h"
#include "ui/inspector/InspectorView.h"
#include "ui/main/RecentFiles.h"
#include "ui/palette/PaletteView.h"
#include "ui/session/Autosave.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/CompareView.h"
#include "ui/simulate/ScenarioView.h"
#include "ui/simulate/SimulateView.h"
#include "ui/tree/StateTreeView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <functional>

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

    m_scene = new CanvasScene(*m_session, this);
    m_canvas = new CanvasView(m_scene);
    m_canvas->setObjectName(QStringLiteral("canvas"));

    // The canvas takes most of the room; the outline tree sits at its left, the problem list
    // keeps ~8 rows below.
    m_palette = new PaletteView(model::StateCatalog::builtIn());
    m_palette->setObjectName(QStringLiteral("palette"));
    connect(m_palette, &PaletteView::entryActivated, this,
            [this](const QString& id) { m_scene->addCatalogEntry(id.toStdString()); });
    auto* left = new QSplitter(Qt::Vertical);
    left->addWidget(m_palette);
    left->addWidget(m_tree);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    // The three modes of Workflow Studio: Design (canvas and inspector), Code, Config.
    m_inspector = new InspectorView(*m_session);
    m_inspector->setObjectName(QStringLiteral("inspector"));
    auto* design = new QSplitter(Qt::Horizontal);
    design->addWidget(m_canvas);
    design->addWidget(m_inspector);
    design->setStretchFactor(0, 3);
    design->setStretchFactor(1, 1);
    design->setSizes({760, 340});
    m_code = new CodeView(*m_session);
    m_code->setObjectName(QStringLiteral("code"));
    m_config = new ConfigView(*m_session);
    m_config->setObjectName(QStringLiteral("config"));
    m_modes = new QTabWidget;
    m_modes->setObjectName(QStringLiteral("modes"));
    m_modes->setDocumentMode(true);
    m_modes->addTab(design, tr("Design"));
    m_modes->addTab(m_code, tr("Code"));
    m_modes->addTab(m_config, tr("Config"));
    // Beyond Workflow Studio: the project's scenario simulated, and its deployments compared.
    m_scenario = new ScenarioView(*m_session);
    m_scenario->setObjectName(QStringLiteral("scenario"));
    m_simulate = new SimulateView(*m_session);
    m_simulate->setObjectName(QStringLiteral("simulate"));
    m_compare = new CompareView(*m_session);
    m_compare->setObjectName(QStringLiteral("compare"));
    m_modes->addTab(m_scenario, tr("Scenario"));
    m_modes->addTab(m_simulate, tr("Simulate"));
    m_modes->addTab(m_compare, tr("Compare"));
    connect(m_modes, &QTabWidget::currentChanged, this, &MainWindow::onModeChanged);
    m_outline = new QSplitter(Qt::Horizontal);
    m_outline->addWidget(left);
    m_outline->addWidget(m_modes);
    m_outline->setStretchFactor(0, 1);
    m_outline->setStretchFactor(1, 4);
    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->addWidget(m_outline);
    m_splitter->addWidget(m_diagnostics);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 0); // the problem list keeps its height; the canvas grows
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    // Recovery files live beside the settings (~/.config/Flowcast/recovery for the application,
    // a temporary directory in tests).
    m_autosave = new Autosave(
        *m_session, QFileInfo(m_settings->fileName()).absolutePath() + QStringLiteral("/recovery"),
        5000, this);

    createMenus();
    createRunMenu();
    createStatusBar();
    setAcceptDrops(true);

    connect(m_session, &DefinitionSession::contentChanged, this, &MainWindow::onSessionChanged);
    // Fitted once the window has its size (the first open happens before it is shown).
    connect(m_session, &DefinitionSession::documentLoaded, m_canvas,
            [this] { QTimer::singleShot(0, m_canvas, &CanvasView::fitToWindow); });
    connect(m_session, &DefinitionSession::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_session, &DefinitionSession::editFailed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_session, &DefinitionSession::saveFailed, this, [this](const QString& message) {
        QMessageBox::warning(this, tr("Not saved"), message);
    });
    connect(m_session, &DefinitionSession::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_diagnostics, &DiagnosticsPanel::diagnosticActivated, m_tree,
            [this] { m_tree->setFocus(Qt::OtherFocusReason); });

    resize(1280, 800);
    m_splitter->setSizes({560, 180});
    m_outline->setSizes({260, 1020});
    restoreLayout();
    onSessionChanged();
}

MainWindow::~MainWindow() {
    // The views observe the session, so they go first (children die in creation order, and the
    // session was created before them).
    delete takeCentralWidget();
    delete m_scene;
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, [this] {
        if (confirmDiscard()) m_session->newDocument();
    });
    QAction* open = file->addAction(tr("&Open\u2026"), this, &MainWindow::onOpenTriggered);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setToolTipsVisible(true);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    m_reloadAction = file->addAction(tr("Re&load"), this, &MainWindow::reload);
    m_reloadAction->setShortcut(QKeySequence(Qt::Key_F5));
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { save(); });
    file->addAction(tr("Save &As\u2026"), QKeySequence::SaveAs, this, [this] { saveAs(); });
    file->addAction(tr("&Export ASL\u2026"), QKeySequence(tr("Ctrl+E")), this,
                    &MainWindow::onExportTriggered);
    file->addAction(tr("Export &Diagram\u2026"), this, [this] {
        const QString base = m_session->path().isEmpty()
                                 ? QDir::homePath() + QStringLiteral("/diagram")
                                 : QFileInfo(m_session->path()).absolutePath() + QLatin1Char('/') +
                                       QFileInfo(m_session->path()).fileName().section('.', 0, 0);
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export Diagram"), base + QStringLiteral(".png"),
                                         tr("PNG image (*.png);;SVG drawing (*.svg)"));
        if (path.isEmpty()) return;
        const QString error = exportDiagram(*m_scene, path);
        if (error.isEmpty())
            statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
        else
            QMessageBox::warning(this, tr("Not exported"), error);
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    // One history: text typed in the Code mode is committed first, then undone with the rest.
    m_undoAction = edit->addAction(tr("&Undo"), QKeySequence::Undo, this, [this] {
        if (m_modes->currentWidget() == m_code) m_code->commitNow();
        m_session->document().undo();
    });
    m_redoAction = edit->addAction(tr("&Redo"), QKeySequence(tr("Ctrl+Shift+Z")), this, [this] {
        if (m_modes->currentWidget() == m_code) m_code->commitNow();
        m_session->document().redo();
    });
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), QKeySequence::Cut, this, [this] {
        if (m_scene->copySelection()) m_scene->deleteSelection();
    });
    edit->addAction(tr("&Copy"), QKeySequence::Copy, m_scene, &CanvasScene::copySelection);
    edit->addAction(tr("&Paste"), QKeySequence::Paste, m_scene, &CanvasScene::paste);
    QAction* duplicate = edit->addAction(tr("D&uplicate"), QKeySequence(tr("Ctrl+D")), m_scene,
                                         &CanvasScene::duplicateSelection);
    QAction* remove = edit->addAction(tr("&Delete"), QKeySequence::Delete, m_scene,
                                      &CanvasScene::deleteSelection);
    QAction* start =
        edit->addAction(tr("Set as &Start State"), m_scene, &CanvasScene::makeSelectedStart);
    start->setObjectName(QStringLiteral("setStartState"));
    QAction* rename = edit->addAction(tr("Re&name\u2026"), QKeySequence(Qt::Key_F2), this,
                                      &MainWindow::onRenameTriggered);
    // The same on the canvas's right-click menu, where a designer looks for them.
    m_canvas->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_canvas->addActions({start, rename, duplicate, remove});
    edit->addAction(tr("&Find State\u2026"), QKeySequence::Find, this,
                    &MainWindow::onFindTriggered);
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this, [this] {
        for (QGraphicsItem* item : m_scene->items())
            if (item->flags() & QGraphicsItem::ItemIsSelectable) item->setSelected(true);
    });
    edit->addAction(tr("Re-&layout"), QKeySequence(tr("Ctrl+L")), m_scene, &CanvasScene::relayout);
    connect(edit, &QMenu::aboutToShow, this, &MainWindow::updateEditActions);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_canvas, &CanvasView::zoomIn);
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_canvas, &CanvasView::zoomOut);
    view->addAction(tr("&Actual Size"), QKeySequence(tr("Ctrl+1")), m_canvas,
                    &CanvasView::resetZoom);
    view->addAction(tr("&Fit to Window"), QKeySequence(tr("Ctrl+0")), m_canvas,
                    &CanvasView::fitToWindow);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Flowcast"), this, &MainWindow::onAboutTriggered);
    rebuildRecentMenu();
}

void MainWindow::setMode(int mode) {
    m_modes->setCurrentIndex(mode);
}

int MainWindow::mode() const {
    return m_modes->currentIndex();
}

void MainWindow::onModeChanged(int mode) {
    // Leaving the Code mode: what was typed is applied, or, when the JSON is broken, kept as
    // text while the other modes show the last valid definition; the status bar says where.
    if (mode != CodeMode && m_code->hasPendingCommit()) m_code->commitNow();
    if (mode != CodeMode && m_code->hasSyntaxError())
        statusBar()->showMessage(tr("The code has a syntax error (%1); the other modes show the "
                                    "last valid definition. The text is kept in the Code mode.")
                                     .arg(m_code->syntaxErrorMessage()),
                                 15000);
    // The palette and the outline serve the editing modes; the plots want the room.
    m_outline->widget(0)->setVisible(mode < ScenarioMode);
    m_diagnostics->setVisible(mode < ScenarioMode);
}

void MainWindow::onRenameTriggered() {
    const std::vector<std::string> selected = m_scene->selectedStates();
    if (selected.size() != 1) return;
    const std::string pointer = selected.front();
    const QString old = QString::fromStdString(m_scene->node(pointer)->state->name);
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename State"), tr("Name:"), QLineEdit::Normal, old, &ok);
    if (!ok || name == old) return;
    m_session->edit([&](const model::Document& d) {
        return model::edits::renameState(d, pointer, name.toStdString());
    });
}

void MainWindow::onFindTriggered() {
    QStringList names;
    std::vector<std::string> pointers;
    std::function<void(const model::StateMachine&)> walk = [&](const model::StateMachine& m) {
        for (const model::State& state : m.states()) {
            names << QString::fromStdString(state.name);
            pointers.push_back(state.pointer);
            for (const model::StateMachine& branch : state.branches)
                walk(branch);
        }
    };
    for (const DefinitionView& view : m_session->definitions())
        walk(view.machine);
    if (names.isEmpty()) return;
    bool ok = false;
    const QString name =
        QInputDialog::getItem(this, tr("Find State"), tr("State:"), names, 0, true, &ok);
    const qsizetype index = names.indexOf(name);
    if (ok && index >= 0) m_session->select(QString::fromStdString(pointers[std::size_t(index)]));
}

void MainWindow::updateEditActions() {
    const model::Document& document = m_session->document();
    m_undoAction->setEnabled(document.canUndo());
    m_redoAction->setEnabled(document.canRedo());
    m_undoAction->setText(document.canUndo()
                              ? tr("&Undo %1").arg(QString::fromStdString(document.undoLabel()))
                              : tr("&Undo"));
    m_redoAction->setText(document.canRedo()
                              ? tr("&Redo %1").arg(QString::fromStdString(document.redoLabel()))
                              : tr("&Redo"));
}

bool MainWindow::save() {
    if (m_session->path().isEmpty() || m_session->isTemplate()) return saveAs();
    return m_session->save();
}

bool MainWindow::saveAs() {
    QString dir = QFileInfo(m_session->path()).absolutePath();
    if (m_session->path().isEmpty()) dir = QDir::homePath();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Project"), dir,
        tr("Flowcast projects (*.flowcast.json);;ASL definitions (*.asl.json);;ASL as YAML "
           "(*.asl.yaml)"));
    if (path.isEmpty()) return false;
    const bool ok = m_session->save(path);
    if (ok) {
        m_recent->add(path);
        onSessionChanged();
    }
    return ok;
}

void MainWindow::onExportTriggered() {
    if (m_session->errorCount() > 0 &&
        QMessageBox::question(this, tr("Export ASL"),
                              tr("The definition has %n error(s): AWS will refuse it. Export "
                                 "anyway?",
                                 nullptr, m_session->errorCount())) != QMessageBox::Yes)
        return;
    const QString suggested = QFileInfo(m_session->path()).absolutePath() + QLatin1Char('/') +
                              QFileInfo(m_session->path()).fileName().section('.', 0, 0) +
                              QStringLiteral(".asl.json");
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export ASL"), suggested,
                                     tr("ASL definitions (*.asl.json);;ASL as YAML (*.asl.yaml)"));
    if (!path.isEmpty() && m_session->exportAsl(path))
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

bool MainWindow::confirmDiscard() {
    if (!m_session->isModified()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("Save the changes to %1 first?").arg(m_session->fileName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save) return save();
    if (answer == QMessageBox::Discard) m_autosave->discard();
    return answer == QMessageBox::Discard;
}

bool MainWindow::offerRecovery() {
    const QList<Autosave::Recovery> pending = Autosave::pending(
        QFileInfo(m_settings->fileName()).absolutePath() + QStringLiteral("/recovery"));
    if (pending.isEmpty()) return false;
    const Autosave::Recovery& latest = pending.front();
    const QString name = latest.source.isEmpty() ? tr("an untitled state machine")
                                                 : QFileInfo(latest.source).fileName();
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved work"),
        tr("Flowcast stopped with unsaved changes to %1 (autosaved %2). Recover them?")
            .arg(name, QLocale().toString(latest.savedAt.toLocalTime(), QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        QFile::remove(latest.file);
        return false;
    }
    return m_session->openRecovered(latest.file, latest.source);
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
    if (path.isEmpty() || !confirmDiscard()) return false;
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
    if (hasFile)
        setWindowTitle(tr("%1[*] \u2014 Flowcast").arg(m_session->fileName()));
    else
        setWindowTitle(m_session->hasDocument() ? tr("Untitled[*] \u2014 Flowcast")
                                                : QStringLiteral("Flowcast"));
    setWindowModified(m_session->isModified());
    m_reloadAction->setEnabled(hasFile);
    m_summaryLabel->setText(
        m_session->hasDocument() || hasFile
            ? DiagnosticsPanel::summary(m_session->errorCount(), m_session->warningCount())
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
    if (!confirmDiscard()) {
        event->ignore();
        return;
    }
    m_settings->setValue(geometryKey(), saveGeometry());
    m_settings->setValue(splitterKey(), m_splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace flowcast::ui
