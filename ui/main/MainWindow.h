#pragma once
// The main window: File menu (open, recent files, reload, quit), the state tree above the
// diagnostics, and the problem counts in the status bar. It owns one DefinitionSession and wires
// the views to it; it keeps no document data of its own. Files arrive by menu, recent list, drag
// and drop, or openFile() (the command line).
#include <QMainWindow>

#include <memory>

class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QSplitter;
class QTabWidget;

namespace flowcast::ui {

class Autosave;
class CanvasScene;
class CanvasView;
class DefinitionSession;
class DiagnosticsPanel;
class CodeView;
class ConfigView;
class CompareView;
class SimulateView;
class ScenarioView;
class InspectorView;
class PaletteView;
class RecentFiles;
class ReplayPanel;
class StateTreeView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `settings` holds the recent files and the window geometry (QSettings("Flowcast",
    /// "Flowcast") in the application; a temporary file in tests).
    explicit MainWindow(std::unique_ptr<QSettings> settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    DefinitionSession& session() { return *m_session; }
    StateTreeView* stateTree() const { return m_tree; }
    CanvasView* canvas() const { return m_canvas; }
    CanvasScene* canvasScene() const { return m_scene; }
    PaletteView* palette() const { return m_palette; }
    InspectorView* inspector() const { return m_inspector; }
    CodeView* codeView() const { return m_code; }
    ConfigView* configView() const { return m_config; }
    SimulateView* simulateView() const { return m_simulate; }
    CompareView* compareView() const { return m_compare; }
    ScenarioView* scenarioView() const { return m_scenario; }
    enum Mode {
        DesignMode = 0,
        CodeMode = 1,
        ConfigMode = 2,
        ScenarioMode = 3,
        SimulateMode = 4,
        CompareMode = 5
    };
    /// Shows the Simulate (or Compare) mode and runs the project's scenario there; false when it
    /// cannot start (the mode says why).
    bool runScenario(int mode);
    /// Tints the canvas's states with the last simulation (a HeatMeasure: 0 off, 1 time share,
    /// 2 failure rate) and shows the Design mode; false when there is no simulation yet.
    bool showHeat(int measure);
    /// Shows the Replay panel under the Design mode (MainWindowReplay.cpp).
    void showReplay();
    ReplayPanel* replayPanel() const { return m_replay; }
    QDockWidget* replayDock() const { return m_replayDock; }
    int mode() const;
    void setMode(int mode);
    DiagnosticsPanel* diagnosticsPanel() const { return m_diagnostics; }
    QMenu* recentMenu() const { return m_recentMenu; }
    RecentFiles& recentFiles() { return *m_recent; }
    /// The problem counts shown in the status bar ("2 errors, 3 warnings").
    QString statusSummary() const;

public slots:
    /// Opens `path`; a file that cannot be read shows its problem in the diagnostics. Returns
    /// true when the file parsed.
    bool openFile(const QString& path);
    /// Asks whether to recover the work an earlier run left unsaved; true when recovered.
    bool offerRecovery();
    Autosave& autosave() { return *m_autosave; }
    /// Saves to the current file, or asks for one; false when not saved.
    bool save();
    bool saveAs();
    void reload();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private slots:
    void onOpenTriggered();
    void onAboutTriggered();
    void onExportTriggered();
    void onRenameTriggered();
    void onModeChanged(int mode);
    void onFindTriggered();
    void updateEditActions();
    void onSessionChanged();
    void onLoadFailed(const QString& message);
    void rebuildRecentMenu();

private:
    void createMenus();
    void createRunMenu();
    void createReplay(QMenu* run);
    void createStatusBar();
    void restoreLayout();
    /// Asks before unsaved changes are lost; true when it is fine to go on.
    bool confirmDiscard();

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<RecentFiles> m_recent;
    DefinitionSession* m_session = nullptr;
    StateTreeView* m_tree = nullptr;
    DiagnosticsPanel* m_diagnostics = nullptr;
    QSplitter* m_splitter = nullptr;
    QSplitter* m_outline = nullptr;
    CanvasScene* m_scene = nullptr;
    CanvasView* m_canvas = nullptr;
    PaletteView* m_palette = nullptr;
    InspectorView* m_inspector = nullptr;
    CodeView* m_code = nullptr;
    ConfigView* m_config = nullptr;
    ScenarioView* m_scenario = nullptr;
    int m_heatMeasure = 0;
    SimulateView* m_simulate = nullptr;
    CompareView* m_compare = nullptr;
    ReplayPanel* m_replay = nullptr;
    QDockWidget* m_replayDock = nullptr;
    bool m_replayOpen = false; ///< shown whenever the Design mode is
    QTabWidget* m_modes = nullptr;
    Autosave* m_autosave = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_reloadAction = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QLabel* m_statesLabel = nullptr;
};

} // namespace flowcast::ui
